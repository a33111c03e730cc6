import type { Config } from '../../config.js';
import type { Database } from '../../db/neo4j.js';
import { takeArticle, type ArticleInput } from '../../articles/article.intake.js';
import { articleTitle } from '../../articles/article.metadata.js';
import { articleFacts } from '../../extraction/article-facts.js';
import { parsePartialDate } from '../../calendar.js';
import { EditRejected, type EditingService, type Outcome } from '../editing/editing.service.js';
import type { StatementRow } from '../shared/rows.js';
import { CodePoints, evidenceOf } from '../shared/spans.js';
import { countryNamed } from '../../names/demonyms.js';
import {
  articleSourceId,
  candidatesOf,
  contentKeyOf,
  slugOf,
  statementIdFor,
  type ExtractFn,
  type OutletLinkFn,
} from './review.candidates.js';
import {
  createReviewRepository,
  type CandidateRow,
  type CandidateStatus,
  type ReviewRepository,
} from './review.repository.js';

/** What review needs beyond the database: the intake limits and the extractor. */
export interface ReviewOptions {
  articles: Config['articles'];
  extract: ExtractFn;
  linkOutlet: OutletLinkFn;
}

/**
 * Review: an article in, candidates out; a person accepts (a statement written
 * through the editing path, with its evidence in the article) or rejects each.
 * Every write is one transaction; a refused one writes nothing.
 */

export interface ArticleRequest {
  text?: string | null;
  html?: string | null;
  url?: string | null;
  outlet?: string | null;
  publishedDate?: string | null;
  articleUrl?: string | null;
  author?: string | null;
  headline?: string | null;
  credits?: string[] | null;
  language?: string | null;
}

export interface AcceptRequest {
  id: string;
  speaker?: string | null;
  newSpeaker?: {
    type: 'PERSON' | 'ORGANIZATION' | 'COUNTRY';
    id?: string | null;
    name: string;
    iso?: string | null;
    kind?: string | null;
  } | null;
  kind?: string | null;
  date?: string | null;
  about?: Array<{ target: string; stance: string }> | null;
  topics?: string[] | null;
  mentions?: string[] | null;
  meeting?: string | null;
  confidence?: number | null;
  verification?: string | null;
  note?: string | null;
  statementId?: string | null;
}

export interface Extraction {
  sourceId: string;
  candidates: CandidateRow[];
  outcome: Outcome;
}

export interface Reviewed {
  candidate: CandidateRow;
  statement: StatementRow | null;
  outcome: Outcome;
}

const ACTOR_TYPES = { PERSON: 'person', ORGANIZATION: 'organization', COUNTRY: 'country' } as const;
const ACTOR_PREFIXES = { PERSON: 'person', ORGANIZATION: 'org', COUNTRY: 'country' } as const;

const problem = (
  code: 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT',
  path: string,
  message: string,
) => new EditRejected([{ code, path, message }]);

const dayOf = (date: string | undefined) =>
  date && parsePartialDate(date)?.precision === 'DAY' ? date : undefined;

