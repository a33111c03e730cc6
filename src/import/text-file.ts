import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';

/**
 * The one reader of dataset files' bytes. A dataset is UTF-8, with or without a
 * byte-order mark (as Windows tools save it), with LF or CRLF line endings.
 * Anything else is refused before a record is read, with a message naming what
 * the file is: UTF-16 or UTF-32 by their byte-order mark, UTF-16 without one by
 * the NUL bytes between its characters (JSON has no raw NUL), and bytes that
 * are not UTF-8 by the line they are on. Nothing is decoded with replacement
 * characters.
 */

/** The file is not UTF-8 text; `line` when the problem is on one line. */
export class FileEncodingError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

const SAVE_AS_UTF8 = 'save it as UTF-8 and import it again';
const LF = 0x0a;

/** Length of a UTF-8 byte-order mark at the start (3 or 0); throws for any other encoding it can tell. */
export function utf8Start(head: Uint8Array): number {
  const [a, b, c, d] = head;
  if (a === 0xef && b === 0xbb && c === 0xbf) return 3;
  const bom = (name: string, bytes: string) =>
    new FileEncodingError(`the file is ${name} (byte-order mark ${bytes}); ${SAVE_AS_UTF8}`);
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) throw bom('UTF-32LE', 'FF FE 00 00');
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) throw bom('UTF-32BE', '00 00 FE FF');
  if (a === 0xff && b === 0xfe) throw bom('UTF-16LE', 'FF FE');
  if (a === 0xfe && b === 0xff) throw bom('UTF-16BE', 'FE FF');
  const nul = (name: string) =>
    new FileEncodingError(
      `the file looks like ${name} without a byte-order mark (it has NUL bytes between characters); ${SAVE_AS_UTF8}`,
    );
  // JSON starts with an ASCII character; in these encodings its other bytes are NUL.
  if (a !== undefined && a !== 0 && b === 0 && c === 0 && d === 0) throw nul('UTF-32LE');
  if (a === 0 && b === 0 && c === 0 && d !== undefined && d !== 0) throw nul('UTF-32BE');
  // Mostly ASCII text in UTF-16 is half NUL bytes, on odd (LE) or even (BE) offsets.
  const sample = Math.min(head.length, 512);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample; i++) {
    if (head[i] !== 0) continue;
    if (i % 2 === 0) even += 1;
    else odd += 1;
  }
  if ((even + odd) * 4 >= sample && sample >= 2) throw nul(odd > even ? 'UTF-16LE' : 'UTF-16BE');
  return 0;
}

/** A whole file as text: UTF-8, byte-order mark dropped. */
export async function readTextFile(file: string): Promise<string> {
  const bytes = await readFile(file);
  const body = bytes.subarray(utf8Start(bytes));
  if (!isUtf8(body)) {
    let lineNumber = 1;
    let start = 0;
    for (let end = body.indexOf(LF); end >= 0; end = body.indexOf(LF, start)) {
      if (!isUtf8(body.subarray(start, end))) break;
      lineNumber += 1;
      start = end + 1;
    }
    throw notUtf8(lineNumber);
  }
  return body.toString('utf8');
}

/**
 * The lines of a file, numbered from 1, streamed (a JSON Lines file may be
 * larger than memory): UTF-8, byte-order mark dropped, LF or CRLF.
 */
export async function* readLines(
  file: string,
  /** A part of the file: from `start` (a line's first byte) up to `end` (after an LF, or the end). */
  part?: { start: number; end: number },
): AsyncGenerator<{ lineNumber: number; text: string }> {
  let rest: Buffer = Buffer.alloc(0);
  let lineNumber = part?.start ? await linesBefore(file, part.start) : 0;
  let first = !part?.start;
  const range = part ? { start: part.start, end: part.end - 1 } : {};
  if (part && part.end <= part.start) return;
  for await (const chunk of createReadStream(file, range) as AsyncIterable<Buffer>) {
    let bytes = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    if (first) {
      bytes = bytes.subarray(utf8Start(bytes));
      first = false;
    }
    // Whole lines only: a character split between two chunks is decoded once both are here.
    const end = bytes.lastIndexOf(LF) + 1;
    for (const text of decodeLines(bytes.subarray(0, end), lineNumber)) {
      lineNumber += 1;
      yield { lineNumber, text };
    }
    rest = bytes.subarray(end);
  }
  if (rest.length) yield { lineNumber: lineNumber + 1, text: decodeLines(rest, lineNumber)[0]! };
}

/** The number of line feeds before byte `end`: the lines before a part of the file. */
async function linesBefore(file: string, end: number): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(file, { end: end - 1 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) count += 1;
  }
  return count;
}

/**
 * Where to cut a file into `parts` parts of about equal size, each cut just after a
 * line feed: the parts' byte ranges, for readLines.
 */
export async function lineParts(
  file: string,
  parts: number,
): Promise<Array<{ start: number; end: number }>> {
  const { size } = await stat(file);
  const cuts = [0];
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    for (let k = 1; k < parts; k++) {
      let at = Math.max(Math.floor((size * k) / parts), cuts.at(-1)!);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
        if (bytesRead === 0) {
          at = size;
          break;
        }
        const lf = buffer.subarray(0, bytesRead).indexOf(LF);
        if (lf !== -1) {
          at += lf + 1;
          break;
        }
        at += bytesRead;
      }
      cuts.push(at);
    }
  } finally {
    await handle.close();
  }
  cuts.push(size);
  return cuts.slice(1).map((end, k) => ({ start: cuts[k]!, end }));
}

/** Lines of whole-line bytes, CR before LF dropped; throws naming the first line that is not UTF-8. */
function decodeLines(bytes: Buffer, linesBefore: number): string[] {
  if (bytes.length === 0) return [];
  if (!isUtf8(bytes)) {
    let start = 0;
    for (let n = 1; ; n++) {
      const end = bytes.indexOf(LF, start);
      if (!isUtf8(bytes.subarray(start, end < 0 ? bytes.length : end)))
        throw notUtf8(linesBefore + n);
      start = end + 1;
    }
  }
  const lines = bytes.toString('utf8').split('\n');
  if (bytes.at(-1) === LF) lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

const notUtf8 = (lineNumber: number) =>
  new FileEncodingError(
    `line ${lineNumber} is not valid UTF-8 (a file saved in another encoding, such as Latin-1 or Windows-1252?); ${SAVE_AS_UTF8}`,
    lineNumber,
  );
