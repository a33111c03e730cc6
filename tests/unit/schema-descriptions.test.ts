import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema.js';

/** Everything of the public schema a client can read about, by its coordinate, that has no description. */
export function undescribed(built: GraphQLSchema): string[] {
  const missing: string[] = [];
  const need = (coordinate: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(coordinate);
  };
  need('schema', built.description);
  for (const type of Object.values(built.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    need(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        need(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args)
          need(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        need(`${type.name}.${field.name}`, field.description);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) need(`${type.name}.${value.name}`, value.description);
    }
  }
  for (const directive of built.getDirectives().filter((d) => !isSpecifiedDirective(d))) {
    need(`@${directive.name}`, directive.description);
    for (const arg of directive.args) need(`@${directive.name}(${arg.name}:)`, arg.description);
  }
  return missing;
}

describe('the public schema', () => {
  it('describes every type, field, argument, input field and enum value', () => {
    expect(undescribed(schema)).toEqual([]);
  });

  it('finds what lacks a description, wherever it is', () => {
    const sample = buildSchema(`
      "The schema."
      schema { query: Query }
      "Q."
      type Query { "F." f(a: Int, "B." b: In): E  g: I }
      enum E { "X." X Y }
      "I."
      input In { "P." p: Int q: Int }
      interface I { "Z." z: Int }
      "T."
      type T implements I { z: Int }
    `);
    expect(undescribed(sample)).toEqual(['Query.f(a:)', 'Query.g', 'E', 'E.Y', 'In.q', 'I', 'T.z']);
  });
});
