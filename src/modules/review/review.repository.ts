import neo4j from 'neo4j-driver';
import { int, type Database, type Tx } from '../../db/neo4j.js';

/**
 * The Cypher of review: the articles stored at intake (Sources with their text)
 * and the candidates found in them. A candidate is review state, not a fact of
 * the graph: it is a :Candidate node outside :Entity (search, exploration and
 * exports never see it) and names the article, its proposed speaker, mentions
 * and statement by id, so a candidate never stands in the way of editing,
 * merging or deleting the nodes it points to.
 */

export type CandidateStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED';

/** A candidate as stored: flat properties (Neo4j properties hold no maps). */
export interface CandidateRow {
  id: string;
  sourceId: string;
  /** Code-point offset of its first content span: the order of appearance. */
  position: number;
  status: CandidateStatus;
  text: string;
  /** contentKeyOf(speakerText, text): what it says, whatever its offsets. */
  contentKey: string | null;
  /** The rejected candidate (of another article) whose rejection this one took on creation. */
  rejectedLike: string | null;
  kind: string;
  spanStarts: number[];
  spanEnds: number[];
  speakerText: string | null;
  speakerStart: number | null;
  speakerEnd: number | null;
  speakerId: string | null;
  proposalType: string | null;
  proposalName: string | null;
  proposalId: string | null;
  /** The title written before a proposed person's name ("Malaysian Foreign Minister"). */
  proposalRole: string | null;
  cueStart: number | null;
  cueEnd: number | null;
  dateText: string | null;
  dateValue: string | null;
  datePrecision: string | null;
  dateStart: number | null;
  dateEnd: number | null;
  mentionIds: string[];
  confidence: number;
  statementId: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  createdAt: string;
}

export type NewCandidate = Omit<
  CandidateRow,
  'status' | 'statementId' | 'reviewedBy' | 'reviewedAt' | 'createdAt' | 'rejectedLike'
>;

export interface ArticleRow {
  id: string;
  text: string | null;
  published: string | null;
  language: string | null;
  /** Its PUBLISHED_BY organisation's id. */
  publishedBy: string | null;
}

/** Integer properties: a JS number is a float to Neo4j, so offsets go as Cypher integers. */
const INT_FIELDS = [
  'position',
  'speakerStart',
  'speakerEnd',
  'cueStart',
  'cueEnd',
  'dateStart',
  'dateEnd',
];
const INT_LISTS = ['spanStarts', 'spanEnds'];

// articleByTextHash: the article stored with exactly this text.
const ARTICLE_BY_HASH = `
MATCH (s:Source {textHash: $hash})
RETURN s.id AS id
ORDER BY s.createdAt LIMIT 1`;

// articleByUrl: an article fetched from this URL before (its text may have changed since).
const ARTICLE_BY_URL = `
MATCH (s:Source {url: $url}) WHERE s.articleText IS NOT NULL
RETURN s.id AS id
ORDER BY s.createdAt LIMIT 1`;

// article
const ARTICLE = `
MATCH (s:Source {id: $id})
RETURN s { .id, text: s.articleText, .published, .language,
  publishedBy: head(COLLECT { MATCH (s)-[:PUBLISHED_BY]->(o) RETURN o.id }) } AS article`;

// articleTexts: the stored text of each source, in key order (null for one without).
const ARTICLE_TEXTS = `
UNWIND $ids AS id
OPTIONAL MATCH (s:Source {id: id})
RETURN id, s.articleText AS text`;

/**
 * mergeCandidates: a candidate found again is left as it is (a rejected one stays
 * rejected); only new ones are created. A new one saying what a rejected candidate
 * said (the same content key, in another article or at other offsets) is created
 * rejected, naming that one. Returns the ids created by this call.
 */
const MERGE_CANDIDATES = `
UNWIND $rows AS row
MERGE (c:Candidate {id: row.id})
ON CREATE SET c = row, c.status = 'PENDING', c.createdAt = $now, c.__created = $token
WITH c
WHERE c.__created = $token
REMOVE c.__created
WITH c
OPTIONAL MATCH (r:Candidate {contentKey: c.contentKey, status: 'REJECTED'})
WHERE r.id <> c.id
WITH c, r ORDER BY r.reviewedAt
WITH c, head(collect(r)) AS r
FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END |
  SET c.status = 'REJECTED', c.rejectedLike = r.id, c.reviewedBy = r.reviewedBy, c.reviewedAt = $now)
RETURN c.id AS id`;

// candidatesOfSource
const CANDIDATES_OF_SOURCE = `
MATCH (c:Candidate {sourceId: $sourceId})
WHERE $statuses IS NULL OR c.status IN $statuses
RETURN c { .* } AS candidate
ORDER BY c.position, c.id`;

// candidatesOfSources: for a page of sources at once.
const CANDIDATES_OF_SOURCES = `
UNWIND $ids AS sourceId
MATCH (c:Candidate {sourceId: sourceId})
RETURN sourceId, c { .* } AS candidate
ORDER BY c.position, c.id`;

// candidateById
const CANDIDATE_BY_ID = `
MATCH (c:Candidate {id: $id})
RETURN c { .* } AS candidate`;

