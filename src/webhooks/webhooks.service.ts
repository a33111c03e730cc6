import type { StatementFilter as FilterInput } from '../generated/graphql.js';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Database } from '../db/neo4j.js';
import { invalidInput, type FieldProblem } from '../errors.js';
import type { StatementEvent, StatementEvents } from '../events/statement-events.js';
import type { Logger } from '../logger.js';
import { checkFilter } from '../modules/statements/statements.filter.js';
import { matchStatement } from '../modules/statements/statements.match.js';
import {
  createStatementsRepository,
  type StatementFilter,
} from '../modules/statements/statements.repository.js';
import {
  parseHttpUrl,
  pinnedLookup,
  resolveChecked,
  UrlRefused,
  type GuardOptions,
} from '../net/url-guard.js';
import {
  createWebhooksRepository,
  type DeliveryStatus,
  type SavedSearchRow,
} from './webhooks.repository.js';
import { newSecret, sign, SIGNATURE_HEADER } from './webhooks.signature.js';

export interface WebhookOptions {
  /** Loopback and private targets (an intranet receiver, tests); refused by default. */
  allowPrivateTargets: boolean;
  timeoutMs: number;
  /** Attempts per delivery, the first included. */
  maxAttempts: number;
  /** Wait before the second attempt; doubled before each further one. */
  retryBaseMs: number;
  /** Deliveries waiting or being retried at once; past it a delivery fails at once as QUEUE_FULL. */
  queueSize: number;
}

interface Job {
  search: SavedSearchRow;
  event: StatementEvent;
  deliveryId: string;
  attempt: number;
}

const MAX_NAME = 200;
const MIN_SECRET = 16;
const CONCURRENCY = 4;
const EVENT_TYPE = 'statement.recorded';

/** Why a refused URL is refused, as a saved search's `input.url` problem. */
const urlProblem = (error: UrlRefused): FieldProblem => ({
  path: 'input.url',
  message: error.message,
});

/**
 * Saved searches and their webhooks. An editor saves a filter with a URL; every
 * statement event that matches is POSTed there (JSON, HMAC-SHA256 signed), retried
 * with exponential backoff on a network error, a timeout, 429 or 5xx, and every
 * attempt is logged in Neo4j. The bus listener only enqueues: matching, the one
 * read of the saved searches and the POSTs happen after the write has answered.
 * Retries wait in memory: a restart drops them (their log says RETRYING last).
 */
