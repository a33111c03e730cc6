import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { runExtract } from '../../src/cli/extract.js';
import { isUsageError } from '../../src/cli/usage.js';
import { loadConfig } from '../../src/config.js';
import { takeArticle } from '../../src/articles/article.intake.js';
import { recordedText } from '../../src/extraction/statement-text.js';
import { articleSourceId } from '../../src/modules/review/review.candidates.js';
import { dataset as datasetSchema } from '../../src/records/dataset.js';

// The CLI refuses what the review API refuses, file by file, and says why (issue 11's bad input).
describe('statement-graph extract: bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'extract-cli-'));
  const file = (name: string, bytes: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const entities = ['--entities', 'seed/statement-graph.json'];

  const run = async (args: string[]) => {
    const lines: string[] = [];
    const printed = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const code = await runExtract([...args, ...entities], loadConfig({}), (l) => lines.push(l));
      return { code, lines, printed: printed.mock.calls.length };
    } finally {
      printed.mockRestore();
    }
  };

  it.each([
    ['empty.txt', '  \n', 'ARTICLE_EMPTY'],
    ['binary.txt', Buffer.from([0, 1, 2, 3, 0x62]), 'ARTICLE_BINARY'],
    // an image: invalid UTF-8 too, but binary is what it is
    [
      'photo.txt',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'ARTICLE_BINARY',
    ],
    // no NUL, but control bytes no text has, and bytes that are not UTF-8
    [
      'archive.html',
      Buffer.from([0x1f, 0x8b, 8, 1, 2, 3, 4, 5, 6, 0x0e, 0x0f, 0xff, 0xfe, 0x61]),
      'ARTICLE_BINARY',
    ],
    ['latin1.txt', Buffer.from('caf\xe9, he said.', 'latin1'), 'not valid UTF-8'],
  ])(
    '%s → exit 1, a message naming the file and the problem, nothing printed',
    async (name, bytes, why) => {
      const path = file(name, bytes);
      const { code, lines, printed } = await run([path]);
      expect(code).toBe(1);
      expect(lines.join('\n')).toContain(path);
      expect(lines.join('\n')).toContain(why);
      expect(printed).toBe(0);
    },
  );

  it('an option missing its value, or an unknown one, is a usage error (exit 2), before any file is read', async () => {
    const ok = file('ok-usage.txt', 'He said that talks would go on.');
    for (const args of [
      [ok, '--date'],
      [ok, '--date', '--jsonl'],
      [ok, '--dates', '2024-01-01'],
    ]) {
      const error = await run(args).catch((e: unknown) => e);
      expect(isUsageError(error), String(error)).toBe(true);
    }
    // as the command runs it: the message names the option, the exit code is a usage error's
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/statement-graph.ts', 'extract', ok, '--date'],
      { encoding: 'utf8' },
    );
    expect(cli.status).toBe(2);
    expect(cli.stderr).toMatch(/--date <value>' argument missing/);
    expect(cli.stdout).toBe('');
  });

  it('refuses a --date that is not a calendar day, before reading any file', async () => {
    const { code, lines } = await run([
      file('ok.txt', 'He said that talks would go on.'),
      '--date',
      '2024-13-45',
    ]);
    expect(code).toBe(2);
    expect(lines.join('\n')).toMatch(/--date month 13 does not exist/);
  });

  it('reads an HTML file in the charset it declares, as the API reads a fetched page', async () => {
    // windows-1251: А–я are 0xC0–0xFF.
    const cp1251 = (text: string) =>
      Buffer.from(
        [...text].map((c) =>
          /[А-я]/.test(c) ? c.codePointAt(0)! - 0x410 + 0xc0 : c.charCodeAt(0),
        ),
      );
    const paragraph =
      '<p>The Ministry of Foreign Affairs said on Monday that talks with its neighbours would go on, ' +
      'and that it hoped for an early agreement on the border and on trade between the two states.</p>';
    const page = file(
      'ministry.html',
      cp1251(
        `<html><head><meta charset="windows-1251"><title>Заявление</title></head><body><article>` +
          `<h1>Заявление МИД</h1>${paragraph.repeat(4)}</article></body></html>`,
      ),
    );
    const lines: string[] = [];
    const printed = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const code = await runExtract([page, ...entities], loadConfig({}), (l) => lines.push(l));
      expect(lines.join('\n')).not.toContain('not valid UTF-8');
      expect(code).toBe(0);
      const out = JSON.parse(printed.mock.calls[0]![0] as string) as { text: string };
      expect(out.text).toContain('Заявление МИД');
    } finally {
      printed.mockRestore();
    }
  });

  it('still extracts a good file given beside a bad one', async () => {
    const good = file('good.txt', 'The minister said on Sunday that "talks will go on".');
    const { code, printed } = await run([file('empty2.txt', ''), good]);
    expect(code).toBe(1);
    expect(printed).toBe(1);
  });

  it('names a missing file or a directory with FILE_UNREADABLE and still reads the others', async () => {
    const good = file('good3.txt', 'The minister said on Sunday that "talks will go on".');
    const missing = join(dir, 'nope.txt');
    const { code, lines, printed } = await run([missing, dir, good, '--date', '2024-07-28']);
    expect(code).toBe(1);
    expect(lines).toEqual([
      `${missing}: FILE_UNREADABLE: no such file`,
      `${dir}: FILE_UNREADABLE: a directory, not a file`,
    ]);
    expect(printed).toBe(1);
  });

  it('warns when no date is known, since relative dates are then read against today', async () => {
    const good = file('undated.txt', 'The minister said on Sunday that "talks will go on".');
    const { code, lines } = await run([good]);
    expect(code).toBe(0);
    expect(lines).toEqual([
      `${good}: no --date and no date in the article: relative dates ("on Sunday") are read against today`,
    ]);
  });
});

