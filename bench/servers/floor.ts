import { createServer } from 'node:http';
import neo4j from 'neo4j-driver';
import { QUERIES } from '../queries.js';

/**
 * The floor: each query of the mix answered by one hand-written Cypher query
 * through neo4j-driver, behind the thinnest HTTP server. POST /<query name>.
 */
const driver = neo4j.driver(process.env.NEO4J_URI!, undefined, { disableLosslessIntegers: true });
let queries = 0;

const server = createServer((req, res) => {
  const name = req.url!.slice(1);
  if (name === 'stats') return void res.end(JSON.stringify({ queries }));
  const query = QUERIES.find((q) => q.name === name);
  if (!query) return void res.writeHead(404).end();
  req.resume();
  req.on('end', async () => {
    const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
    try {
      queries += 1;
      const result = await session.executeRead((tx) =>
        tx.run(query.floor.cypher, query.floor.params),
      );
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: result.records.map((r) => r.toObject()) }));
    } catch (error) {
      res.writeHead(500).end(String((error as Error).message));
    } finally {
      await session.close();
    }
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void driver.close().then(() => process.exit(0)));
});
