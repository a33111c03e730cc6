import { createServer } from 'node:http';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j, { type Driver } from 'neo4j-driver';
import { PEER_TYPE_DEFS } from './peer-type-defs.js';

/** The peer: @neo4j/graphql 7 on the same Neo4j and data, served by the same yoga. */
const driver = neo4j.driver(process.env.NEO4J_URI!);
let queries = 0;

/** Counts the Cypher queries @neo4j/graphql sends (it runs them through session.executeRead). */
function counting(d: Driver): Driver {
  return new Proxy(d, {
    get(target, prop, receiver) {
      if (prop !== 'session') return Reflect.get(target, prop, receiver);
      return (...args: Parameters<Driver['session']>) => {
        const session = target.session(...args);
        const wrap =
          (execute: typeof session.executeRead) =>
          (
            work: Parameters<typeof session.executeRead>[0],
            config?: Parameters<typeof session.executeRead>[1],
          ) =>
            execute.call(
              session,
              (tx) =>
                work(
                  new Proxy(tx, {
                    get: (t, p, r) =>
                      p === 'run'
                        ? (...a: Parameters<typeof t.run>) => ((queries += 1), t.run(...a))
                        : Reflect.get(t, p, r),
                  }),
                ),
              config,
            );
        session.executeRead = wrap(session.executeRead) as typeof session.executeRead;
        session.executeWrite = wrap(session.executeWrite) as typeof session.executeWrite;
        return session;
      };
    },
  });
}

const schema = await new Neo4jGraphQL({
  typeDefs: PEER_TYPE_DEFS,
  driver: counting(driver),
}).getSchema();
const yoga = createYoga({
  schema,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
});

const server = createServer((req, res) => {
  if (req.url === '/stats') return void res.end(JSON.stringify({ queries }));
  return yoga(req, res);
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void driver.close().then(() => process.exit(0)));
});
