/**
 * What extraction reads of an article taken in by src/articles, and how a statement
 * page's speaker, its publisher, is linked to the graph's organisation of that name
 * or proposed as one. Light (no NLP model): the review API uses it before loading
 * the extractor (src/extraction/document.ts, which re-exports it).
 */
import type { Article } from '../articles/article.intake.js';
import type { NameMatcher } from '../names/matcher.js';
import { proposeActor, slugOf, type ActorProposal, type ProposableSpeaker } from './proposal.js';

/** What extraction reads of an article, whichever path took it in. */
export interface ArticleFacts {
  /** The text as stored: every offset points into it. */
  text: string;
  /** The headline (the page's, the one given, or a plain text's first line). */
  title?: string | null;
  /** The page's whole title, where a section name may say what the page is ("Press Releases"). */
  pageTitle?: string | null;
  /** The outlet: for a statement page, its speaker. */
  publisher?: string | null;
  /** YYYY-MM-DD. */
  date?: string | null;
}

/**
 * What src/articles took in, as extraction reads it: the stored text, the headline
 * (the page's own when it was HTML), the page title, the outlet, and the published
 * date when it is a day. The API, the CLI and the evaluation all go through here.
 */
export function articleFacts(article: Article, date?: string | null): ArticleFacts {
  const published = date ?? article.metadata.publishedDate;
  return {
    text: article.text,
    title: article.page?.title ?? article.metadata.headline ?? null,
    pageTitle: article.page?.pageTitle ?? null,
    publisher: article.metadata.outlet ?? null,
    date: published && /^\d{4}-\d{2}-\d{2}$/.test(published) ? published : null,
  };
}

/** An outlet's organisation: the one organisation whose name or an alias is exactly the outlet's name. */
export function outletLinker(matcher: NameMatcher): (name: string) => string | null {
  return (name) => {
    const ids = new Set(matcher.duplicates([name], { type: 'Organization' }).map((h) => h.id));
    return ids.size === 1 ? [...ids][0]! : null;
  };
}

/**
 * A new actor for a candidate's speaker: for a statement page's own statement, its
 * publisher (an organisation, by its full name); otherwise `proposeActor`'s rule.
 */
export function proposeSpeaker(
  speaker: (ProposableSpeaker & { publisher?: string }) | null | undefined,
): ActorProposal | null {
  if (speaker?.publisher && !speaker.id) {
    const name = speaker.publisher;
    return { type: 'ORGANIZATION', name, id: `org:${slugOf(name)}` };
  }
  return proposeActor(speaker);
}
