import { parentPort, workerData } from 'node:worker_threads';
import {
  checkLine,
  headerFormat,
  LINES_PER_MESSAGE,
  type CheckedLine,
  type WorkerInput,
  type WorkerMessage,
} from './line-check.js';
import { FileEncodingError, readLines } from './text-file.js';

/** A worker thread of checkedLines: checks the lines of its part of the file and sends them. */

const { file, part, format, rows, window } = workerData as WorkerInput;
const port = parentPort!;
// Messages it may still send before the reader catches up (see WorkerInput.window).
let credit = window;
let waiting: (() => void) | undefined;
port.on('message', () => {
  credit += 1;
  waiting?.();
  waiting = undefined;
});
const toRow = rows ? (await import('../records/record-store.repository.js')).writeRow : undefined;
// One string per message: cloning thousands of small objects costs more than JSON both ways.
const send = (message: WorkerMessage) => port.postMessage(JSON.stringify(message));

let lines: CheckedLine[] = [];
const flush = async () => {
  if (credit <= 0) await new Promise<void>((resolve) => (waiting = resolve));
  credit -= 1;
  send({ lines });
  lines = [];
};
try {
  for await (const { lineNumber, text } of readLines(file, part)) {
    if (text.trim() === '' || (lineNumber === 1 && headerFormat(text))) continue;
    lines.push(checkLine(text, lineNumber, format, undefined, toRow));
    if (lines.length >= LINES_PER_MESSAGE) await flush();
  }
  if (lines.length) await flush();
  send({ done: true });
} catch (error) {
  if (!(error instanceof FileEncodingError)) throw error;
  send({ encoding: { message: error.message, line: error.line } });
}
