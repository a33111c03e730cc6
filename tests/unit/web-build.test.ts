import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../web/build.js';

describe('npm run build:web', () => {
  let parent: string;
  let out: string;
  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'statement-graph-build-'));
    out = join(parent, 'dist');
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('writes index.html naming hashed assets that exist, gzipped beside them', async () => {
    const result = await buildWeb({ outDir: out });
    expect(result.built).toBe(true);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const named = [...html.matchAll(/"\/assets\/([^"]+)"/g)].map((m) => m[1]!);
    expect(named).toEqual([
      expect.stringMatching(/^favicon-[A-Z0-9]{8}\.svg$/),
      expect.stringMatching(/^styles-[A-Z0-9]+\.css$/),
      expect.stringMatching(/^app-[A-Z0-9]+\.js$/),
    ]);
    expect(html).not.toContain('{{asset:');
    for (const name of named) expect(existsSync(join(out, 'assets', name)), name).toBe(true);
    const app = named[2]!;
    expect(gunzipSync(readFileSync(join(out, 'assets', `${app}.gz`)))).toEqual(
      readFileSync(join(out, 'assets', app)),
    );
    // Bundled: nothing is loaded from elsewhere at run time.
    const script = readFileSync(join(out, 'assets', app), 'utf8');
    expect(script).not.toMatch(/\bimport\s*\(?\s*["'](?:https?:)?\/\//);
    expect(script).not.toMatch(/from\s*["']cytoscape["']/);
    // No temporary folders are left beside the build.
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  it('skips an up-to-date build when asked to', async () => {
    const again = await buildWeb({ outDir: out, ifStale: true });
    expect(again.built).toBe(false);
    expect(again.files).toContain('index.html');
  });
});
