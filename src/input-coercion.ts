import {
  coerceInputValue,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  typeFromAST,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  type ObjectFieldNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { FieldProblem } from './errors.js';
import { given, KINDS, ledByValue } from './records/issue-messages.js';

/**
 * graphql-js's refusals of an input value (a variable, a value written in the query, a filter
 * from a URL) as this project's other problems say them: a path in the import's style
 * (`input.sources[0].role`, `filter.stances[0]`) and what the field must be and was given,
 * never the whole value.
 */

/** A message of graphql-js's without its "Did you mean …?". */
export const withoutSuggestions = (message: string) =>
  message.replace(/\s*Did you mean [^?]*\?/g, '');

/** What a value of a built-in scalar must be, said as the import says it. */
const SCALAR_KINDS: Record<string, string | undefined> = {
  Float: KINDS.number,
  Int: KINDS.int,
  Boolean: KINDS.boolean,
  String: KINDS.string,
  ID: KINDS.string,
};

const pathText = (root: string, path: ReadonlyArray<string | number>) =>
  path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${key}`),
    root,
  );

/** The input type at a coercion path below `type`; a list's item type at an index. */
function typeAt(type: GraphQLInputType, path: ReadonlyArray<string | number>): GraphQLInputType {
  let at = type;
  for (const key of path) {
    const nullable: GraphQLInputType = getNullableType(at);
    if (typeof key === 'number' && isListType(nullable)) at = nullable.ofType;
    else if (typeof key === 'string' && isInputObjectType(nullable))
      at = nullable.getFields()[key]!.type;
  }
  return at;
}

/**
 * One refusal of graphql-js's coercion in the import's words: what the field must be and
 * what was given (`must be one of SUPPORTIVE, …, not "ANGRY"`), `required`, `unknown field`.
 * A scalar of the project's own (Date) keeps its message, which names the value given.
 * `root` names the value (`filter`, `input`), `type` is its type.
 */
export function coercionProblem(
  root: string,
  type: GraphQLInputType,
  path: ReadonlyArray<string | number>,
  value: unknown,
  message: string,
): FieldProblem {
  const field = /^Field "([^"]+)" (of required type|is not defined by type) /.exec(message);
  if (field)
    return {
      path: `${pathText(root, path)}.${field[1]}`,
      message: field[2] === 'is not defined by type' ? 'unknown field' : 'required',
    };
  // A list field given one value takes it as its one item: the item's kind is what it must be.
  const named = getNamedType(typeAt(type, path));
  const kind = isEnumType(named)
    ? `one of ${named
        .getValues()
        .map((v) => v.name)
        .join(', ')}`
    : isInputObjectType(named)
      ? 'an object'
      : SCALAR_KINDS[named.name];
  if (kind) return { path: pathText(root, path), message: `must be ${kind}, not ${given(value)}` };
  // Without the sentence's full stop, as every problem's message (`"2024-02-30": February 2024 has 29 days`).
  const own = message.replace(/\.$/, '');
  return {
    path: pathText(root, path),
    message: typeof value !== 'object' ? ledByValue(own, value) : own,
  };
}

/** A problem of one variable, with the variable's name (graphql-js's error for it starts `Variable "$name"`). */
export interface VariableProblem {
  variable: string;
  problem: FieldProblem;
}

/**
 * The problems of an operation's variables, one for each error graphql-js's
 * getVariableValues reports and in its order: its own checks, step for step, with
 * coerceInputValue's structured paths, which its messages only print. A variable's
 * path starts with its name (`input.kind` for `$input`).
 */
export function variableProblems(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  values: Readonly<Record<string, unknown>>,
): VariableProblem[] {
  const problems: VariableProblem[] = [];
  for (const definition of definitions) {
    const variable = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    const add = (problem: FieldProblem) => problems.push({ variable, problem });
    if (!isInputType(type)) {
      add({ path: variable, message: 'must be of an input type' });
      continue;
    }
    if (!Object.hasOwn(values, variable)) {
      if (!definition.defaultValue && isNonNullType(type))
        add({ path: variable, message: 'required' });
      continue;
    }
    const value = values[variable];
    if (value === null && isNonNullType(type)) {
      add(coercionProblem(variable, type, [], value, 'must not be null'));
      continue;
    }
    coerceInputValue(value, type, (path, invalid, error) =>
      add(coercionProblem(variable, type, path, invalid, error.message)),
    );
  }
  return problems;
}

type PathPlace = { root: string; type: GraphQLInputType; path: Array<string | number> };

/** Where a value is written: its argument's (or variable's) name, its type, and the path below it. */
function placesOf(schema: GraphQLSchema, document: DocumentNode, wanted: ReadonlySet<ASTNode>) {
  const places = new Map<ASTNode, PathPlace>();
  const typeInfo = new TypeInfo(schema);
  const walk = (
    root: string,
    type: GraphQLInputType,
    node: ValueNode | ObjectFieldNode,
    path: Array<string | number>,
  ) => {
    if (wanted.has(node)) places.set(node, { root, type, path });
    if (node.kind === Kind.OBJECT_FIELD) walk(root, type, node.value, path);
    else if (node.kind === Kind.LIST)
      node.values.forEach((item, i) => walk(root, type, item, [...path, i]));
    else if (node.kind === Kind.OBJECT)
      for (const field of node.fields) walk(root, type, field, [...path, field.name.value]);
  };
  // TypeInfo knows an argument's type, and a variable's, as each is entered.
  const enter = (name: string, value: ValueNode | undefined) => {
    const type = typeInfo.getInputType();
    if (type && value) walk(name, type, value, []);
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument: (node) => enter(node.name.value, node.value),
      VariableDefinition: (node) => enter(node.variable.name.value, node.defaultValue),
    }),
  );
  return places;
}

const VALUE_KINDS = new Set<string>([
  Kind.INT,
  Kind.FLOAT,
  Kind.STRING,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
  Kind.LIST,
  Kind.OBJECT,
  Kind.OBJECT_FIELD,
]);

/**
 * The problem of each validation error about a value written in `document` (an
 * argument's, or a variable's default), as a variable's would say it, its path starting
 * with the argument's name (`filter.stances[0]`); errors about anything else get none.
 */
export function literalProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  errors: readonly GraphQLError[],
): Map<GraphQLError, FieldProblem> {
  const nodeOf = (error: GraphQLError) => {
    const node = error.nodes?.length === 1 ? error.nodes[0] : undefined;
    return node && VALUE_KINDS.has(node.kind) ? node : null;
  };
  const wanted = new Set(errors.map(nodeOf).filter((node) => node !== null));
  const problems = new Map<GraphQLError, FieldProblem>();
  if (wanted.size === 0) return problems;
  const places = placesOf(schema, document, wanted);
  for (const error of errors) {
    const node = nodeOf(error);
    const place = node && places.get(node);
    if (!place || /^OneOf /.test(error.message)) continue;
    const { root, type, path } = place;
    const required = /^Field "(?:[^"]*\.)?([^".]+)" of required type /.exec(error.message);
    if (node.kind === Kind.OBJECT_FIELD) {
      problems.set(error, { path: pathText(root, path), message: 'unknown field' });
    } else if (required) {
      problems.set(error, { path: `${pathText(root, path)}.${required[1]}`, message: 'required' });
    } else {
      const value = valueFromASTUntyped(node as ValueNode);
      const problem = coercionProblem(root, type, path, value, withoutSuggestions(error.message));
      // A name in quotes is text, not the enum value it spells.
      if (node.kind === Kind.STRING && isEnumType(getNamedType(typeAt(type, path))))
        problem.message = problem.message.replace(/, not /, ', written without quotes, not ');
      problems.set(error, problem);
    }
  }
  return problems;
}
