#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../config.js';
import { connect } from '../db/connect.js';
import { createImporter, type ImportReport } from '../import/importer.js';
import { formatProblem } from '../records/validate.js';
import { runExport } from './export.js';
import { runBulkImport } from './bulk-import.js';
import { EXTRACT_USAGE, runExtract } from './extract.js';
import { isUsageError, USAGE_ERROR } from './usage.js';

const USAGE = `Usage: statement-graph <command> [options]

  import <file> [--dry-run] [--batch-size N]
      Import a dataset (.json, or .jsonl for JSON Lines). Validates the whole file
      first; writes nothing if anything is wrong; prints created/updated/unchanged.
  import <file.jsonl> --bulk [--csv DIR]
      Into a fresh local Neo4j (NEO4J_DATA_DIR with no database yet, not running):
      validates, writes the CSV files of Neo4j's offline importer and runs it
      (neo4j-admin database import full), then builds the indexes. With --csv DIR
      and NEO4J_URI set, only writes the CSV files and prints the neo4j-admin
      command to run on that server.
  seed
      Import seed/statement-graph.json again (SEED_FILE overrides).
  export [--format json|jsonl|graphml|gexf|ftm|jsonld|csv] [--out FILE] [--csv FILE] [filters]
      Write the graph, or the statements matching the filters with everything they
      refer to: the dataset format (json, jsonl), a stance network (graphml, gexf),
      FollowTheMoney entities (ftm), schema.org JSON-LD (jsonld) or one CSV row per
      statement target (csv; --csv FILE writes it besides another format).
      Filters, as the API's StatementFilter (a repeated flag matches any value):
      --speaker ID --about ID --mention ID --topic ID --meeting ID --source ID
      --stance S --kind K --verification V --min-confidence X --from DAY --to DAY
      --date-match WITHIN|OVERLAPS --text WORDS --filter JSON
${EXTRACT_USAGE}

Neo4j: NEO4J_URI if set; else the local one (started for the command if not running).
Exit codes: 0 done; 1 failed, or in part (a file refused, a dataset with problems);
2 a usage error (an unknown command or option, a missing or malformed value).`;

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'import':
    case 'seed': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          'dry-run': { type: 'boolean' },
          'batch-size': { type: 'string' },
          bulk: { type: 'boolean' },
          csv: { type: 'string' },
        },
      });
      const file = command === 'seed' ? config.seed.file : positionals[0];
      if (!file) {
        log(USAGE);
        return 2;
      }
      if (values.bulk) return runBulkImport(config, file, values.csv, log);
      const batchSize = values['batch-size'] ? Number(values['batch-size']) : undefined;
      if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
        log('--batch-size must be a positive integer');
        return 2;
      }
      const connection = await connect(config, log);
      try {
        const bar = process.stderr.isTTY
          ? new SingleBar({ clearOnComplete: true }, Presets.shades_classic)
          : null;
        let started = false;
        const report = await createImporter(connection.db).importFile(file, {
          dryRun: values['dry-run'],
          batchSize,
          by: `import:${basename(file)}`,
          onProgress(done, total) {
            if (!bar || total < 5000) return;
            if (!started) bar.start(total, 0);
            started = true;
            bar.update(done);
          },
        });
        bar?.stop();
        return printReport(file, report);
      } finally {
        await connection.close();
      }
    }
    case 'export': {
      const connection = await connect(config, log);
      try {
        return await runExport(connection.db, rest, log);
      } finally {
        await connection.close();
      }
    }
    case 'extract':
      return runExtract(rest, config, log);
    default:
      log(USAGE);
      return command === undefined || command === '--help' ? 0 : 2;
  }
}

function printReport(file: string, report: ImportReport): number {
  if (!report.ok) {
    log(`${file}: ${report.problems.length} problem(s); nothing was written.`);
    for (const problem of report.problems) log(`  ${formatProblem(problem)}`);
    return 1;
  }
  const rows = Object.entries(report.counts).filter(
    ([, c]) => c.created + c.updated + c.unchanged > 0,
  );
  const total = rows.reduce(
    (sum, [, c]) => ({
      created: sum.created + c.created,
      updated: sum.updated + c.updated,
      unchanged: sum.unchanged + c.unchanged,
    }),
    { created: 0, updated: 0, unchanged: 0 },
  );
  console.log(
    `${report.dryRun ? 'Dry run (nothing written)' : 'Imported'} ${file}: ${report.records} records`,
  );
  for (const [type, c] of rows) {
    console.log(
      `  ${type.padEnd(13)} created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}`,
    );
  }
  console.log(
    total.created + total.updated === 0
      ? '  Nothing changed: the graph already holds this file.'
      : `  total         created ${total.created}, updated ${total.updated}, unchanged ${total.unchanged}`,
  );
  for (const w of report.warnings ?? []) log(`  warning: ${formatProblem(w)}`);
  for (const d of report.possibleDuplicates ?? []) {
    log(`  possible duplicate: ${d.id} "${d.name}" and ${d.otherId} "${d.otherName}" are one name`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`statement-graph: ${(error as Error).message}`);
    if (isUsageError(error)) {
      log('Run statement-graph --help for the commands and their options.');
      process.exit(USAGE_ERROR);
    }
    process.exit(1);
  },
);