describe('statement-graph extract --dataset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'extract-dataset-'));

  it('writes what accepting in review records: the article’s Source with its headline, text, outlet, date and credits, each statement with its evidence', async () => {
    const article = join(dir, 'harbour.txt');
    const text =
      'Harbour minister says the ferry will stay\n\n' +
      'date 2024-03-10 By Harbour Courier Staff\n\n' +
      '“The ferry will stay until the bridge opens,” Ana Ruiz told reporters on Friday.\n\n' +
      'The Harbour Workers Union said that the strike would go on, according to the news agency Reuter.\n\n' +
      '(HC, Reuters)';
    writeFileSync(article, text);
    const out = join(dir, 'candidates.json');
    const lines: string[] = [];
    const printed = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const code = await runExtract(
        [article, '--dataset', out, '--entities', 'seed/statement-graph.json'],
        loadConfig({}),
        (l) => lines.push(l),
      );
      expect(code).toBe(0);
    } finally {
      printed.mockRestore();
    }
    const data = JSON.parse(readFileSync(out, 'utf8'));
    expect(datasetSchema.safeParse(data).success).toBe(true);
    const taken = await takeArticle(
      { text },
      { maxBytes: 1 << 20, fetch: { timeoutMs: 1, maxRedirects: 0, allowLoopback: false } },
    );
    expect(data.sources).toEqual([
      expect.objectContaining({
        id: articleSourceId(taken.textHash),
        kind: 'ARTICLE',
        title: 'Harbour minister says the ferry will stay',
        publishedDate: '2024-03-10',
        publishedBy: 'org:harbour-courier',
        text,
        credits: ['HC', 'Reuters'],
      }),
    ]);
    expect(data.statements.length).toBeGreaterThanOrEqual(2);
    for (const s of data.statements) {
      const [entry] = s.sources;
      expect(entry.source).toBe(data.sources[0].id);
      const quoted = entry.evidence
        .split(',')
        .map((span: string) => span.split('-').map(Number))
        .map(([a, b]: number[]) => Array.from(text).slice(a, b).join(''));
      // the evidence is the statement's words in the stored text, recorded as review records them
      expect(recordedText(quoted)).toBe(s.text);
    }
  });
});
