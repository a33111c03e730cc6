import { parentPort, workerData } from 'node:worker_threads';
import { articleLinkers, extractArticle } from './document.js';
import type { LinkableEntity } from './types.js';

/** What review's extraction thread is given: the article, what is known of it, the graph's entities. */
export interface ExtractWorkerInput {
  text: string;
  article: {
    date?: string | null;
    title?: string | null;
    pageTitle?: string | null;
    publisher?: string | null;
  };
  entities: LinkableEntity[];
}

/** One extraction (see review.extract.ts): the statements found, posted as plain data. */
const { text, article, entities } = workerData as ExtractWorkerInput;
parentPort!.postMessage(extractArticle({ ...article, text, ...articleLinkers(entities) }));
