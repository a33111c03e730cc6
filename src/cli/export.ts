import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Database } from '../db/neo4j.js';
import { statementsCsv } from '../export/csv.js';
import { exportDataset } from '../export/exporter.js';
import { COLLECTIONS } from '../import/records.js';
import { checkDay } from '../calendar.js';

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
      speaker: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  });
  for (const name of ['from', 'to'] as const) {
    const value = values[name];
    const checked = value === undefined ? null : checkDay(value);
    if (checked && !checked.ok) {
      log(`--${name} ${checked.message}`);
      return 2;
    }
  }
  if (values.format !== 'json' && values.format !== 'jsonl') {
    log('--format must be json or jsonl');
    return 2;
  }
  const dataset = await exportDataset(db, {
    speakerIds: values.speaker,
    from: values.from,
    to: values.to,
  });
  const text =
    values.format === 'json'
      ? `${JSON.stringify(dataset, null, 2)}\n`
      : [
          JSON.stringify({ format: dataset.format }),
          ...COLLECTIONS.flatMap(([collection, type]) =>
            (dataset[collection] as object[]).map((record) => JSON.stringify({ type, ...record })),
          ),
        ].join('\n') + '\n';
  if (values.out) await writeFile(values.out, text);
  else process.stdout.write(text);
  if (values.csv) await writeFile(values.csv, statementsCsv(dataset));
  const counts = COLLECTIONS.map(
    ([collection]) => `${dataset[collection].length} ${collection}`,
  ).join(', ');
  log(
    `Exported ${counts}${values.out ? ` to ${values.out}` : ''}${values.csv ? `; statements CSV in ${values.csv}` : ''}.`,
  );
  return 0;
}