// lockCandidate: held until the transaction ends, so two reviewers of one candidate take turns.
const LOCK_CANDIDATE = `
MATCH (c:Candidate {id: $id})
SET c.__lock = true
REMOVE c.__lock
RETURN c { .* } AS candidate`;

// reviewCandidate: the content key is set too (a candidate stored before keys existed gets one when reviewed).
const REVIEW_CANDIDATE = `
MATCH (c:Candidate {id: $id})
SET c.status = $status, c.statementId = $statementId, c.reviewedBy = $by, c.reviewedAt = $now,
  c.contentKey = $contentKey
RETURN c { .* } AS candidate`;

export function createReviewRepository(db: Database) {
  const toParams = (row: NewCandidate) => {
    const params: Record<string, unknown> = { ...row };
    for (const key of INT_FIELDS) {
      const value = params[key];
      if (typeof value === 'number') params[key] = int(value);
    }
    for (const key of INT_LISTS) params[key] = (params[key] as number[]).map((n) => int(n));
    return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null));
  };
  const candidate = (row: Record<string, unknown> | undefined) =>
    row ? withDefaults(row.candidate as Partial<CandidateRow>) : null;

  return {
    async articleId(tx: Tx, hash: string, url: string | undefined): Promise<string | null> {
      const [byHash] = await tx.run(ARTICLE_BY_HASH, { hash });
      if (byHash) return byHash.id as string;
      if (!url) return null;
      const [byUrl] = await tx.run(ARTICLE_BY_URL, { url });
      return (byUrl?.id as string | undefined) ?? null;
    },

    async article(tx: Tx, id: string): Promise<ArticleRow | null> {
      const [row] = await tx.run(ARTICLE, { id });
      return (row?.article as ArticleRow | undefined) ?? null;
    },

    /** Creates the candidates not stored yet; returns how many were created. */
    async mergeCandidates(tx: Tx, rows: NewCandidate[], now: Date): Promise<number> {
      if (rows.length === 0) return 0;
      const created = await tx.run(MERGE_CANDIDATES, {
        rows: rows.map(toParams),
        now: dateTime(now),
        token: `${now.getTime()}-${Math.random()}`,
      });
      return created.length;
    },

    async candidatesOf(
      sourceId: string,
      statuses: CandidateStatus[] | null,
      tx?: Tx,
    ): Promise<CandidateRow[]> {
      const params = { sourceId, statuses };
      const rows = tx
        ? await tx.run(CANDIDATES_OF_SOURCE, params)
        : await db.read(CANDIDATES_OF_SOURCE, params);
      return rows.map((row) => candidate(row)!);
    },

    /** Candidates per source, in key order (an empty list for a source without any). */
    async candidatesOfSources(ids: readonly string[]): Promise<CandidateRow[][]> {
      const rows = await db.read(CANDIDATES_OF_SOURCES, { ids });
      const bySource = new Map<string, CandidateRow[]>();
      for (const row of rows) {
        const list = bySource.get(row.sourceId as string) ?? [];
        list.push(candidate(row)!);
        bySource.set(row.sourceId as string, list);
      }
      return ids.map((id) => bySource.get(id) ?? []);
    },

    /** Each source's stored text, in key order; null for a source without one (or no source). */
    async articleTexts(ids: readonly string[]): Promise<Array<string | null>> {
      const rows = await db.read(ARTICLE_TEXTS, { ids });
      const byId = new Map(
        rows.map((row) => [row.id as string, (row.text as string | null) ?? null]),
      );
      return ids.map((id) => byId.get(id) ?? null);
    },

    async candidate(id: string): Promise<CandidateRow | null> {
      const [row] = await db.read(CANDIDATE_BY_ID, { id });
      return candidate(row);
    },

    async lockCandidate(tx: Tx, id: string): Promise<CandidateRow | null> {
      const [row] = await tx.run(LOCK_CANDIDATE, { id });
      return candidate(row);
    },

    async review(
      tx: Tx,
      id: string,
      status: CandidateStatus,
      statementId: string | null,
      by: string,
      now: Date,
      contentKey: string,
    ): Promise<CandidateRow> {
      const [row] = await tx.run(REVIEW_CANDIDATE, {
        id,
        contentKey,
        status,
        statementId,
        by,
        now: dateTime(now),
      });
      return candidate(row)!;
    },
  };
}

/** Absent properties read back as null, lists as empty. */
function withDefaults(row: Partial<CandidateRow>): CandidateRow {
  return {
    speakerText: null,
    speakerStart: null,
    speakerEnd: null,
    speakerId: null,
    proposalType: null,
    proposalName: null,
    proposalId: null,
    proposalRole: null,
    cueStart: null,
    cueEnd: null,
    dateText: null,
    dateValue: null,
    datePrecision: null,
    dateStart: null,
    dateEnd: null,
    statementId: null,
    contentKey: null,
    rejectedLike: null,
    reviewedBy: null,
    reviewedAt: null,
    mentionIds: [],
    spanStarts: [],
    spanEnds: [],
    ...row,
  } as CandidateRow;
}

const dateTime = (date: Date) => neo4j.types.DateTime.fromStandardDate(date);

export type ReviewRepository = ReturnType<typeof createReviewRepository>;
