import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetJsonSchema, relationshipTypesSdl } from '../../src/records/json-schema.js';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

describe('schema files generated from the write model', () => {
  it('are current (`npm run schema:json` rewrites them)', () => {
    expect(JSON.parse(read('schema/dataset.schema.json'))).toEqual(datasetJsonSchema());
    expect(read('schema/relationship-types.graphql')).toBe(relationshipTypesSdl());
  });
});
