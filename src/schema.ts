import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { isObjectType, isInterfaceType, type GraphQLSchema } from 'graphql';
import { resolvers } from './resolvers.js';

export const SCHEMA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../schema');

export const typeDefs = readdirSync(SCHEMA_DIR)
  .filter((file) => file.endsWith('.graphql'))
  .sort()
  .map((file) => readFileSync(join(SCHEMA_DIR, file), 'utf8'));

/**
 * A field that implements an interface's field, and its arguments, take the
 * interface's description when the SDL gives none: `Person.statements` says
 * what `Actor.statements` says, written once. A type's own description wins.
 */
function inheritDescriptions(built: GraphQLSchema): GraphQLSchema {
  // Interfaces implement interfaces (Actor implements Node): repeat until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    for (const type of Object.values(built.getTypeMap())) {
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      for (const iface of type.getInterfaces()) {
        const inherited = iface.getFields();
        for (const field of Object.values(type.getFields())) {
          const from = inherited[field.name];
          if (!from) continue;
          if (!field.description && from.description) {
            field.description = from.description;
            changed = true;
          }
          for (const arg of field.args) {
            const description = from.args.find((a) => a.name === arg.name)?.description;
            if (!arg.description && description) {
              arg.description = description;
              changed = true;
            }
          }
        }
      }
    }
  }
  return built;
}

export const schema = inheritDescriptions(makeExecutableSchema({ typeDefs, resolvers }));
