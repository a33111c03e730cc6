import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry per app instance (tests create several). Operation names come from
 * clients, so only the first MAX_OPERATIONS distinct names get their own label.
 */
const MAX_OPERATIONS = 200;

export interface Metrics {
  readonly registry: Registry;
  countQuery(mode: 'read' | 'write'): void;
  observeRequest(operation: string | undefined, status: number, seconds: number): void;
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
  const seen = new Set<string>();
  const label = (operation: string | undefined) => {
    const name =
      operation && /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(operation) ? operation : 'anonymous';
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATIONS) return 'other';
    seen.add(name);
    return name;
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
