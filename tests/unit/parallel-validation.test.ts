import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.js';
import { writeBulkCsv } from '../../src/import/bulk.js';
import { validateJsonLines } from '../../src/import/importer.js';
import { lineParts, readLines } from '../../src/import/text-file.js';
import { FORMAT } from '../../src/records/dataset.js';
import type { StoredFacts } from '../../src/records/validate.js';

/**
 * A JSON Lines file validated by worker threads, one per part of the file, gives what
 * one thread gives: the same problems in the same order, the same ids, the same CSV rows.
 */

const dir = mkdtempSync(join(tmpdir(), 'sg-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const nothingStored: StoredFacts = {
  records: async () => [],
  statementsAt: async () => [],
  statementsReading: async () => [],
  organizations: async () => [],
};
const validate = (file: string, threads: number) =>
  validateJsonLines(file, async () => new Set(), nothingStored, { threads });
const generated = (statements: number) =>
  [...generate(statements)].map((record) => JSON.stringify(record));

describe('a JSON Lines file cut into parts', () => {
  it('reads, part by part, the lines and line numbers of the whole', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"a":"ü"}\r\n\r\n{"b":2}\n\n\n{"c":"é"}\r\n{"d":4}\n'.repeat(7) + '{"e":5}'),
    ]);
    const file = write('parts.jsonl', bytes);
    const whole: string[] = [];
    for await (const { lineNumber, text } of readLines(file)) whole.push(`${lineNumber}:${text}`);
    for (const count of [1, 2, 3, 5, 40]) {
      const parts = await lineParts(file, count);
      expect(parts[0]!.start).toBe(0);
      expect(parts.at(-1)!.end).toBe(bytes.length);
      const read: string[] = [];
      for (const part of parts)
        for await (const { lineNumber, text } of readLines(file, part))
          read.push(`${lineNumber}:${text}`);
      expect(read).toEqual(whole);
    }
  });
});

