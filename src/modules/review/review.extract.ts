import { createGate } from '../../gate.js';
import type { Database } from '../../db/neo4j.js';
import { ArticleError } from '../../articles/article.errors.js';
import type { ExtractWorkerInput } from '../../extraction/extract.worker.js';
import { OutOfMemory, runInProcess, workerModule } from '../../subprocess.js';
import { createExtractionRepository } from '../../extraction/extraction.repository.js';
import { outletLinker } from '../../extraction/article-facts.js';
import { createMatcher } from '../../names/matcher.js';
import type { Extracted, ExtractFn, OutletLinkFn } from './review.candidates.js';

/**
 * The extractor review uses: src/extraction's `extractArticle`, the one function the
 * CLI and the evaluation extract an article with, with speakers, mentions and a
 * statement page's publisher linked to this graph's entities (names, aliases, and
 * offices held on the article's date, through the name matcher of src/names). The
 * entities are read once per extraction, so an actor added a minute ago is linked.
 */
export function createGraphExtractor(db: Database, processes?: ExtractProcesses): ExtractFn {
  const repo = createExtractionRepository(db);
  if (processes) {
    const gate = createGate(processes.concurrency);
    return (text, article) =>
      gate.run(async () => {
        const entities = await repo.linkableEntities();
        try {
          return await runInProcess<ExtractWorkerInput, Extracted[]>(
            WORKER,
            { text, article, entities },
            processes.heapMb,
          );
        } catch (error) {
          if (!(error instanceof OutOfMemory)) throw error;
          throw new ArticleError(
            'ARTICLE_TOO_LARGE',
            `Extracting this article needs more than the ${processes.heapMb} MB an extraction may use (EXTRACT_HEAP_MB): send a shorter article.`,
            'input',
          );
        }
      });
  }
  return async (text, article) => {
    const [{ extractArticle, articleLinkers }, entities] = await Promise.all([
      loadExtraction(),
      repo.linkableEntities(),
    ]);
    return extractArticle({ ...article, text, ...articleLinkers(entities) });
  };
}

/**
 * Extractions in child processes (the service's way): each with its own heap limit
 * (`heapMb`; an article that needs more is ARTICLE_TOO_LARGE), `concurrency` at once,
 * and none of them blocks the service's event loop for the seconds a long article takes.
 */
export interface ExtractProcesses {
  heapMb: number;
  concurrency: number;
}

const WORKER = workerModule(import.meta.url, '../../extraction/extract.worker');

/**
 * The extraction core (wink-nlp and its English model, chrono) is ~40 MB once
 * loaded: it is loaded on the first extraction, not when the server starts, so
 * a server that never reviews an article never holds it. The module cache makes
 * later calls free.
 */
function loadExtraction() {
  return import('../../extraction/document.js');
}

/**
 * An article's publisher: the graph's one organisation whose name or an alias is
 * the outlet's name (the same name in another spelling or script); null when
 * none is, or several are. The same rule links a statement page's speaker.
 */
export function createOutletLinker(db: Database): OutletLinkFn {
  const repo = createExtractionRepository(db);
  return async (outlet) => {
    return outletLinker(createMatcher(await repo.linkableEntities()))(outlet);
  };
}
