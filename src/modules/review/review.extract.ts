import type { Database } from '../../db/neo4j.js';
import { createExtractionRepository } from '../../extraction/extraction.repository.js';
import { createLinker } from '../../extraction/linker.js';
import { createMatcher } from '../../names/matcher.js';
import type { ExtractFn, OutletLinkFn } from './review.candidates.js';

/**
 * The extractor review uses: src/extraction, with speakers and mentions linked
 * to this graph's entities (names, aliases, and offices held on the article's
 * date, through the name matcher of src/names). The entities are read once per
 * extraction, so an actor added a minute ago is linked.
 */
export function createGraphExtractor(db: Database): ExtractFn {
  const repo = createExtractionRepository(db);
  return async (text, { date }) => {
    const [{ extractStatements }, entities] = await Promise.all([
      loadExtraction(),
      repo.linkableEntities(),
    ]);
    return extractStatements(text, { date, linker: createLinker(entities) });
  };
}

/**
 * The extraction core (wink-nlp and its English model, chrono) is ~40 MB once
 * loaded: it is loaded on the first extraction, not when the server starts, so
 * a server that never reviews an article never holds it. The module cache makes
 * later calls free.
 */
function loadExtraction() {
  return import('../../extraction/extract.js');
}

/**
 * An article's publisher: the graph's one organisation whose name or an alias is
 * the outlet's name (the same name in another spelling or script); null when
 * none is, or several are.
 */
export function createOutletLinker(db: Database): OutletLinkFn {
  const repo = createExtractionRepository(db);
  return async (outlet) => {
    const matcher = createMatcher(await repo.linkableEntities());
    const ids = new Set(matcher.duplicates([outlet], { type: 'Organization' }).map((h) => h.id));
    return ids.size === 1 ? [...ids][0]! : null;
  };
}
