import { readFileSync } from 'node:fs';
import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema.js';

/** An input type's fields a client must give (`!` and no default), nested ones as `sources[].source`. */
function required(type: GraphQLInputObjectType, prefix = ''): string[] {
  return Object.values(type.getFields()).flatMap((field) => {
    const path = `${prefix}${field.name}`;
    const own = isNonNullType(field.type) && field.defaultValue === undefined ? [path] : [];
    const named = getNamedType(field.type);
    const nested = isInputObjectType(named)
      ? required(named, `${path}${isListType(getNullableType(field.type)) ? '[]' : ''}.`)
      : [];
    return [...own, ...nested];
  });
}

/** A mutation's required fields: those of its input object, or its required arguments. */
function requiredOf(mutation: string): string[] {
  const field = schema.getMutationType()!.getFields()[mutation];
  if (!field) return [`(no mutation ${mutation})`];
  return field.args.flatMap((arg) => {
    const named = getNamedType(arg.type);
    if (isInputObjectType(named)) return required(named);
    return isNonNullType(arg.type) && arg.defaultValue === undefined ? [arg.name] : [];
  });
}

const cells = (row: string) =>
  row
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim());
const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe("the README's required fields of the mutations (Writing)", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Writing (editors)'),
    readme.indexOf('## Live updates'),
  );
  const tables = section.split('\n\n').filter((block) => block.startsWith('| '));
  const [mutations, requiredTable] = tables;

  it('lists, for every mutation of the section, the fields the schema marks required', () => {
    const fromReadme = Object.fromEntries(
      requiredTable!
        .split('\n')
        .slice(2)
        .map((row) => {
          const [mutation = '', fields = ''] = cells(row);
          return [names(mutation)[0]!, names(fields)];
        }),
    );
    // The mutations the section's first table describes (`recordStatement(input: …)` → recordStatement).
    const described = mutations!
      .split('\n')
      .slice(2)
      .flatMap((row) => names(cells(row)[0]!).map((name) => name.replace(/\(.*$/, '')));
    expect(Object.keys(fromReadme)).toEqual(described);
    expect(fromReadme).toEqual(Object.fromEntries(described.map((m) => [m, requiredOf(m)])));
  });
});
