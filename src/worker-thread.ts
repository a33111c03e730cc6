import { Worker } from 'node:worker_threads';

/** A worker thread ran out of its heap (`resourceLimits`): the work needed more memory than allowed. */
export class ThreadOutOfMemory extends Error {}

/**
 * Runs a module in a worker thread with its own V8 heap limit and answers the one
 * message it posts. The module reads `workerData` and posts exactly one message.
 * `moduleUrl` is the compiled `.js` beside the caller, or its `.ts` source when the
 * caller runs from the sources (tests, tsx): Node 20 does not pass loaders on to
 * worker threads, so such a thread registers tsx itself before loading its module.
 */
export function runInThread<In, Out>(moduleUrl: URL, input: In, heapMb: number): Promise<Out> {
  const resourceLimits = {
    maxOldGenerationSizeMb: heapMb,
    maxYoungGenerationSizeMb: Math.min(16, Math.max(2, Math.floor(heapMb / 16))),
  };
  const worker = moduleUrl.pathname.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}); });`,
        { eval: true, workerData: input, resourceLimits },
      )
    : new Worker(moduleUrl, { workerData: input, resourceLimits });
  return new Promise<Out>((resolve, reject) => {
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      done();
    };
    worker.once('message', (output: Out) => settle(() => resolve(output)));
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ThreadOutOfMemory(error.message) : error,
        ),
      ),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`worker thread exited with ${code} before answering`))),
    );
  });
}

/** The module beside `callerUrl` named `name` (without extension), as runInThread wants it. */
export const siblingModule = (callerUrl: string, name: string) =>
  new URL(`./${name}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl);

/** At most `max` at once; more wait their turn, in order. */
export function createGate(max: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running < max) running += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
