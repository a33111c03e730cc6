/**
 * What repositories return: plain objects shaped by Cypher map projections,
 * dates as "YYYY-MM-DD", date-times as ISO strings. Resolvers start from these.
 */

interface Stored {
  id: string;
  createdAt: string;
  updatedAt: string;
  updatedBy?: string | null;
}

export interface PersonRow extends Stored {
  __typename: 'Person';
  name: string;
  aliases: string[];
  description?: string | null;
}

export interface OrganizationRow extends Stored {
  __typename: 'Organization';
  name: string;
  aliases: string[];
  kind: string;
  description?: string | null;
}

export interface CountryRow extends Stored {
  __typename: 'Country';
  name: string;
  aliases: string[];
  iso: string;
}

export interface PlaceRow extends Stored {
  __typename: 'Place';
  name: string;
  aliases: string[];
  kind: string;
}

export interface TopicRow extends Stored {
  __typename: 'Topic';
  title: string;
  aliases: string[];
  description?: string | null;
}

/** A partial date as stored: `<prefix>`, `<prefix>Precision`, `<prefix>Start`, `<prefix>End`. */
type StoredDate<P extends string> = {
  [K in P | `${P}Precision` | `${P}Start` | `${P}End`]?: string | null;
};

export type MeetingRow = Stored &
  StoredDate<'date'> &
  StoredDate<'endDate'> & {
    __typename: 'Meeting';
    title: string;
    kind: string;
    datePhrase?: string | null;
    description?: string | null;
  };

export type SourceRow = Stored &
  StoredDate<'published'> & {
    __typename: 'Source';
    kind: string;
    title: string;
    /** The PUBLISHED_BY organisation's name, where the row was read with it (nodeOut). */
    publisher?: string | null;
    url?: string | null;
    language?: string | null;
    author?: string | null;
    credits?: string[] | null;
  };

export type StatementRow = Stored &
  StoredDate<'date'> & {
    __typename: 'Statement';
    text: string;
    kind: string;
    language: string;
    datePhrase?: string | null;
    confidence: number;
    verification: string;
    note?: string | null;
    /** JSON array of figures. */
    figures?: string | null;
    /** The position id of the post it was made in. */
    post?: string | null;
    quotes?: string[] | null;
    approximate?: boolean | null;
  };

/** One source a statement is reported in; `evidence` as stored ("212-270,301-340"). */
export interface StatementSourceRow {
  source: SourceRow;
  role: 'READ' | 'UPSTREAM';
  quoteType: 'DIRECT_QUOTE' | 'PARAPHRASE' | 'REPORTED';
  evidence?: string | null;
}

export type ActorRow = PersonRow | OrganizationRow | CountryRow;
export type NodeRow = ActorRow | PlaceRow | TopicRow | MeetingRow | SourceRow | StatementRow;
export type NodeType = NodeRow['__typename'];

export type PositionRow = StoredDate<'from'> &
  StoredDate<'to'> & {
    id: string;
    title: string;
    personId: string;
    ofId: string;
  };

export interface PartialDateValue {
  text: string;
  precision: string;
  start: string;
  end: string;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  /** Counted only when asked for. */
  totalCount: () => Promise<number>;
}

/** The stored partial date under `prefix`, or null when there is none. */
export function partialDate(row: object, prefix: string): PartialDateValue | null {
  const r = row as Record<string, string | null | undefined>;
  const text = r[prefix];
  if (!text) return null;
  return {
    text,
    precision: r[`${prefix}Precision`]!,
    start: r[`${prefix}Start`]!,
    end: r[`${prefix}End`]!,
  };
}
