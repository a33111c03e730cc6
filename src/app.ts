import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type SourceLocation,
} from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { createAuth } from './auth.js';
import { loadConfig, type Config } from './config.js';
import type { Database } from './db/neo4j.js';
import { AppError } from './errors.js';
import { literalProblems, variableProblems, withoutSuggestions } from './input-coercion.js';
import type { Logger } from './logger.js';
import { ANONYMOUS, NO_OPERATION, type Metrics } from './metrics.js';
import { createContext } from './context.js';
import { GRAPHIQL_OPTIONS, renderStatementGraphGraphiQL } from './graphiql.js';
import type { ExtractFn, OutletLinkFn } from './modules/review/review.candidates.js';
import { createGraphExtractor, createOutletLinker } from './modules/review/review.extract.js';
import { requestDecoder } from './request-decoder.js';
import { schema } from './schema.js';
import { createStatementEvents, type StatementEvents } from './events/statement-events.js';
import { exportDownloads } from './export/export.plugin.js';
import { createGate } from './gate.js';
import { exportInProcess, type ExportRunner } from './export/export-runner.js';
import { createWebhooks, type Webhooks } from './webhooks/webhooks.service.js';
import { webExplorer } from './web/web.plugin.js';

export interface AppDeps {
  db: Database;
  logger: Logger;
  metrics: Metrics;
  /** Tokens, limits and CORS; without it, the defaults: open reads, no writes (no editor token). */
  config?: Pick<Config, 'auth' | 'limits' | 'corsOrigins' | 'events' | 'webhooks' | 'articles'>;
  /** Statement events the write path publishes to; a new bus from `config.events` if not given. */
  events?: StatementEvents;
  /** Webhooks of saved searches, listening to `events`; made here if not given. */
  webhooks?: Webhooks;
  /** Finds statements in an article; by default src/extraction with speakers linked to this graph. */
  extract?: ExtractFn;
  /** Finds the organisation an article's outlet names; by default in this graph. */
  linkOutlet?: OutletLinkFn;
  /**
   * Writes `/export/…` downloads. The service (main.ts) runs each in a child process with
   * its own memory limit (exportProcesses); by default in this process, with none.
   */
  exports?: ExportRunner;
}

/** The header a browser must add to a form-encoded or text/plain POST (CSRF); any value. */
export const CSRF_HEADER = 'x-graphql-csrf';

/** Builds the HTTP application; never listens (main.ts does, tests call `yoga.fetch`). */
export function createApp({
  db,
  logger,
  metrics,
  config = loadConfig({}),
  events = createStatementEvents(config.events),
  webhooks = createWebhooks({ db, events, options: config.webhooks, logger }),
  extract = createGraphExtractor(db),
  linkOutlet = createOutletLinker(db),
  exports = exportInProcess(db),
}: AppDeps) {
  const auth = createAuth(config.auth);
  const review = { articles: config.articles, extract, linkOutlet };
  // Names and roles only: a token is never logged.
  logger.info(
    {
      tokens: config.auth.tokens.map((t) => `${t.name}:${t.role}`),
      requireReaderToken: config.auth.requireReaderToken,
      corsOrigins: config.corsOrigins,
    },
    config.auth.tokens.some((t) => t.role === 'editor')
      ? 'access control'
      : 'access control: no editor token configured, every mutation will be refused',
  );
  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    renderGraphiQL: renderStatementGraphGraphiQL,
    graphiql: GRAPHIQL_OPTIONS,
    maskedErrors: true,
    logging: logger,
    // The request decoder enforces MAX_BODY_BYTES as it reads the body (off node's own stream).
    maxRequestBodySize: false,
    cors: corsOptions(config.corsOrigins),
    context: ({ request }) =>
      createContext(db, auth.principalOf(request), events, webhooks, review),
    plugins: [
      healthAndMetrics(db, metrics),
      webExplorer(),
      exportDownloads(exports, auth.authorizeRead, logger),
      requestLog(logger, metrics),
      csrfPrevention(),
      requestDecoder(config.limits.maxBodyBytes),
      auth.plugin,
      queryLimits(config.limits),
      inputErrorCodes(),
      compiledQueries(logger),
      operationLimit(config.limits.maxConcurrentOperations),
    ],
  });
}

