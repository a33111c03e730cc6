import { answerParent, inputFromParent } from '../subprocess.js';
import { articleLinkers, extractArticle } from './document.js';
import type { LinkableEntity } from './types.js';

/** What review's extraction process is given: the article, what is known of it, the graph's entities. */
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

/** One extraction in a child process (see review.extract.ts): the statements found, as plain data. */
const { text, article, entities } = await inputFromParent<ExtractWorkerInput>();
await answerParent(extractArticle({ ...article, text, ...articleLinkers(entities) }));
