import { createDatabase, createDriver } from '../db/neo4j.js';
import { AppError, type FieldProblem } from '../errors.js';
import { exportSlice } from './exporter.js';
import { EXPORT_FORMATS } from './formats.js';
import type { ExportWorkerInput, ExportWorkerOutput } from './export-runner.js';
import { answerParent, inputFromParent } from '../subprocess.js';

/**
 * One export in a child process of its own (see export-runner.ts): reads the slice with a
 * driver of its own, writes the file and sends its bytes back. Every outcome is one
 * message; running out of heap ends the process before it can send one.
 */
async function run(input: ExportWorkerInput): Promise<ExportWorkerOutput> {
  const { connection, format, filter, description } = input;
  const driver = createDriver(connection);
  let queries = 0;
  try {
    const db = createDatabase(driver, {
      database: connection.database,
      txTimeoutMs: connection.txTimeoutMs,
      onQuery: () => (queries += 1),
    });
    const slice = await exportSlice(db, filter);
    const body = new TextEncoder().encode(EXPORT_FORMATS[format].write(slice, description));
    return { ok: true, body, statements: slice.matching.length, queries };
  } catch (error) {
    if (error instanceof AppError) {
      const { problems } = error.extensions as { problems?: FieldProblem[] };
      return { ok: false, code: error.code, message: error.message, problems, queries };
    }
    // A file longer than a JavaScript string may be is too large too, whatever the heap.
    if (error instanceof RangeError && /string length/i.test(error.message))
      return { ok: false, code: 'EXPORT_TOO_LARGE', message: error.message, queries };
    return { ok: false, message: (error as Error)?.stack ?? String(error), queries };
  } finally {
    await driver.close();
  }
}

await answerParent(await run(await inputFromParent<ExportWorkerInput>()));