export type App = ReturnType<typeof createApp>;

function healthAndMetrics(db: Database, metrics: Metrics): Plugin {
  return {
    async onRequest({ url, endResponse }) {
      switch (url.pathname) {
        case '/health/live':
          return endResponse(Response.json({ status: 'ok' }));
        case '/health/ready': {
          const ready = await db.ping();
          return endResponse(
            Response.json(
              { status: ready ? 'ok' : 'database unavailable' },
              { status: ready ? 200 : 503 },
            ),
          );
        }
        case '/metrics':
          return endResponse(
            new Response(await metrics.registry.metrics(), {
              headers: { 'content-type': metrics.registry.contentType },
            }),
          );
      }
    },
  };
}

/**
 * One log line and one metric sample per GraphQL request, with its operation named
 * alike in both: its name, ANONYMOUS, or NO_OPERATION (see metrics.ts).
 */
function requestLog(logger: Logger, metrics: Metrics): Plugin {
  const started = new WeakMap<Request, number>();
  const operations = new WeakMap<Request, string>();
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    // Validation: every operation passes here, a subscription and a refused one too.
    onValidate({ context, params }) {
      const { request, params: sent } = context as {
        request: Request;
        params: { operationName?: string | null };
      };
      const operation = getOperationAST(params.documentAST, sent.operationName);
      if (operation) operations.set(request, operation.name?.value ?? ANONYMOUS);
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      if (start === undefined || !new URL(request.url).pathname.startsWith('/graphql')) return;
      const seconds = (performance.now() - start) / 1000;
      const operation = operations.get(request) ?? NO_OPERATION;
      metrics.observeRequest(operation, response.status, seconds);
      // Written after the answer (hooks run before it is sent): a line costs ~0.2 ms that no
      // client should wait for.
      setImmediate(() =>
        logger.info(
          {
            operation,
            method: request.method,
            status: response.status,
            ms: Math.round(seconds * 1000),
          },
          'graphql request',
        ),
      );
    },
  };
}

/**
 * A browser posts forms (urlencoded, multipart, text/plain) cross-site without a
 * CORS preflight; such posts must carry CSRF_HEADER, which a page on another site
 * cannot add. JSON posts always need a preflight, so they pass as they are. GET
 * is exempt: it only ever runs queries (yoga refuses mutations over GET), and
 * another site cannot read the answer.
 */
function csrfPrevention(): Plugin {
  const { onRequestParse } = useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }) as Required<
    Pick<Plugin, 'onRequestParse'>
  >;
  return {
    onRequestParse(payload) {
      if (payload.request.method === 'GET') return;
      try {
        return onRequestParse(payload);
      } catch {
        throw new AppError(
          'FORBIDDEN',
          `A form-encoded or text/plain POST needs the ${CSRF_HEADER} header (any value); or POST application/json.`,
        );
      }
    },
  };
}

/** No CORS headers unless origins are configured; bearer tokens, never cookies, so no credentials. */
function corsOptions(origins: Config['corsOrigins']) {
  if (origins !== '*' && origins.length === 0) return false;
  return {
    origin: origins === '*' ? '*' : [...origins],
    credentials: false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', CSRF_HEADER],
    maxAge: 600,
  };
}

/**
 * graphql-armor's limits, each rejection turned into QUERY_TOO_COMPLEX with
 * `extensions.limit` naming the limit (armor's own errors carry no code).
 */
