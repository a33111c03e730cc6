import { mkdtempSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Config } from '../config.js';
import { connect } from '../db/connect.js';
import { bulkImportLocal } from '../db/local-neo4j.js';
import { ARRAY_DELIMITER, finishBulkImport, writeBulkCsv, type CsvGroup } from '../import/bulk.js';
import { formatProblem } from '../records/validate.js';

/** `statement-graph import <file.jsonl> --bulk [--csv DIR]`: see src/import/bulk.ts. */
export async function runBulkImport(
  config: Config,
  file: string,
  csvDir: string | undefined,
  log: (line: string) => void,
): Promise<number> {
  if (!/\.jsonl$|\.ndjson$/i.test(file)) {
    log('--bulk reads JSON Lines (.jsonl): export a .json dataset with --format jsonl first.');
    return 2;
  }
  if (config.neo4j.uri && !csvDir) {
    log(
      'NEO4J_URI is set: --bulk fills the local Neo4j only. Add --csv DIR to write the CSV files for that server.',
    );
    return 2;
  }
  const started = performance.now();
  const dir = csvDir
    ? resolve(csvDir)
    : mkdtempSync(join(resolve(config.neo4j.local.dataDir, '..'), 'bulk-csv-'));
  try {
    const report = await writeBulkCsv(file, dir, { by: `import:${basename(file)}` });
    if (!report.ok) {
      log(`${file}: ${report.problems.length} problem(s); nothing was written.`);
      for (const problem of report.problems) log(`  ${formatProblem(problem)}`);
      return 1;
    }
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
    log(`${report.records} records validated and written as CSV in ${seconds()} s`);
    if (config.neo4j.uri) {
      const group = (flag: string, g: CsvGroup) => `--${flag}=${g.name}=${g.header},${g.data}`;
      console.log(
        [
          `neo4j-admin database import full ${config.neo4j.database}`,
          `--array-delimiter=U+001F --multiline-fields=${report.multiline}`,
          ...report.nodes.map((g) => group('nodes', g)),
          ...report.relationships.map((g) => group('relationships', g)),
        ].join(' \\\n  '),
      );
      return 0;
    }
    await bulkImportLocal({
      dataDir: config.neo4j.local.dataDir,
      nodes: report.nodes,
      relationships: report.relationships,
      arrayDelimiter: ARRAY_DELIMITER,
      multiline: report.multiline,
      log,
    });
    log(`offline import done in ${seconds()} s; starting Neo4j to build the indexes`);
    const connection = await connect(config, log);
    try {
      await finishBulkImport(connection.db, report);
    } finally {
      await connection.close();
    }
    console.log(
      `Imported ${file}: ${report.records} records (${report.statements} statements) in ${seconds()} s`,
    );
    return 0;
  } finally {
    if (!csvDir) rmSync(dir, { recursive: true, force: true });
  }
}
