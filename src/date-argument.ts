import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { checkPartialDate, type PartialDate } from './calendar.js';

/**
 * A date a client passes to a query (`from`, `to`, `at`): a day, a month or a
 * year, as the data's own dates are. It arrives as its covered range, so each
 * argument says which end it takes (`from` its first day, `to` its last), and
 * a resolver cannot hand "2024-06" to Cypher's date() by mistake (that would be
 * the 1st of June).
 */
export type DateArgument = PartialDate;

/**
 * Read by the calendar: a refusal says why ("February 2023 has 28 days", "month
 * 13 does not exist"). A variable's refusal leaves naming the value to
 * graphql-js, which prefixes `Variable "$from" got invalid value "2023-02-29";`;
 * a literal's refusal is reported as thrown, so it names the value itself.
 */
function parse(value: unknown, literal?: ValueNode): DateArgument {
  const checked = checkPartialDate(value);
  if (checked.ok) return checked.value;
  if (!literal) throw new GraphQLError(`${checked.message}.`);
  // Located at the literal: graphql-js reports a literal's refusal as thrown.
  throw new GraphQLError(`${JSON.stringify(value)}: ${checked.message}.`, { nodes: literal });
}

/**
 * `Date`: always a whole day (YYYY-MM-DD) in answers. In arguments it also
 * takes a month or a year, each standing for all of its days; a full day is
 * taken as before, so queries and variables declared `Date` keep working.
 */
export const DateScalar = new GraphQLScalarType<DateArgument, string>({
  name: 'Date',
  description:
    'A calendar day, YYYY-MM-DD, in answers. As an argument (filter and query dates) it also takes a month, YYYY-MM, or a year, YYYY, standing for all of its days: `from: "2024-06"` starts on 2024-06-01 and `to: "2024-06"` ends on 2024-06-30. Years 0001 to 9999; an impossible date ("2024-02-30", "2024-13") is refused.',
  serialize: (value) => LocalDateResolver.serialize(value) as string,
  parseValue: (value) => parse(value),
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('A Date is a string: YYYY-MM-DD, YYYY-MM or YYYY.', { nodes: ast });
    }
    return parse(ast.value, ast);
  },
});
