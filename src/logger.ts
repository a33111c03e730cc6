import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/**
 * JSON lines on stdout, written asynchronously (sonic-boom, `sync: false`): a request's
 * line no longer blocks its answer on a write (0.16–0.31 ms of a page of 100, see README,
 * Benchmarks). Nothing buffered is lost on exit: pino flushes the destination synchronously
 * on `exit` (process.exit after SIGTERM or SIGINT, an uncaught exception, the end of the
 * event loop); tests/unit/logger.test.ts holds it to that.
 */
export function createLogger(level: Config['logLevel']): Logger {
  const base = { service: 'statement-graph' };
  if (level === 'silent') return pino({ level, base });
  return pino({ level, base }, pino.destination({ dest: 1, sync: false }));
}
