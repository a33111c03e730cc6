import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What the request log and the metrics call a request's operation: its name;
 * ANONYMOUS for an operation without one; NO_OPERATION when the request had none to
 * run (no query, a document that does not parse, several operations and none
 * picked). In parentheses, as OTHER: no GraphQL name (letters, digits and `_`) can be
 * taken for any of them.
 */
export const ANONYMOUS = '(anonymous)';
export const NO_OPERATION = '(none)';

/**
 * One registry per app instance (tests create several). Operation names come from
 * clients, so only the first MAX_OPERATIONS distinct names of at most MAX_NAME
 * characters get their own label; the others share OTHER.
 */
const MAX_OPERATIONS = 200;
const MAX_NAME = 64;
const OTHER = '(other)';

export interface Metrics {
  readonly registry: Registry;
  countQuery(mode: 'read' | 'write'): void;
  /** `operation`: as the request log names it (see requestLog in app.ts). */
  observeRequest(operation: string, status: number, seconds: number): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const queries = new Counter({
    name: 'statement_graph_cypher_queries_total',
    help: 'Cypher queries sent to Neo4j, by access mode',
    labelNames: ['mode'],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'statement_graph_graphql_requests_total',
    help: 'GraphQL requests, by operation name and HTTP status',
    labelNames: ['operation', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'statement_graph_graphql_request_duration_seconds',
    help: 'GraphQL request latency, by operation name',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const seen = new Set([ANONYMOUS, NO_OPERATION]);
  const label = (operation: string) => {
    if (seen.has(operation)) return operation;
    if (seen.size >= MAX_OPERATIONS || operation.length > MAX_NAME) return OTHER;
    seen.add(operation);
    return operation;
  };
  return {
    registry,
    countQuery: (mode) => queries.inc({ mode }),
    observeRequest(operation, status, seconds) {
      const name = label(operation);
      requests.inc({ operation: name, status: String(status) });
      latency.observe({ operation: name }, seconds);
    },
  };
}
