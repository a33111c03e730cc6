import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runExtract } from '../../src/cli/extract.js';
import { loadConfig } from '../../src/config.js';

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
});
