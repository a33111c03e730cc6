import { getOperationAST, GraphQLError } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { Database } from './db/neo4j.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { createContext } from './context.js';
import { schema } from './schema.js';

export interface AppDeps {
  db: Database;
  logger: Logger;
  metrics: Metrics;
}

/** Builds the HTTP application; never listens (main.ts does, tests call `yoga.fetch`). */
export function createApp({ db, logger, metrics }: AppDeps) {
  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    renderGraphiQL,
    graphiql: { title: 'Statement Graph', defaultQuery: EXAMPLE_QUERY },
    maskedErrors: true,
    logging: logger,
    context: () => createContext(db),
    plugins: [healthAndMetrics(db, metrics), requestLog(logger, metrics), inputErrorCodes()],
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

/** One log line and one metric sample per GraphQL request, with its operation name. */
function requestLog(logger: Logger, metrics: Metrics): Plugin {
  const started = new WeakMap<Request, number>();
  const operations = new WeakMap<Request, string | undefined>();
  return {
    onRequest({ request }) {
      started.set(request, performance.now());
    },
    onExecute({ args }) {
      const { request } = args.contextValue as { request: Request };
      operations.set(request, getOperationAST(args.document, args.operationName)?.name?.value);
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      if (start === undefined || !new URL(request.url).pathname.startsWith('/graphql')) return;
      const seconds = (performance.now() - start) / 1000;
      const operation = operations.get(request);
      metrics.observeRequest(operation, response.status, seconds);
      logger.info(
        {
          operation: operation ?? null,
          method: request.method,
          status: response.status,
          ms: Math.round(seconds * 1000),
        },
        'graphql request',
      );
    },
  };
}

/**
 * graphql-js reports variables that do not coerce (a "2024-02-30" Date) without a
 * code; they are the client's input, so they get BAD_USER_INPUT like other bad input.
 */
function inputErrorCodes(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.length) return;
          setResult({
            ...result,
            errors: result.errors.map((error) =>
              error.path === undefined && error.extensions?.code === undefined
                ? new GraphQLError(error.message, {
                    nodes: error.nodes,
                    extensions: { code: 'BAD_USER_INPUT' },
                  })
                : error,
            ),
          });
        },
      };
    },
  };
}

const EXAMPLE_QUERY = /* GraphQL */ `
  # Statement Graph — try a query, e.g.:
  {
    node(id: "person:sergey-lavrov") {
      id
      __typename
    }
  }
`;
