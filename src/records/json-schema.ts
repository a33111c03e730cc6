import { z } from 'zod';
import { dataset, FORMAT, RECORD_TYPES } from './dataset.js';
import { GRAPH_RELATIONSHIP_TYPES, RELATIONSHIP_DESCRIPTIONS } from './record-kinds.js';

/** The JSON Schema of the dataset format, generated from the zod definitions the importer uses. */
export function datasetJsonSchema(): object {
  const line = z.union(
    Object.entries(RECORD_TYPES).map(([type, schema]) =>
      schema.extend({ type: z.literal(type) }),
    ) as unknown as [z.ZodType, z.ZodType],
  );
  return {
    ...z.toJSONSchema(dataset, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://statement-graph.invalid/schema/dataset.schema.json',
    title: `Statement Graph dataset (${FORMAT})`,
    description:
      'A JSON dataset. For JSON Lines, each line is one record matching $defs/line (its collection named in "type"); an optional first line {"format": "statement-graph/1"}.',
    $defs: { line: z.toJSONSchema(line, { io: 'input', unrepresentable: 'any' }) },
  };
}

/**
 * The GraphQL enum of relationship types, generated from the kinds table, so a
 * link added there can be followed by the explorer without another edit.
 */
export function relationshipTypesSdl(): string {
  return [
    '# Generated from src/records/record-kinds.ts by `npm run schema:json`: do not edit.',
    '',
    '"Relationship types, for following only some of them."',
    'enum RelationshipType {',
    ...GRAPH_RELATIONSHIP_TYPES.flatMap((type) => [
      `  ${JSON.stringify(RELATIONSHIP_DESCRIPTIONS[type])}`,
      `  ${type}`,
    ]),
    '}',
    '',
  ].join('\n');
}