function queryLimits(limits: Config['limits']): Plugin {
  const reject = (limit: string) => [
    (_: unknown, error: GraphQLError) => {
      // A validation error: HTTP 400 for application/graphql-response+json, 200 for application/json (spec).
      throw new AppError('QUERY_TOO_COMPLEX', error.message.replace(/^Syntax Error: /, ''), {
        limit,
        http: { status: 400, spec: true },
      });
    },
  ];
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, onReject: reject('depth') },
    costLimit: { maxCost: limits.maxCost, onReject: reject('cost') },
    maxAliases: { n: limits.maxAliases, onReject: reject('aliases') },
    maxTokens: { n: limits.maxTokens, onReject: reject('tokens') },
    maxDirectives: { n: limits.maxDirectives, onReject: reject('directives') },
    // No placeholder where a suggestion was: the message ends where graphql-js's own sentence does.
    blockFieldSuggestion: { enabled: true, mask: '' },
  }) as Plugin;
}

/**
 * At most `max` queries and mutations execute at once; the others wait, in order
 * of arrival, before they start. On two cores more at once only adds memory (each
 * holds its rows and its answer) and no throughput. Subscriptions (SSE streams) do not count.
 */
export function operationLimit(max: number): Plugin {
  if (max <= 0) return {};
  const gate = createGate(max);
  return {
    async onExecute({ executeFn, setExecuteFn }) {
      await gate.acquire();
      // Released exactly once: when execution ends, or fails, or another plugin answers instead.
      let done = false;
      const end = () => {
        if (done) return;
        done = true;
        gate.release();
      };
      setExecuteFn(async (args) => {
        try {
          return await executeFn(args);
        } finally {
          end();
        }
      });
      return { onExecuteDone: end };
    },
  };
}

/**
 * graphql-js reports variables that do not coerce (a "2024-02-30" Date) without a
 * code; they are the client's input, so they get BAD_USER_INPUT like other bad input.
 * Such a request runs nothing and has no `data`: a request error, so HTTP 400 for
 * application/graphql-response+json and 200 for application/json (GraphQL over HTTP).
 * Each such error also gets `extensions.problems`, its one problem as our own refusals
 * list theirs (`{ path: "input.kind", message: "must be one of …, not \"QUOTE\"" }`):
 * graphql-js only prints the path into its message, so the variables are coerced again
 * here, step for step as it did, when (and only when) it refused them. The message stays
 * graphql-js's own. Queries, mutations and subscriptions alike.
 *
 * A value written in the query that does not fit its type fails validation instead,
 * as GRAPHQL_VALIDATION_FAILED (as yoga codes the others), and gets its problem the same
 * way, its path starting with the argument's name (`filter.stances[0]`).
 */
function inputErrorCodes(): Plugin {
  return {
    onValidate({ params: { schema, documentAST } }) {
      return ({ valid, result, setResult }) => {
        if (valid) return;
        // A document validated before comes back from yoga's cache with its problems.
        const fresh = result.filter((error) => error.extensions?.problems === undefined);
        const problems = literalProblems(schema, documentAST, fresh);
        if (problems.size === 0) return;
        setResult(
          result.map((error) => {
            const problem = problems.get(error);
            if (!problem) return error;
            return new GraphQLError(withoutSuggestions(error.message), {
              nodes: error.nodes,
              extensions: {
                code: 'GRAPHQL_VALIDATION_FAILED',
                ...error.extensions,
                problems: [problem],
              },
            });
          }),
        );
      };
    },
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if ('errors' in result) setResult(withInputCodes(args, result));
        },
      };
    },
    onSubscribe({ args }) {
      return {
        // A subscription refused before its stream starts answers a result, not a stream.
        onSubscribeResult({ result, setResult }) {
          if ('errors' in result) setResult(withInputCodes(args, result));
        },
      };
    },
  };
}

