import type { Database } from '../db/neo4j.js';
import type { LinkableEntity } from './types.js';

// linkableEntities: every actor and place with its names, and each person's posts
const LINKABLE_ENTITIES = `
/* linkableEntities */
MATCH (n:Entity) WHERE n:Person OR n:Organization OR n:Country OR n:Place
OPTIONAL MATCH (n:Person)-[h:HOLDS_POSITION]->(o)
WITH n, collect(CASE WHEN h IS NULL THEN null ELSE {title: h.title, of: o.id, from: h.from, to: h.to} END) AS positions
RETURN n.id AS id,
       [l IN labels(n) WHERE l IN ['Person', 'Organization', 'Country', 'Place']][0] AS type,
       n.name AS name, coalesce(n.aliases, []) AS aliases, positions`;

/** The graph's entities as the speaker linker takes them (one query). */
export function createExtractionRepository(db: Database) {
  return {
    async linkableEntities(): Promise<LinkableEntity[]> {
      const rows = await db.read(LINKABLE_ENTITIES);
      return rows.map((r) => ({
        id: r.id as string,
        type: r.type as string,
        name: r.name as string,
        aliases: (r.aliases as string[]) ?? [],
        positions: (
          (r.positions as {
            title: string;
            of: string;
            from?: string | null;
            to?: string | null;
          }[]) ?? []
        ).map((p) => ({
          title: p.title,
          of: p.of,
          from: p.from ?? undefined,
          to: p.to ?? undefined,
        })),
      }));
    },
  };
}
