import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Database } from '../db/neo4j.js';
import { AppError } from '../errors.js';
import { exportSlice } from '../export/exporter.js';
import { statementFilterFrom } from '../export/filter-input.js';
import { EXPORT_FORMATS, isExportFormat } from '../export/formats.js';
import { COLLECTIONS } from '../records/record-kinds.js';

/** CLI flags → StatementFilter fields (lists repeat the flag). */
const LIST_FLAGS = {
  speaker: 'speakerIds',
  about: 'aboutIds',
  mention: 'mentionIds',
  topic: 'topicIds',
  meeting: 'meetingIds',
  source: 'sourceIds',
  stance: 'stances',
  kind: 'kinds',
  verification: 'verification',
} as const;
const VALUE_FLAGS = { from: 'from', to: 'to', 'date-match': 'dateMatch', text: 'text' } as const;

/** `statement-graph export …`: argument handling and file writing only. */
export async function runExport(
  db: Database,
  args: string[],
  log: (line: string) => void,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      format: { type: 'string', default: 'json' },
      csv: { type: 'string' },
      filter: { type: 'string' },
      'min-confidence': { type: 'string' },
      ...Object.fromEntries(
        Object.keys(LIST_FLAGS).map((flag) => [flag, { type: 'string', multiple: true } as const]),
      ),
      ...Object.fromEntries(
        Object.keys(VALUE_FLAGS).map((flag) => [flag, { type: 'string' } as const]),
      ),
    },
  });
  const format = values.format!;
  if (!isExportFormat(format)) {
    log(`--format must be one of ${Object.keys(EXPORT_FORMATS).join(', ')}`);
    return 2;
  }
  let slice;
  try {
    const raw: Record<string, unknown> = values.filter
      ? (JSON.parse(values.filter as string) as Record<string, unknown>)
      : {};
    for (const [flag, field] of Object.entries(LIST_FLAGS)) {
      const given = values[flag as keyof typeof values];
      if (given !== undefined) raw[field] = given;
    }
    for (const [flag, field] of Object.entries(VALUE_FLAGS)) {
      const given = values[flag as keyof typeof values];
      if (given !== undefined) raw[field] = given;
    }
    const min = values['min-confidence'];
    // Not a number: kept as text, so the refusal names what was given rather than NaN.
    // An empty one is not 0 (as Number('') would make it), as in a download URL.
    if (min !== undefined)
      raw.minConfidence = min.trim() === '' || Number.isNaN(Number(min)) ? min : Number(min);
    const filter = statementFilterFrom(raw);
    slice = await exportSlice(db, filter);
  } catch (error) {
    if (error instanceof SyntaxError) log('--filter must be a JSON object (a StatementFilter)');
    else if (error instanceof AppError) {
      const problems = (error.extensions.problems ?? []) as Array<{
        path: string;
        message: string;
      }>;
      for (const p of problems) log(`${p.path}: ${p.message}`);
      if (!problems.length) log(error.message);
    } else throw error;
    return 2;
  }
  const text = EXPORT_FORMATS[format].write(slice, describe(values));
  if (values.out) await writeFile(values.out, text);
  else process.stdout.write(text);
  if (values.csv) await writeFile(values.csv, EXPORT_FORMATS.csv.write(slice, ''));
  const counts = COLLECTIONS.map(
    ([collection]) => `${slice.dataset[collection].length} ${collection}`,
  ).join(', ');
  log(
    `Exported ${slice.matching.length} matching statements as ${format} (${counts})${values.out ? ` to ${values.out}` : ''}${values.csv ? `; statements CSV in ${values.csv}` : ''}.`,
  );
  return 0;
}

const describe = (values: Record<string, unknown>) =>
  `Statement Graph export${Object.keys(values).some((k) => k !== 'format' && k !== 'out' && k !== 'csv') ? ' of a filtered slice' : ''}`;
