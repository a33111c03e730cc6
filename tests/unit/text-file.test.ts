import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FileEncodingError,
  readLines,
  readTextFile,
  utf8Start,
} from '../../src/import/text-file.js';

const dir = mkdtempSync(join(tmpdir(), 'sg-text-file-'));
const file = (name: string, bytes: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const allLines = async (path: string) => {
  const out: string[] = [];
  for await (const { lineNumber, text } of readLines(path)) out.push(`${lineNumber}:${text}`);
  return out;
};
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('dataset file decoding', () => {
  it('drops a UTF-8 byte-order mark and reads CRLF and LF lines alike', async () => {
    const path = file(
      'a.jsonl',
      Buffer.concat([BOM, Buffer.from('{"a":"ü"}\r\n\r\n{"b":2}\n{"c":3}')]),
    );
    expect(await allLines(path)).toEqual(['1:{"a":"ü"}', '2:', '3:{"b":2}', '4:{"c":3}']);
    expect(
      await readTextFile(file('a.json', Buffer.concat([BOM, Buffer.from('{"a":\r\n1}')]))),
    ).toBe('{"a":\r\n1}');
  });

  it('keeps a multi-byte character split across read chunks whole', async () => {
    const line = `${'x'.repeat(65_535)}ü`;
    const path = file('big.jsonl', Buffer.from(`${line}\n${line}`));
    const lines: string[] = [];
    for await (const { text } of readLines(path)) lines.push(text);
    expect(lines).toEqual([line, line]);
  });

  it('names UTF-16 and UTF-32, with or without a byte-order mark', () => {
    const cases: Array<[Buffer, string]> = [
      [Buffer.from('\uFEFF{"a":1}', 'utf16le'), 'UTF-16LE (byte-order mark FF FE)'],
      [Buffer.from('\uFEFF{"a":1}', 'utf16le').swap16(), 'UTF-16BE (byte-order mark FE FF)'],
      [Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]), 'UTF-32LE'],
      [Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x7b]), 'UTF-32BE'],
      [Buffer.from('{"a":1}', 'utf16le'), 'UTF-16LE without a byte-order mark'],
      [Buffer.from('{"a":1}', 'utf16le').swap16(), 'UTF-16BE without a byte-order mark'],
      [Buffer.from([0x7b, 0, 0, 0]), 'UTF-32LE without'],
    ];
    for (const [bytes, name] of cases) {
      expect(() => utf8Start(bytes), name).toThrow(FileEncodingError);
      expect(() => utf8Start(bytes), name).toThrow(name);
    }
    expect(utf8Start(Buffer.from('{"a":1}'))).toBe(0);
    expect(utf8Start(Buffer.concat([BOM, Buffer.from('{')]))).toBe(3);
    expect(utf8Start(Buffer.alloc(0))).toBe(0);
  });

  it('refuses bytes that are not UTF-8 by their line, never replacing them', async () => {
    const latin1 = Buffer.from('{"a":1}\r\n{"name":"Jürgen"}\n', 'latin1');
    await expect(allLines(file('l.jsonl', latin1))).rejects.toThrow(/^line 2 is not valid UTF-8/);
    await expect(readTextFile(file('l.json', latin1))).rejects.toMatchObject({ line: 2 });
    // Past the first read chunk (64 KiB), lines are still counted from the top of the file.
    const far = Buffer.concat([
      Buffer.from(`${'{"a":1}\n'.repeat(20_000)}{"b":2}\r\n`),
      Buffer.from('{"name":"Jürgen"}\n', 'latin1'),
    ]);
    await expect(allLines(file('far.jsonl', far))).rejects.toThrow(
      /^line 20002 is not valid UTF-8/,
    );
  });
});
