import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The service logs asynchronously (src/logger.ts): a line logged just before the process
 * ends must still reach stdout, however it ends. Each child logs many lines (more than one
 * write of the destination) and then ends as the service can end.
 */
const LINES = 2000;
const child = (ending: string) => `
import { createLogger } from './src/logger.ts';
const logger = createLogger('info');
for (let i = 0; i < ${LINES}; i += 1) logger.info({ i }, 'line');
logger.info('last line');
${ending}
`;

function run(ending: string, signal?: NodeJS.Signals) {
  return new Promise<{ out: string; code: number | null }>((done) => {
    const p = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', child(ending)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    p.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (signal && out.includes('"msg":"ready"')) p.kill(signal);
    });
    p.on('close', (code) => done({ out, code }));
  });
}

const lastLineAfterAll = (out: string) => {
  const lines = out.trim().split('\n');
  const parsed = lines.map((l) => JSON.parse(l) as { msg: string; i?: number });
  expect(parsed.filter((l) => l.msg === 'line')).toHaveLength(LINES);
  expect(parsed.some((l) => l.msg === 'last line')).toBe(true);
};

describe('the asynchronous log loses no line', () => {
  it('on process.exit', async () => {
    const { out, code } = await run('process.exit(0);');
    expect(code).toBe(0);
    lastLineAfterAll(out);
  });

  it('on an uncaught exception', async () => {
    const { out, code } = await run("throw new Error('boom');");
    expect(code).toBe(1);
    lastLineAfterAll(out);
  });

  it('on SIGTERM handled as main.ts handles it (a last line, then process.exit)', async () => {
    const { out, code } = await run(
      `process.on('SIGTERM', () => { logger.info('stopped'); process.exit(0); });
       logger.info('ready');
       setInterval(() => {}, 1000);`,
      'SIGTERM',
    );
    expect(code).toBe(0);
    lastLineAfterAll(out);
    expect(out.trim().split('\n').at(-1)).toContain('"msg":"stopped"');
  });

  it('when the event loop ends', async () => {
    const { out, code } = await run('');
    expect(code).toBe(0);
    lastLineAfterAll(out);
  });
});
