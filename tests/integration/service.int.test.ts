import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../src/db/local-neo4j.js';

/** The service as `npm start` runs it: its own local Neo4j, then HTTP; stopped by a signal. */
function startService(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, NEO4J_URI: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  child.stdout!.resume();
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, stderr, exited };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('the service process', () => {
  it('starts its own Neo4j, loads the seed, answers, and leaves no JVM behind when stopped', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sg-service-'));
    const port = await freePort();
    const service = startService({
      NEO4J_DATA_DIR: dataDir,
      NEO4J_LOCAL_PORT: String(await freePort()),
      PORT: String(port),
      NEO4J_LOCAL_HEAP: '512m',
    });
    try {
      const jvm = await waitFor(() => {
        const line = service.stderr.find((l) => l.includes('Local Neo4j listening'));
        return line ? Number(/pid (\d+)/.exec(line)![1]) : undefined;
      }, 'the local Neo4j');
      const ready = await waitFor(
        () =>
          fetch(`http://127.0.0.1:${port}/health/ready`).then(
            (r) => (r.status === 200 ? r.status : undefined),
            () => undefined,
          ),
        'the API',
      );
      expect(ready).toBe(200);
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename node(id: "person:sergey-lavrov") { id } }' }),
      });
      expect(await response.json()).toEqual({
        data: { __typename: 'Query', node: { id: 'person:sergey-lavrov' } },
      });
      expect(alive(jvm)).toBe(true);

      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
      expect(alive(jvm)).toBe(false);
    } finally {
      service.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('says in one clear line which Neo4j it cannot reach, and exits non-zero', async () => {
    const uri = `bolt://127.0.0.1:${await freePort()}`;
    const service = startService({ NEO4J_URI: uri, PORT: String(await freePort()) });
    expect(await service.exited).toBe(1);
    const output = service.stderr.filter((line) => line.trim() !== '');
    expect(output).toHaveLength(1);
    expect(output[0]).toContain(`Cannot reach Neo4j at ${uri}`);
    expect(output[0]).not.toMatch(/\n\s+at /);
  });

  it('lists every invalid setting and exits non-zero', async () => {
    const service = startService({ PORT: 'eighty', NEO4J_LOCAL_HEAP: 'lots' });
    expect(await service.exited).toBe(1);
    const text = service.stderr.join('\n');
    expect(text).toMatch(/PORT/);
    expect(text).toMatch(/NEO4J_LOCAL_HEAP/);
  });
});
