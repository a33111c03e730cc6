import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_HEAP_MB_DEFAULT, loadConfig } from '../../src/config.js';

const START = 'scripts/start.sh';

describe('memory settings', () => {
  it('default to a capped API heap, one export thread of 1.5 GB reading for up to 2 minutes, and two extraction threads of 256 MB at a time', () => {
    expect(loadConfig({}).memory).toEqual({
      apiHeapMb: API_HEAP_MB_DEFAULT,
      exportHeapMb: 1536,
      exportConcurrency: 1,
      exportTxTimeoutMs: 120_000,
      extractHeapMb: 256,
      extractConcurrency: 2,
    });
    expect(
      loadConfig({
        API_HEAP_MB: '256',
        EXPORT_HEAP_MB: '512',
        EXPORT_CONCURRENCY: '2',
        EXPORT_TX_TIMEOUT_MS: '600000',
        EXTRACT_HEAP_MB: '128',
        EXTRACT_CONCURRENCY: '1',
      }).memory,
    ).toEqual({
      apiHeapMb: 256,
      exportHeapMb: 512,
      exportConcurrency: 2,
      exportTxTimeoutMs: 600_000,
      extractHeapMb: 128,
      extractConcurrency: 1,
    });
    expect(() => loadConfig({ API_HEAP_MB: '12' })).toThrow(/API_HEAP_MB/);
    expect(() => loadConfig({ EXPORT_HEAP_MB: 'lots' })).toThrow(/EXPORT_HEAP_MB/);
    expect(() => loadConfig({ EXPORT_CONCURRENCY: '0' })).toThrow(/EXPORT_CONCURRENCY/);
    expect(() => loadConfig({ EXPORT_TX_TIMEOUT_MS: '10' })).toThrow(/EXPORT_TX_TIMEOUT_MS/);
    expect(() => loadConfig({ EXTRACT_HEAP_MB: '1' })).toThrow(/EXTRACT_HEAP_MB/);
  });

  it('are applied where the service starts: npm start, the Docker image and the bench run scripts/start.sh', () => {
    const script = readFileSync(START, 'utf8');
    // The script and config.ts agree on the default.
    expect(script).toContain(`\${API_HEAP_MB:-${API_HEAP_MB_DEFAULT}}`);
    expect(script).toMatch(/--max-old-space-size="\$heap"/);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe(`exec ${START}`);
    expect(readFileSync('Dockerfile', 'utf8')).toContain(`CMD ["${START}"]`);
    expect(readFileSync('bench/run.ts', 'utf8')).toContain(`'${START}'`);
  });

  it('refuse a heap size that is not a number before node starts', () => {
    const run = spawnSync('sh', [START], {
      env: { ...process.env, API_HEAP_MB: '1g' },
      encoding: 'utf8',
    });
    // Worded and ended as the configuration's refusals (src/config.ts).
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'statement-graph: Invalid configuration:\n  - API_HEAP_MB: must be a whole number from 64 to 65536, not "1g"\n',
    );
  });

  it('refuse a heap too small for node to load the service, before node starts', () => {
    const run = spawnSync('sh', [START], {
      env: { ...process.env, API_HEAP_MB: '32' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/API_HEAP_MB: must be a whole number from 64 to 65536, not "32"/);
  });

  it('refuse export and extraction heaps too small for a child process to load its code', () => {
    expect(() => loadConfig({ EXPORT_HEAP_MB: '32' })).toThrow(/EXPORT_HEAP_MB/);
    expect(() => loadConfig({ EXTRACT_HEAP_MB: '32' })).toThrow(/EXTRACT_HEAP_MB/);
  });
});