describe('validation over worker threads', () => {
  it('finds the same records and ids as one thread', async () => {
    const file = write(
      'ok.jsonl',
      [JSON.stringify({ format: FORMAT }), ...generated(300)].join('\n'),
    );
    const one = await validate(file, 1);
    const three = await validate(file, 3);
    expect(one.ok).toBe(true);
    expect(three).toEqual(one);
  });

  it('reports the same problems, in the same order, wherever they are in the file', async () => {
    const lines = [JSON.stringify({ format: FORMAT }), ...generated(300)];
    const n = lines.length;
    // A duplicate across parts, an unknown reference, bad JSON, a bad field, a blank line.
    lines[n - 3] = lines[2]!;
    const statement = lines.findIndex((line, i) => i > n / 2 && line.includes('"speakers"'));
    lines[statement] = lines[statement]!.replace(/"person:[^"]+"/, '"person:nobody"');
    lines[Math.floor(n / 3)] = '{"type": "person", "id": ';
    lines[Math.floor((2 * n) / 3)] = lines[Math.floor((2 * n) / 3)]!.replace(
      /"type":"(\w+)"/,
      '"type":"$1","colour":"red"',
    );
    lines[n - 10] = '';
    const file = write('bad.jsonl', lines.join('\n'));
    const one = await validate(file, 1);
    expect(one.ok).toBe(false);
    if (one.ok) return;
    // In file order, by line (a line's number is its index + 1).
    const expected = [
      [Math.floor(n / 3), expect.stringMatching(/^not valid JSON/)],
      [Math.floor((2 * n) / 3), 'unknown field'],
      [n - 3, expect.stringMatching(/^duplicate id/)],
      [statement, 'unknown id "person:nobody"'],
    ] as const;
    expect(one.problems.map((p) => p.message)).toEqual(
      [...expected].sort(([a], [b]) => a - b).map(([, message]) => message),
    );
    for (const threads of [2, 4]) expect(await validate(file, threads)).toEqual(one);
  });

  it("lists a file's problems in file order: a reference on line 1 before a field on line 2", async () => {
    const file = write(
      'order.jsonl',
      [
        '{"type":"statement","id":"statement:x","speakers":["person:nobody"],"text":"t","kind":"PARAPHRASE","language":"en","date":"2024","sources":[{"source":"source:s","role":"READ","quoteType":"PARAPHRASE"}],"confidence":0.5,"verification":"UNVERIFIED"}',
        '{"type":"person","id":"person:a","name":""}',
        '{"type":"person","x":1,"id":"person:b","name":"B","nationality":"country:NOPE"}',
      ].join('\n'),
    );
    const one = await validate(file, 1);
    expect(one.ok ? [] : one.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'line 1: speakers[0]: unknown id "person:nobody"',
      'line 1: sources[0].source: unknown id "source:s"',
      'line 2: name: must not be empty',
      'line 3: x: unknown field',
      'line 3: nationality: unknown field',
    ]);
    expect(await validate(file, 2)).toEqual(one);
  });

  it('still reads a refused line: its id counts, its sound references are checked', async () => {
    const organization = (id: string, extra: object = {}) =>
      JSON.stringify({ type: 'organization', id, name: 'Some body', kind: 'ministry', ...extra });
    const lines = [
      JSON.stringify({ format: FORMAT }),
      // Refused (an unknown field), but its id is defined and its unknown reference reported.
      organization('org:a', { colour: 'red', partOf: ['country:XXX'] }),
      // Refers to the refused line's id: not reported as unknown.
      organization('org:b', { partOf: ['org:a', 'country:YYY'], alias: 1 }),
      // A second definition of the refused line's id is a duplicate.
      organization('org:a', { name: '' }),
    ];
    const file = write('refused.jsonl', lines.join('\n'));
    const one = await validate(file, 1);
    expect(one.ok).toBe(false);
    if (one.ok) return;
    expect(one.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      // In file order: by line, then by where in the line the field is written.
      'line 2: colour: unknown field',
      'line 2: partOf[0]: unknown id "country:XXX"',
      'line 3: partOf[1]: unknown id "country:YYY"',
      'line 3: alias: unknown field',
      'line 4: id: duplicate id "org:a" (first at line 2)',
      'line 4: name: must not be empty',
    ]);
    for (const threads of [2, 3]) expect(await validate(file, threads)).toEqual(one);
  });

  it('reports a line that is not UTF-8 in a later part as one thread does', async () => {
    // Larger than a read chunk (64 kB), so the first pass's first read finds nothing wrong.
    const lines = [JSON.stringify({ format: FORMAT }), ...generated(1000)];
    const bad = Math.floor(lines.length * 0.8);
    const bytes = Buffer.concat(
      lines.map((line, i) =>
        Buffer.concat([
          Buffer.from(line),
          i === bad ? Buffer.from([0xff, 0xfe, 0x41]) : Buffer.alloc(0),
          Buffer.from('\n'),
        ]),
      ),
    );
    const file = write('latin.jsonl', bytes);
    const one = await validate(file, 1);
    expect(one).toMatchObject({ ok: false, problems: [{ path: `line ${bad + 1}` }] });
    expect(await validate(file, 3)).toEqual(one);
  });

  it('writes the same bulk CSV rows as one thread', async () => {
    const file = write(
      'bulk.jsonl',
      [JSON.stringify({ format: FORMAT }), ...generated(200)].join('\n'),
    );
    const now = new Date('2026-01-02T03:04:05Z');
    const csv = async (threads: number) => {
      const out = join(dir, `csv-${threads}`);
      const report = await writeBulkCsv(file, out, { by: 'test', now, threads });
      if (!report.ok) throw new Error(JSON.stringify(report.problems));
      return Object.fromEntries(
        readdirSync(out)
          .sort()
          .map((name) => [name, readFileSync(join(out, name), 'utf8')]),
      );
    };
    expect(await csv(3)).toEqual(await csv(1));
  });
});
