/**
 * Candidates as a dataset file (format statement-graph/2) for review in an
 * editor, then `statement-graph import`. Conventions of the seed (seed/README.md):
 * a candidate with no date of its own is dated to the article's month, its
 * `datePhrase` saying so; a speaker the linker did not find is proposed as a
 * new person or organisation; nothing is VERIFIED and no stance is set.
 */
import { FORMAT, type Dataset } from '../records/dataset.js';
import { newRecord } from '../records/record-kinds.js';
import type { ExtractedStatement } from './types.js';

export interface ArticleInfo {
  /** Base of the ids: "source:<slug>", "statement:<slug>-1", … */
  slug: string;
  title: string;
  /** YYYY-MM-DD. */
  date?: string;
  publisher?: string;
  url?: string;
  language?: string;
}

export const UNDATED_PHRASE = 'not dated in the article';

export function slugOf(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'untitled';
}

/** The date a candidate is recorded with: its own or carried date, else the article's month. */
export function recordedDate(
  s: ExtractedStatement,
  articleDate?: string,
): { date?: string; datePhrase?: string } {
  if (s.date) return { date: s.date.value, datePhrase: s.date.text };
  if (articleDate) return { date: articleDate.slice(0, 7), datePhrase: UNDATED_PHRASE };
  return {};
}

const PERSON_LIKE =
  /^(?:(?:mr|mrs|ms|dr|sen|rep|gov|gen)\.?\s+)?\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}$/u;
const ORG_WORDS =
  /\b(ministry|department|office|government|council|committee|agency|union|party|movement|organi[sz]ations?|media|police|army|court|commission|bureau|news|press|times|post|group|association|institute|university|bank|company|corporation|campaign)\b/i;

export function candidatesToDataset(
  statements: readonly ExtractedStatement[],
  article: ArticleInfo,
): Dataset {
  const source = `source:${article.slug}`;
  const people = new Map<string, Dataset['people'][number]>();
  const organizations = new Map<string, Dataset['organizations'][number]>();
  const records: Dataset['statements'] = [];
  statements.forEach((s, i) => {
    if (!s.speaker) return;
    let speaker = s.speaker.id;
    if (!speaker) {
      const words = (s.speaker.antecedent ?? s.speaker).text
        .replace(/^(the|a|an)\s+/i, '')
        .replace(/['’]s?$/, '');
      if (s.speaker.form === 'PRONOUN' && !s.speaker.antecedent) return;
      const orgLike = ORG_WORDS.test(words) || !PERSON_LIKE.test(words);
      const id = `${orgLike ? 'org' : 'person'}:${slugOf(words)}`;
      const description = `Proposed by extraction from ${source}: the article calls it "${words}".`;
      if (orgLike)
        organizations.set(id, {
          id,
          name: words,
          aliases: [],
          kind: 'other',
          description,
          partOf: [],
        });
      else people.set(id, { id, name: words, aliases: [], description });
      speaker = id;
    }
    const { date, datePhrase } = recordedDate(s, article.date);
    if (!date) return;
    const mentions = [...new Set(s.mentions.map((m) => m.id))].filter((id) => id !== speaker);
    records.push(
      newRecord('statement', {
        id: `statement:${article.slug}-${i + 1}`,
        speakers: [speaker],
        text: s.text,
        kind: s.kind,
        language: article.language ?? 'en',
        date,
        ...(datePhrase ? { datePhrase } : {}),
        mentions,
        sources: [{ source, quoteType: s.kind }],
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
        ...(article.publisher ? { publisher: article.publisher } : {}),
        ...(article.url ? { url: article.url } : {}),
        ...(article.date ? { publishedDate: article.date } : {}),
        language: article.language ?? 'en',
        cites: [],
      } as Dataset['sources'][number],
    ],
    people: [...people.values()],
    organizations: [...organizations.values()],
    countries: [],
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
