import { z } from 'zod';
import { dataset, FORMAT, RECORD_TYPES } from './dataset.js';
import { GRAPH_RELATIONSHIP_TYPES } from './record-kinds.js';

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
/** What each relationship type links, for the schema's docs (a type without one fails to compile). */
const RELATIONSHIP_DESCRIPTIONS: Record<(typeof GRAPH_RELATIONSHIP_TYPES)[number], string> = {
  MADE: 'Actor → Statement: the speaker.',
  ABOUT: 'Statement → actor, topic or meeting it is about, with a stance.',
  MENTIONS: 'Statement → actor, place or meeting it names without taking a stance.',
  ON_TOPIC: 'Statement → topic.',
  MADE_AT: 'Statement → the meeting it was said at.',
  REPORTED_IN: 'Statement → a source that carries it, with the quote type.',
  CITES: 'Source → a source it republishes or relies on.',
  PUBLISHED_BY: 'Source → the organisation that published it.',
  RELAYS: 'Statement → a statement it passes on (A says that B said …).',
  RESPONDS_TO: 'Statement → a statement it answers.',
  HOLDS_POSITION: 'Person → organisation or country: a post, with title and dates.',
  PART_OF: 'Organisation → the organisation or country it belongs to.',
  ATTENDED: 'Actor → meeting, with the role.',
  HELD_IN: 'Meeting → the place or country it was held in.',
  LOCATED_IN: 'Place → its country.',
};

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