export function createReviewService(
  db: Database,
  editing: EditingService,
  options: ReviewOptions,
  repo: ReviewRepository = createReviewRepository(db),
) {
  async function extract(input: ArticleRequest, by: string): Promise<Extraction> {
    const articleInput: ArticleInput = {
      text: input.text,
      html: input.html,
      url: input.url,
      metadata: {
        outlet: input.outlet ?? undefined,
        publishedDate: input.publishedDate ?? undefined,
        url: input.articleUrl ?? undefined,
        author: input.author ?? undefined,
        headline: input.headline ?? undefined,
        credits: input.credits ?? [],
      },
    };
    if (input.publishedDate && !parsePartialDate(input.publishedDate)) {
      throw problem(
        'BAD_USER_INPUT',
        'input.publishedDate',
        'must be a date of the form YYYY, YYYY-MM or YYYY-MM-DD',
      );
    }
    const article = await takeArticle(articleInput, options.articles);
    const fetchedUrl = input.url ? article.metadata.url : undefined;
    const known = await db.readTx((tx) => repo.articleId(tx, article.textHash, fetchedUrl));
    const stored = known ? await db.readTx((tx) => repo.article(tx, known)) : null;
    // An article stored before is read from its stored text: the offsets of its candidates point there.
    const text = stored?.text ?? article.text;
    const sourceId = known ?? articleSourceId(article.textHash);
    const points = new CodePoints(text);
    const facts = articleFacts(article, stored?.published ?? article.metadata.publishedDate);
    const extracted = await options.extract(text, {
      date: dayOf(facts.date ?? undefined),
      title: facts.title,
      pageTitle: facts.pageTitle,
      publisher: facts.publisher,
    });
    const outlet = article.metadata.outlet;
    const publishedBy = !known && outlet ? await options.linkOutlet(outlet) : null;

    return editing.writeTx(async (tx, written) => {
      let created = 0;
      const existing = await repo.article(tx, sourceId);
      let publisher = existing?.publishedBy ?? undefined;
      if (!existing) {
        const m = article.metadata;
        // The publisher is one link: an outlet no organisation is named as gets one of its own.
        publisher =
          publishedBy ??
          (m.outlet ? await editing.createPublisherIn(tx, written, m.outlet, by) : undefined);
        const record = {
          id: sourceId,
          kind: 'ARTICLE',
          title: articleTitle(article.text, article.metadata),
          publishedBy: publisher,
          url: m.url,
          publishedDate: m.publishedDate,
          language: input.language ?? 'en',
          text,
          author: m.author,
          credits: m.credits,
        };
        await editing.writeRecordIn(tx, written, 'source', record, by, 'input');
        created += 1;
      }
      // A statement page's own statement is its publisher's: the organisation the Source is published by.
      const rows = candidatesOf(sourceId, points, extracted, publisher);
      // Found again at other offsets (an improved extractor moved its edges): the one stored stands.
      const stored = await repo.candidatesOf(sourceId, null, tx);
      const said = new Map(stored.map((c) => [contentKeyOf(c.speakerText, c.text), c.id]));
      const fresh = rows.filter((r) => (said.get(r.contentKey!) ?? r.id) === r.id);
      created += await repo.mergeCandidates(tx, fresh, new Date());
      return {
        sourceId,
        candidates: await repo.candidatesOf(sourceId, null, tx),
        outcome: created > 0 ? 'CREATED' : 'UNCHANGED',
      };
    });
  }

  async function accept(input: AcceptRequest, by: string): Promise<Reviewed> {
    return editing.writeTx(async (tx, written) => {
      const candidate = await repo.lockCandidate(tx, input.id);
      if (!candidate) throw problem('NOT_FOUND', 'input.id', `no candidate with id "${input.id}"`);
      const article = await repo.article(tx, candidate.sourceId);
      if (!article?.text) {
        throw problem(
          'CONFLICT',
          'input.id',
          `the candidate's article ${candidate.sourceId} is gone`,
        );
      }

      let speaker = input.speaker ?? null;
      if (input.newSpeaker) {
        if (input.speaker) {
          throw problem(
            'BAD_USER_INPUT',
            'input.newSpeaker',
            'give speaker or newSpeaker, not both',
          );
        }
        const n = input.newSpeaker;
        // a country is known by its ISO code, as the extractor proposes it: "country:NOR"
        const iso = n.type === 'COUNTRY' ? (n.iso ?? countryNamed(n.name)?.iso) : undefined;
        const id = n.id ?? `${ACTOR_PREFIXES[n.type]}:${iso ?? slugOf(n.name)}`;
        const record =
          n.type === 'COUNTRY'
            ? { id, name: n.name, iso }
            : n.type === 'ORGANIZATION'
              ? { id, name: n.name, kind: n.kind }
              : { id, name: n.name };
        await editing.writeRecordIn(
          tx,
          written,
          ACTOR_TYPES[n.type],
          record,
          by,
          'input.newSpeaker',
        );
        speaker = id;
      }
      speaker ??= candidate.speakerId;
      if (!speaker) {
        throw problem(
          'BAD_USER_INPUT',
          'input.speaker',
          `the speaker${candidate.speakerText ? ` "${candidate.speakerText}"` : ''} is not linked to the graph: give speaker or newSpeaker`,
        );
      }
      const date = input.date ?? candidate.dateValue;
      if (!date) {
        throw problem('BAD_USER_INPUT', 'input.date', 'the candidate has no date: give one');
      }
      const kind = input.kind ?? candidate.kind;
      const statementId =
        input.statementId ?? candidate.statementId ?? statementIdFor(candidate.id, speaker, date);
      const evidence = evidenceOf(
        candidate.spanStarts.map((start, i) => ({ start, end: candidate.spanEnds[i]! })),
      );
      const record = {
        id: statementId,
        speakers: [speaker],
        text: candidate.text,
        kind,
        language: article.language ?? 'en',
        date,
        // The article's words for the date, when the date is the one they resolve to.
        datePhrase:
          date === candidate.dateValue ? candidate.dateText?.trim() || undefined : undefined,
        about: input.about ?? [],
        // A topic the statement is about is one of its topics (the rule across records).
        topics: [
          ...new Set([
            ...(input.topics ?? []),
            ...(input.about ?? []).map((a) => a.target).filter((id) => id.startsWith('topic:')),
          ]),
        ],
        mentions: input.mentions ?? candidate.mentionIds,
        meeting: input.meeting ?? undefined,
        sources: [{ source: candidate.sourceId, role: 'READ', quoteType: kind, evidence }],
        confidence: input.confidence ?? candidate.confidence,
        verification: input.verification ?? 'UNVERIFIED',
        note: input.note ?? undefined,
      };
      const statement = await editing
        .writeRecordIn(tx, written, 'statement', record, by, 'input')
        .catch((error: unknown) => {
          if (!(error instanceof EditRejected)) throw error;
          // In the review's terms: its input names one `speaker` (the record lists `speakers`),
          // and a topic added from `about` is reported there, not again under `topics`.
          const given = input.topics?.length ?? 0;
          const problems = error.problems
            .filter(
              (p) =>
                !/^input\.topics\[(\d+)\]/.test(p.path) || Number(/\d+/.exec(p.path)![0]) < given,
            )
            .map((p) => ({ ...p, path: p.path.replace(/^input\.speakers\[0\]/, 'input.speaker') }));
          throw new EditRejected(problems);
        });
      // Accepting again with the same edits changes nothing; with other edits it rewrites the statement.
      const changed =
        candidate.status !== 'ACCEPTED' ||
        candidate.statementId !== statementId ||
        statement.outcome !== 'UNCHANGED';
      return {
        candidate: changed
          ? await repo.review(
              tx,
              candidate.id,
              'ACCEPTED',
              statementId,
              by,
              new Date(),
              contentKeyOf(candidate.speakerText, candidate.text),
            )
          : candidate,
        statement: (await editing.nodeRowIn(tx, statementId)) as StatementRow,
        outcome: !changed
          ? 'UNCHANGED'
          : statement.outcome === 'UNCHANGED'
            ? 'UPDATED'
            : statement.outcome,
      };
    });
  }

  async function reject(id: string, by: string): Promise<Reviewed> {
    return db.writeTx(async (tx) => {
      const candidate = await repo.lockCandidate(tx, id);
      if (!candidate) throw problem('NOT_FOUND', 'id', `no candidate with id "${id}"`);
      if (candidate.status === 'ACCEPTED') {
        throw problem(
          'CONFLICT',
          'id',
          `the candidate is accepted as ${candidate.statementId}; delete that statement first`,
        );
      }
      if (candidate.status === 'REJECTED')
        return { candidate, statement: null, outcome: 'UNCHANGED' };
      const reviewed = await repo.review(
        tx,
        id,
        'REJECTED',
        null,
        by,
        new Date(),
        contentKeyOf(candidate.speakerText, candidate.text),
      );
      return { candidate: reviewed, statement: null, outcome: 'UPDATED' };
    });
  }

  return {
    extract,
    accept,
    reject,
    candidate: (id: string) => repo.candidate(id),
    candidatesOf: (sourceId: string, statuses: CandidateStatus[] | null) =>
      repo.candidatesOf(sourceId, statuses),
    candidatesOfSources: (ids: readonly string[]) => repo.candidatesOfSources(ids),
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
