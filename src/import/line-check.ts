import { on } from 'node:events';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { FORMATS, type RecordType } from '../records/dataset.js';
import type { WriteRow } from '../records/record-store.repository.js';
import type { Upgrade } from '../records/upgrade.js';
import type { AnyRecord } from '../records/record-kinds.js';
import {
  checkRecord,
  parseLine,
  type CheckedRecord,
  type Problem,
  type RefusedRecord,
} from '../records/validate.js';
import { startWorker, workerModule } from '../subprocess.js';
import { FileEncodingError, lineParts, readLines } from './text-file.js';

/**
 * The first pass over a JSON Lines file, line by line: each line parsed and checked on
 * its own (what needs no other record), in file order. The checks across records
 * (ids, references, the rules across records) stay with the caller, which adds the
 * lines in this order, so the result is the same however the lines were checked.
 * A very large version 2 file can be checked by this thread and worker threads, one per
 * part of the file, so the first pass uses every core (see PARALLEL_FROM_BYTES for when
 * that pays).
 */

/** A line checked on its own: its problems, or its record's checks (and write row, if asked). */
export type CheckedLine =
  | { problems: Problem[]; refused?: RefusedRecord }
  | { type: RecordType; checked: CheckedRecord; row?: WriteRow };

/** writeRow, given only where rows are asked for: a worker that writes none loads no driver. */
export type ToRow = (type: RecordType, record: AnyRecord) => WriteRow;

export function checkLine(
  text: string,
  lineNumber: number,
  format: string | undefined,
  upgrade: Upgrade | undefined,
  toRow: ToRow | undefined,
): CheckedLine {
  const { line, problems, refused } = parseLine(text, lineNumber, format, upgrade);
  if (!line) return refused ? { problems, refused } : { problems };
  return {
    type: line.type,
    checked: checkRecord(line.type, line.record, `line ${lineNumber}`, ': '),
    ...(toRow ? { row: toRow(line.type, line.record) } : {}),
  };
}

/** The format a JSON Lines header line names (`{"format": "statement-graph/2"}`); undefined for a record. */
export function headerFormat(text: string): string | undefined {
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    return (FORMATS as readonly unknown[]).includes(json.format) && !('type' in json)
      ? (json.format as string)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Below this size one thread checks the file. The importer's thread still adds every
 * line a worker checked (parsing its message, the checks across records): measured on
 * two cores, a 70 MB file took 4.2 s with a worker against 2.8–3.3 s without, a 700 MB
 * file 26.0 s against 30.1 s (a worker also takes 0.5–2 s to start through tsx).
 */
const PARALLEL_FROM_BYTES = 256 * 1024 * 1024;

/** Threads to check a file with: one per core for a large file, else one (this thread). */
export const defaultThreads = (bytes: number) =>
  bytes < PARALLEL_FROM_BYTES ? 1 : Math.min(availableParallelism(), 4);

/** Lines a worker sends in one message. */
export const LINES_PER_MESSAGE = 2000;

/** What a worker sends: checked lines, its end, or the line that is not UTF-8. */
export type WorkerMessage =
  { lines: CheckedLine[] } | { done: true } | { encoding: { message: string; line?: number } };

export interface WorkerInput {
  file: string;
  part: { start: number; end: number };
  format: string | undefined;
  rows: boolean;
  /** Messages it may send ahead of the ones read (write rows are large); Infinity for none. */
  window: number;
}

/**
 * The non-blank lines of `file` (header skipped), checked on their own, in file order:
 * by `threads` worker threads over as many parts of the file, or by this thread. The
 * parallel path takes version 2 files only (`upgrade` undefined): converting a version 1
 * file needs what a pass over all of it found. Throws FileEncodingError as readLines does.
 */
export async function* checkedLines(
  file: string,
  format: string | undefined,
  upgrade: Upgrade | undefined,
  { toRow, threads }: { toRow?: ToRow; threads: number },
): AsyncGenerator<CheckedLine> {
  const rows = toRow !== undefined;
  const check = async function* (part?: { start: number; end: number }) {
    for await (const { lineNumber, text } of readLines(file, part)) {
      if (text.trim() === '' || (lineNumber === 1 && headerFormat(text))) continue;
      yield checkLine(text, lineNumber, format, upgrade, toRow);
    }
  };
  if (threads <= 1 || upgrade) return yield* check();
  // This thread checks the first part while workers check the others (each starts in ~0.3–1 s).
  const [first, ...rest] = await lineParts(file, threads);
  // Write rows are large: a part waits for the parts before it to be read, in bounded steps.
  const window = rows ? 16 : Infinity;
  const workers = rest.map((part) =>
    startWorker(workerModule(import.meta.url, './line-check.worker'), {
      file,
      part,
      format,
      rows,
      window,
    } satisfies WorkerInput),
  );
  // Listening from the start: a message sent before anyone listens would be lost.
  const messages = workers.map(
    (worker) => on(worker, 'message', { close: ['exit'] }) as AsyncIterableIterator<[string]>,
  );
  try {
    yield* check(first);
    for (const [k, worker] of workers.entries()) yield* linesOf(worker, messages[k]!);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

async function* linesOf(
  worker: Worker,
  messages: AsyncIterableIterator<[string]>,
): AsyncGenerator<CheckedLine> {
  for await (const [raw] of messages) {
    const message = JSON.parse(raw) as WorkerMessage;
    if ('done' in message) return;
    if ('encoding' in message)
      throw new FileEncodingError(message.encoding.message, message.encoding.line);
    // Read: the worker may send another.
    worker.postMessage(null);
    yield* message.lines;
  }
  throw new Error('a worker checking the file stopped before it finished');
}
