import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { resolvers } from './resolvers.js';

export const SCHEMA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../schema');

export const typeDefs = readdirSync(SCHEMA_DIR)
  .filter((file) => file.endsWith('.graphql'))
  .sort()
  .map((file) => readFileSync(join(SCHEMA_DIR, file), 'utf8'));

export const schema = makeExecutableSchema({ typeDefs, resolvers });