export function createWebhooks(deps: {
  db: Database;
  events: StatementEvents;
  options: WebhookOptions;
  logger: Logger;
}) {
  const { db, events, options, logger } = deps;
  const repo = createWebhooksRepository(db);
  const statements = createStatementsRepository(db);
  const guard: GuardOptions = {
    allowLoopback: options.allowPrivateTargets,
    allowPrivate: options.allowPrivateTargets,
  };
  const ready: Job[] = [];
  let waiting = 0;
  let running = 0;
  let routing = 0;
  const idleWaiters: Array<() => void> = [];
  const timers = new Set<NodeJS.Timeout>();

  const busy = () => ready.length + waiting + running + routing > 0;
  const settle = () => {
    if (!busy()) idleWaiters.splice(0).forEach((wake) => wake());
  };

  const unlisten = events.listen((event) => {
    routing += 1;
    void route(event)
      .catch((error: unknown) => logger.error({ err: error }, 'webhook routing failed'))
      .finally(() => {
        routing -= 1;
        settle();
      });
  });

  async function route(event: StatementEvent) {
    for (const search of await repo.list()) {
      const filter = JSON.parse(search.filter) as StatementFilter;
      const match = matchStatement(filter, event.record);
      if (match === false) continue;
      if (match === 'ask-database' && !(await statements.matchingIds(filter, [event.id])).length)
        continue;
      enqueue({ search, event, deliveryId: randomUUID(), attempt: 1 });
    }
  }

  function enqueue(job: Job) {
    if (ready.length + waiting + running >= options.queueSize) {
      void log(job, 'FAILED', null, 'QUEUE_FULL: too many deliveries waiting', 0);
      return;
    }
    ready.push(job);
    pump();
  }

  function pump() {
    while (running < CONCURRENCY && ready.length) {
      const job = ready.shift()!;
      running += 1;
      void attempt(job).finally(() => {
        running -= 1;
        pump();
        settle();
      });
    }
  }

  async function log(
    job: Job,
    status: DeliveryStatus,
    httpStatus: number | null,
    error: string | null,
    durationMs: number,
  ) {
    try {
      await repo.log({
        id: randomUUID(),
        searchId: job.search.id,
        deliveryId: job.deliveryId,
        statementId: job.event.id,
        change: job.event.outcome,
        attempt: job.attempt,
        status,
        httpStatus,
        error,
        durationMs,
      });
    } catch (err) {
      logger.error({ err, searchId: job.search.id }, 'webhook delivery log failed');
    }
  }

  async function attempt(job: Job) {
    const body = JSON.stringify({
      type: EVENT_TYPE,
      deliveryId: job.deliveryId,
      attempt: job.attempt,
      savedSearch: { id: job.search.id, name: job.search.name },
      change: job.event.outcome,
      by: job.event.by,
      at: job.event.at,
      statement: job.event.record,
    });
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    let retryable = false;
    try {
      const url = parseHttpUrl(job.search.url);
      // Checked again at every attempt: what a name resolves to can change.
      const addresses = await resolveChecked(url.hostname, guard);
      status = await post(url, addresses, body, job);
      retryable = status === 429 || status >= 500;
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (err) {
      error = err instanceof UrlRefused ? `REFUSED: ${err.message}` : `${(err as Error).message}`;
      retryable = !(err instanceof UrlRefused);
    }
    const ms = performance.now() - started;
    if (error === null) return log(job, 'DELIVERED', status, null, ms);
    if (retryable && job.attempt < options.maxAttempts) {
      await log(job, 'RETRYING', status, error, ms);
      const delay = options.retryBaseMs * 2 ** (job.attempt - 1);
      waiting += 1;
      const timer = setTimeout(() => {
        timers.delete(timer);
        waiting -= 1;
        enqueue({ ...job, attempt: job.attempt + 1 });
        settle();
      }, delay);
      timer.unref();
      timers.add(timer);
      return;
    }
    logger.warn({ searchId: job.search.id, deliveryId: job.deliveryId, error }, 'webhook failed');
    return log(job, 'FAILED', status, error, ms);
  }

  function post(
    url: URL,
    addresses: Awaited<ReturnType<typeof resolveChecked>>,
    body: string,
    job: Job,
  ): Promise<number> {
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = client.request(
        url,
        {
          method: 'POST',
          lookup: pinnedLookup(addresses),
          timeout: options.timeoutMs,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'statement-graph webhooks',
            'x-statement-graph-event': EVENT_TYPE,
            'x-statement-graph-delivery': job.deliveryId,
            [SIGNATURE_HEADER]: sign(job.search.secret, body, Math.floor(Date.now() / 1000)),
          },
        },
        (response) => {
          // The answer's body is not read: only its status counts. Redirects are not followed.
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('timeout', () =>
        request.destroy(new Error(`no answer in ${options.timeoutMs} ms`)),
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  return {
    /** Saves a search; the secret (given, or made here) is answered this once. */
    async save(
      input: { name: string; filter?: FilterInput | null; url: string; secret?: string | null },
      by: string,
    ) {
      const problems: FieldProblem[] = [];
      const name = input.name.trim();
      if (name.length === 0 || name.length > MAX_NAME)
        problems.push({ path: 'input.name', message: `must be 1 to ${MAX_NAME} characters` });
      if (input.secret != null && input.secret.length < MIN_SECRET)
        problems.push({
          path: 'input.secret',
          message: `must be at least ${MIN_SECRET} characters`,
        });
      let filter: StatementFilter = {};
      try {
        filter = checkFilter(input.filter, 'input.filter');
      } catch (error) {
        problems.push(
          ...((error as { extensions?: { problems?: FieldProblem[] } }).extensions?.problems ?? []),
        );
      }
      try {
        const url = parseHttpUrl(input.url);
        await resolveChecked(url.hostname, guard);
      } catch (error) {
        if (!(error instanceof UrlRefused)) throw error;
        // A host that does not resolve yet may later; each delivery checks again.
        if (error.reason !== 'UNRESOLVED') problems.push(urlProblem(error));
      }
      if (problems.length) throw invalidInput(problems);
      const secret = input.secret ?? newSecret();
      const row = await repo.save(
        {
          id: `search:${randomUUID()}`,
          name,
          filter: JSON.stringify(filter),
          url: input.url.trim(),
          secret,
        },
        by,
      );
      return { row, secret };
    },
    list: () => repo.list(),
    delete: (id: string) => repo.delete(id),
    deliveries: (searchId: string, limit: number) => repo.deliveries(searchId, limit),
    /** Resolves once nothing is being routed, sent or waiting for a retry (tests, shutdown). */
    idle(): Promise<void> {
      return busy() ? new Promise((resolve) => idleWaiters.push(resolve)) : Promise.resolve();
    },
    /** Stops listening and drops waiting retries. */
    stop() {
      unlisten();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      waiting = 0;
      settle();
    },
  };
}

export type Webhooks = ReturnType<typeof createWebhooks>;
