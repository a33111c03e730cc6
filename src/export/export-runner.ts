import { createGate } from '../gate.js';
import type { Database, Neo4jConnection } from '../db/neo4j.js';
import { AppError, type ErrorCode, type FieldProblem } from '../errors.js';
import { exportSlice, type ExportFilter } from './exporter.js';
import { EXPORT_FORMATS, type ExportFormatName } from './formats.js';
import { OutOfMemory, runInProcess, workerModule } from '../subprocess.js';

/** Where an export process reads from: its own driver on the service's Neo4j. */
export interface ExportConnection extends Neo4jConnection {
  database: string;
  txTimeoutMs: number;
}

export interface ExportJob {
  format: ExportFormatName;
  filter: ExportFilter;
  /** What the file says it holds (GEXF's description). */
  description: string;
}

/** A written export: the file's bytes (outside the JavaScript heap) and how many statements matched. */
export interface ExportFile {
  body: Uint8Array<ArrayBuffer>;
  statements: number;
}

export interface ExportRunner {
  /** Writes one export; EXPORT_TOO_LARGE when it needs more than its memory limit. */
  run(job: ExportJob): Promise<ExportFile>;
}

export interface ExportWorkerInput extends ExportJob {
  connection: ExportConnection;
}

export type ExportWorkerOutput =
  | { ok: true; body: Uint8Array<ArrayBuffer>; statements: number; queries: number }
  | { ok: false; code?: ErrorCode; message: string; problems?: FieldProblem[]; queries: number };

export interface ExportProcessOptions {
  connection: ExportConnection;
  /** Old-generation heap of one export process, MB (EXPORT_HEAP_MB). */
  heapMb: number;
  /** Export processes at once (EXPORT_CONCURRENCY); more wait their turn, in order. */
  concurrency: number;
  /** Told of each Cypher query an export process sent, as the service's Database is (/metrics). */
  onQuery?: (mode: 'read' | 'write') => void;
}

export const exportTooLarge = (heapMb: number) =>
  new AppError(
    'EXPORT_TOO_LARGE',
    `This export needs more than the ${heapMb} MB an export may use (EXPORT_HEAP_MB): narrow the filter, or export with the command line (statement-graph export), which has no such limit.`,
  );

/**
 * Exports run in child processes, one per download, each with its own V8 heap limit and
 * its own Neo4j driver: an export that needs more memory than that ends its process
 * with EXPORT_TOO_LARGE, and the service, whose own heap is capped too (API_HEAP_MB),
 * never holds the slice or the file in its heap — the file comes back as bytes
 * (outside the JavaScript heap). At most `concurrency` run at once.
 */
export function exportProcesses(options: ExportProcessOptions): ExportRunner {
  const { connection, heapMb, concurrency, onQuery } = options;
  const gate = createGate(concurrency);
  return {
    run: (job) =>
      gate.run(async () => {
        const input: ExportWorkerInput = {
          // Plain data only: the filter crosses to the process by structured clone.
          ...job,
          filter: JSON.parse(JSON.stringify(job.filter)) as ExportFilter,
          connection,
        };
        let output: ExportWorkerOutput;
        try {
          output = await runInProcess<ExportWorkerInput, ExportWorkerOutput>(WORKER, input, heapMb);
        } catch (error) {
          throw error instanceof OutOfMemory ? exportTooLarge(heapMb) : error;
        }
        for (let i = 0; i < output.queries; i += 1) onQuery?.('read');
        if (output.ok) return { body: output.body, statements: output.statements };
        if (output.code === 'EXPORT_TOO_LARGE') throw exportTooLarge(heapMb);
        if (output.code)
          throw new AppError(output.code, output.message, { problems: output.problems });
        throw new Error(`export process failed: ${output.message}`);
      }),
  };
}

/**
 * Exports in the calling process, with no limit of their own (the CLI's way): for an app
 * built without a connection to hand to a process (scripts). The service uses exportProcesses.
 */
export function exportInProcess(db: Database): ExportRunner {
  return {
    async run({ format, filter, description }) {
      const slice = await exportSlice(db, filter);
      const body = new TextEncoder().encode(EXPORT_FORMATS[format].write(slice, description));
      return { body, statements: slice.matching.length };
    },
  };
}

const WORKER = workerModule(import.meta.url, './export.worker');
