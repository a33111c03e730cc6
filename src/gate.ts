/**
 * At most `max` at once; more wait their turn, in order of arrival. `run` holds a place
 * for one piece of work; `acquire` and `release` for work whose end another hook sees
 * (the operation limit's plugin).
 */
export function createGate(max: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  const acquire = async () => {
    if (running < max) running += 1;
    else await new Promise<void>((start) => waiting.push(start));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    await acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };
  return { acquire, release, run };
}
