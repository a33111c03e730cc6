import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('defaults to the local Neo4j and port 4000', () => {
    const config = loadConfig({});
    expect(config.neo4j.uri).toBeUndefined();
    expect(config.http).toEqual({ host: '127.0.0.1', port: 4000 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ NEO4J_URI: 'http://x', PORT: 'abc', NEO4J_LOCAL_HEAP: 'lots' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/NEO4J_URI/);
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/NEO4J_LOCAL_HEAP/);
    }
  });
});

describe("the README's Configuration table", () => {
  it("gives each number setting's range as the code checks it", () => {
    // The range each number setting's refusal names (`must be a whole number from 1 to 64`).
    const fromCode: Record<string, string> = {};
    for (const name of CONFIG_VARIABLES) {
      try {
        loadConfig({ [name]: 'abc' });
      } catch (error) {
        const range = (error as ConfigError).problems
          .map((p) => new RegExp(`^${name}: must be a whole number from (\\d+) to (\\d+)`).exec(p))
          .find(Boolean);
        if (range) fromCode[name] = `${range[1]} to ${range[2]}`;
      }
    }
    expect(Object.keys(fromCode).length).toBeGreaterThan(20);

    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('### Endpoints'),
    );
    const fromReadme: Record<string, string> = {};
    for (const row of section.split('\n').filter((l) => l.startsWith('| `'))) {
      const [variables = '', , range = ''] = row
        .split('|')
        .slice(1)
        .map((c) => c.trim());
      const names = variables.split(' / ').map((n) => n.replaceAll('`', ''));
      const ranges = range.split(' / ');
      names.forEach((name, i) => {
        if (ranges[i] && ranges[i] !== '—') fromReadme[name] = ranges[i]!;
      });
    }
    expect(fromReadme).toEqual(fromCode);
  });
});

describe('loadConfig: tokens, CORS and limits', () => {
  const editor = 'e'.repeat(24);
  const reader = 'r'.repeat(30);

  it('reads API_TOKENS as name:role:token entries', () => {
    const config = loadConfig({ API_TOKENS: `alice:editor:${editor}, bot:reader:${reader}` });
    expect(config.auth.tokens).toEqual([
      { name: 'alice', role: 'editor', token: editor },
      { name: 'bot', role: 'reader', token: reader },
    ]);
    expect(config.auth.requireReaderToken).toBe(false);
  });

  it('reports every bad token entry without echoing a token', () => {
    try {
      loadConfig({
        API_TOKENS: `alice:admin:${editor},bob:editor:short-token,alice:reader:${reader},nocolon`,
        REQUIRE_READER_TOKEN: 'maybe',
      });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/entry 1 \(alice\): the role must be reader or editor/);
      expect(problems).toMatch(/entry 2 \(bob\): the token must be at least 24 characters/);
      expect(problems).toMatch(/entry 3: the name alice is used twice/);
      expect(problems).toMatch(/entry 4: must be name:role:token/);
      expect(problems).toMatch(/REQUIRE_READER_TOKEN/);
      expect(problems).not.toContain(editor);
      expect(problems).not.toContain('short-token');
    }
  });

  it('refuses to require reader tokens when there is none', () => {
    expect(() => loadConfig({ REQUIRE_READER_TOKEN: 'true' })).toThrow(/API_TOKENS names no token/);
  });

  it('reads CORS origins and limits, with defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.corsOrigins).toEqual([]);
    expect(defaults.limits.maxBodyBytes).toBe(3 * 1024 * 1024);
    expect(defaults.articles).toEqual({
      maxBytes: 2 * 1024 * 1024,
      fetch: { timeoutMs: 10_000, maxRedirects: 5, allowLoopback: false },
    });
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toBe('*');
    expect(
      loadConfig({ CORS_ORIGINS: 'https://a.example.org, http://localhost:5173' }).corsOrigins,
    ).toEqual(['https://a.example.org', 'http://localhost:5173']);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example.org/path' })).toThrow(
      /not an origin/,
    );
    expect(loadConfig({ QUERY_MAX_DEPTH: '8' }).limits.maxDepth).toBe(8);
    expect(() => loadConfig({ MAX_BODY_BYTES: '10' })).toThrow(/MAX_BODY_BYTES/);
  });

  it('names the range and the value given when a number is not a whole number in range', () => {
    for (const given of ['abc', '1.5', '-3', '1e3', '10']) {
      expect(() => loadConfig({ EXPORT_TX_TIMEOUT_MS: given })).toThrow(
        `EXPORT_TX_TIMEOUT_MS: must be a whole number from 100 to 3600000, not ${JSON.stringify(given)}`,
      );
    }
    expect(loadConfig({ EXPORT_TX_TIMEOUT_MS: ' 250 ' }).memory.exportTxTimeoutMs).toBe(250);
    expect(loadConfig({}).memory.exportTxTimeoutMs).toBe(120_000);
    expect(loadConfig({ PORT: '8080' }).http.port).toBe(8080);
  });
});