/** `result` with inputErrorCodes' code and problems on graphql-js's errors of input. */
function withInputCodes(
  args: Parameters<typeof coercionProblems>[0],
  result: ExecutionResult,
): ExecutionResult {
  if (!result.errors?.length) return result;
  const requestError = !('data' in result);
  const problems = requestError ? coercionProblems(args) : [];
  return {
    ...result,
    errors: result.errors.map((error, i) => {
      // graphql-js's, at no field: without a code, or with the one yoga's executor gives a
      // subscription's (never an AppError of ours).
      const code = error.extensions?.code;
      if (
        error.path !== undefined ||
        error instanceof AppError ||
        (code !== undefined && code !== 'BAD_USER_INPUT')
      )
        return error;
      const own = problems[i];
      // No "Did you mean …?": field and value suggestions are off everywhere (README, Limits).
      return new GraphQLError(withoutSuggestions(error.message), {
        nodes: error.nodes,
        extensions: {
          code: 'BAD_USER_INPUT',
          // Matched by position and checked by the variable it names (graphql-js
          // stops at 50 errors with one of its own, which gets none).
          ...(own && error.message.startsWith(`Variable "$${own.variable}" `)
            ? { problems: [own.problem] }
            : {}),
          ...(requestError ? { http: { status: 400, spec: true } } : {}),
        },
      });
    }),
  };
}

/** The problems of a refused request's variables, in graphql-js's order of its errors. */
function coercionProblems({
  schema,
  document,
  operationName,
  variableValues,
}: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Readonly<Record<string, unknown>> | null;
}) {
  const definitions = getOperationAST(document, operationName)?.variableDefinitions ?? [];
  return definitions.length ? variableProblems(schema, definitions, variableValues ?? {}) : [];
}

/**
 * Queries execute on graphql-jit's compiled executor (the GraphQL layer of a page of
 * 100 statements took about half the CPU: see README, Benchmarks). Yoga's executor
 * stays the reference for the rest: mutations and subscriptions, and any request whose
 * variables graphql-js refuses, so those answers and their messages are unchanged.
 */
export function compiledQueries(logger: Logger): Plugin {
  const jit = useGraphQlJit(
    {},
    {
      // A query that validated but does not compile: answered with the compiler's errors, and logged.
      onError: (result) =>
        logger.error({ errors: result.errors }, 'graphql-jit could not compile a query'),
      enableIf: ({ schema, document, operationName, variableValues }) => {
        const operation = getOperationAST(document, operationName);
        if (operation?.operation !== 'query') return false;
        const definitions = operation.variableDefinitions ?? [];
        return (
          definitions.length === 0 ||
          getVariableValues(schema, definitions, variableValues ?? {}).errors === undefined
        );
      },
    },
  ) as Plugin;
  return {
    ...jit,
    onExecute(payload) {
      // Synchronous (enableIf is): it only picks the executor.
      void jit.onExecute?.(payload);
      const { document } = payload.args;
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.some(isCompiledError)) return;
          // In the order yoga's executor writes them: errors first.
          const { errors, data, ...rest } = result;
          setResult({ errors: errors.map((e) => asUsual(e, document)), data, ...rest });
        },
      };
    },
  };
}

/**
 * graphql-jit's errors carry `locations` but neither nodes nor source positions,
 * which yoga's masking and serialisation rebuild errors from: they would lose them.
 */
function isCompiledError(error: GraphQLError): boolean {
  return error.locations !== undefined && error.source === undefined && error.nodes === undefined;
}

/**
 * A compiled query's error as yoga's executor builds it: located in the query's
 * source; an error of the executor itself (a null for a non-null field, a value
 * a scalar cannot serialise) has an original error there, so it is masked.
 */
function asUsual(error: GraphQLError, document: DocumentNode): GraphQLError {
  const source = document.loc?.source;
  if (!isCompiledError(error) || !source) return error;
  return new GraphQLError(error.message, {
    source,
    positions: positionsOf(source.body, error.locations!),
    path: error.path,
    originalError: error.originalError ?? new Error(error.message),
    extensions: error.extensions,
  });
}

function positionsOf(body: string, locations: readonly SourceLocation[]): number[] {
  const lineStarts = [0];
  for (const match of body.matchAll(/\r\n|[\n\r]/g)) lineStarts.push(match.index + match[0].length);
  return locations.map(({ line, column }) => (lineStarts[line - 1] ?? 0) + column - 1);
}
