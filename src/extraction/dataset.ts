/**
 * Candidates as a dataset file (format statement-graph/2) for review in an
 * editor, then `statement-graph import`. Conventions of the seed (seed/README.md):
 * a candidate with no date of its own is dated "on or before" the article's date
 * ("../2024-07-28"; "../.." when the article has none), its `datePhrase` saying so; a
 * speaker the linker did not find is proposed as a new person, organisation or country
 * (`proposeActor`, as the review API proposes it); nothing is VERIFIED and no stance is set.
 */
import { FORMAT, type Dataset } from '../records/dataset.js';
import { newRecord } from '../records/record-kinds.js';
import { proposeSpeaker } from './article-facts.js';
import { proposeSpeakers, slugOf } from './proposal.js';
import type { ExtractedStatement } from './types.js';

export { slugOf } from './proposal.js';

export interface ArticleInfo {
  /** Base of the statements' ids: "statement:<slug>-1", … */
  slug: string;
  /** The Source's id ("source:<slug>" when not given): the review API's for the same text. */
  sourceId?: string;
  title: string;
  /** YYYY-MM-DD. */
  date?: string;
  publisher?: string;
  /** The graph's organisation the publisher is, when known: linked, not proposed. */
  publisherId?: string;
  url?: string;
  language?: string;
  /** The article's text as stored: the statements' evidence spans point into it. */
  text?: string;
  author?: string;
  /** Wire agencies and outlets credited, as the page states them. */
  credits?: string[];
}

export const UNDATED_PHRASE = 'not dated in the article';

/**
 * The date a candidate is recorded with: its own or carried date, else bounds: said on
 * or before the article's date (it reports it), or not known at all.
 */
export function recordedDate(
  s: ExtractedStatement,
  articleDate?: string,
): { date: string; datePhrase?: string } {
  if (s.date) return { date: s.date.value, datePhrase: s.date.text };
  return { date: `../${articleDate ?? '..'}`, datePhrase: UNDATED_PHRASE };
}

export function candidatesToDataset(
  statements: readonly ExtractedStatement[],
  article: ArticleInfo,
): Dataset {
  const source = article.sourceId ?? `source:${article.slug}`;
  // The publisher is one link (format 2): proposed as an organisation, like an unknown speaker.
  const publisher: Dataset['organizations'][number] | undefined =
    article.publisher && !article.publisherId
      ? {
          id: `org:${slugOf(article.publisher)}`,
          name: article.publisher,
          aliases: [],
          kind: 'other',
          description: `Proposed by extraction from ${source}: the page names it as its publisher.`,
          partOf: [],
        }
      : undefined;
  const people = new Map<string, Dataset['people'][number]>();
  const organizations = new Map<string, Dataset['organizations'][number]>();
  const countries = new Map<string, Dataset['countries'][number]>();
  const records: Dataset['statements'] = [];
  statements.forEach((s, i) => {
    if (!s.speaker) return;
    // a statement page's own statement: its publisher, proposed by its full name
    const own = s.speaker.publisher && !s.speaker.id ? proposeSpeaker(s.speaker) : null;
    const speakers = own ? [{ id: own.id, proposal: own }] : proposeSpeakers(s.speaker);
    if (speakers.length === 0) return;
    for (const { proposal } of speakers) {
      if (!proposal) continue;
      const role = proposal.role ? `, with the title "${proposal.role}"` : '';
      // one of names speaking together is called by its own name
      const called = speakers.length > 1 ? proposal.name : (s.speaker.antecedent ?? s.speaker).text;
      const description = `Proposed by extraction from ${source}: the article calls it "${called}"${role}.`;
      if (proposal.type === 'COUNTRY' && proposal.iso)
        countries.set(proposal.id, {
          id: proposal.id,
          name: proposal.name,
          aliases: [],
          iso: proposal.iso,
        });
      else if (proposal.type === 'ORGANIZATION')
        organizations.set(proposal.id, {
          id: proposal.id,
          name: proposal.name,
          aliases: [],
          kind: 'other',
          description,
          partOf: [],
        });
      else
        people.set(proposal.id, { id: proposal.id, name: proposal.name, aliases: [], description });
    }
    const ids = speakers.map((x) => x.id);
    const { date, datePhrase } = recordedDate(s, article.date);
    if (!date) return;
    const mentions = [...new Set(s.mentions.map((m) => m.id))].filter((id) => !ids.includes(id));
    records.push(
      newRecord('statement', {
        id: `statement:${article.slug}-${i + 1}`,
        speakers: ids,
        text: s.text,
        kind: s.kind,
        language: article.language ?? 'en',
        date,
        ...(datePhrase ? { datePhrase } : {}),
        mentions,
        // evidence: where it stands in the stored text, as accepting it in review records it
        sources: [
          {
            source,
            role: 'READ',
            quoteType: s.kind,
            ...(article.text
              ? { evidence: s.content.map((c) => `${c.start}-${c.end}`).join(',') }
              : {}),
          },
        ],
        confidence: s.confidence,
        verification: 'UNVERIFIED',
        note: evidenceNote(s),
      }),
    );
  });
  return {
    format: FORMAT,
    description: `Candidate statements extracted from "${article.title}": review (speakers, stance, dates), then import.`,
    sources: [
      {
        id: source,
        kind: 'ARTICLE',
        title: article.title,
        ...(article.publisherId || publisher
          ? { publishedBy: article.publisherId ?? publisher!.id }
          : {}),
        ...(article.url ? { url: article.url } : {}),
        ...(article.date ? { publishedDate: article.date } : {}),
        language: article.language ?? 'en',
        cites: [],
        ...(article.text ? { text: article.text } : {}),
        ...(article.author ? { author: article.author } : {}),
        ...(article.credits?.length ? { credits: article.credits } : {}),
      } as Dataset['sources'][number],
    ],
    people: [...people.values()],
    organizations: [
      ...organizations.values(),
      ...(publisher && !organizations.has(publisher.id) ? [publisher] : []),
    ],
    countries: [...countries.values()],
    places: [],
    topics: [],
    positions: [],
    meetings: [],
    statements: records,
  } as Dataset;
}

function evidenceNote(s: ExtractedStatement): string {
  const spans = s.content.map((c) => `${c.start}-${c.end}`).join(', ');
  const who = s.speaker
    ? `speaker "${s.speaker.text}" at ${s.speaker.start}-${s.speaker.end}`
    : 'no speaker';
  const how = s.speaker?.linkedBy ? ` (linked by ${s.speaker.linkedBy})` : '';
  return `Extracted (${s.form.toLowerCase()}): content at ${spans} (code points); ${who}${how}.`;
}
