import { z } from 'zod';
import { dataset, FORMAT, RECORD_TYPES } from './dataset.js';

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
