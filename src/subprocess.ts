import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';

/** A child process ran out of its heap: the work needed more memory than allowed. */
export class OutOfMemory extends Error {}

/**
 * Runs a module in a child process of its own with its own V8 heap limit
 * (`--max-old-space-size=heapMb`), sends it `input` and answers the one message it sends
 * back (structured clone: a Uint8Array crosses as bytes, outside the JavaScript heap).
 * A child process, not a worker thread: the service's own `--max-old-space-size`
 * (API_HEAP_MB) would bind every thread of its process too, whatever their
 * `resourceLimits`. `moduleUrl` is the compiled `.js`, or its `.ts` source when the caller
 * runs from the sources (tests, tsx), which the child then loads through tsx.
 */
export function runInProcess<In, Out>(moduleUrl: URL, input: In, heapMb: number): Promise<Out> {
  const fromSource = moduleUrl.pathname.endsWith('.ts');
  const child = fork(moduleUrl, [], {
    execArgv: [...(fromSource ? ['--import', 'tsx'] : []), `--max-old-space-size=${heapMb}`],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    // Enough to recognise V8's out-of-memory report; the rest goes to our stderr.
    if (stderr.length < 64 * 1024) stderr += chunk;
  });
  return new Promise<Out>((resolve, reject) => {
    let answer: { value: Out } | undefined;
    child.once('message', (output: Out) => {
      answer = { value: output };
      child.disconnect();
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (answer) return resolve(answer.value);
      if (/heap out of memory|Reached heap limit/i.test(stderr))
        return reject(new OutOfMemory(`out of memory (${heapMb} MB)`));
      reject(
        new Error(
          `child process exited with ${signal ?? code} before answering: ${stderr.slice(-2000)}`,
        ),
      );
    });
    child.send(input as never);
  });
}

/** The module at `path` (relative to `callerUrl`, without extension), as runInProcess wants it. */
export const workerModule = (callerUrl: string, path: string) =>
  new URL(`${path}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl);

/** In the child: the input its parent sends, once. */
export const inputFromParent = <In>() =>
  new Promise<In>((resolve) => process.once('message', (input) => resolve(input as In)));

/** In the child: sends the answer and lets the process end once it is sent. */
export const answerParent = (output: unknown) =>
  new Promise<void>((resolve, reject) =>
    process.send!(output, undefined, {}, (error) => (error ? reject(error) : resolve())),
  );

/**
 * A worker thread running `moduleUrl` (from workerModule). From the sources (tests,
 * tsx) the thread loads it through tsx's API: a worker's own `--import tsx` does not
 * reach its entry module on Node 20.
 */
export function startWorker(moduleUrl: URL, workerData: unknown): Worker {
  if (!moduleUrl.pathname.endsWith('.ts')) return new Worker(moduleUrl, { workerData });
  const load = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(moduleUrl.href)}, ${JSON.stringify(moduleUrl.href)}))`;
  return new Worker(load, { eval: true, workerData });
}
