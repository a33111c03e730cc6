import type { Database } from '../../db/neo4j.js';
import { createExtractionRepository } from '../../extraction/extraction.repository.js';
import { extractStatements } from '../../extraction/index.js';
import { createLinker } from '../../extraction/linker.js';
import type { ExtractFn } from './review.candidates.js';

/**
 * The extractor review uses: src/extraction, with speakers and mentions linked
 * to this graph's entities (names, aliases, and offices held on the article's
 * date, through the name matcher of src/names). The entities are read once per
 * extraction, so an actor added a minute ago is linked.
 */
export function createGraphExtractor(db: Database): ExtractFn {
  const repo = createExtractionRepository(db);
  return async (text, { date }) => {
    const linker = createLinker(await repo.linkableEntities());
    return extractStatements(text, { date, linker });
  };
}
