import { z } from 'zod';
import { ledByValue } from './issue-messages.js';
import {
  checkDay,
  checkPartialDate,
  checkStatementDate,
  DAY_FORM,
  PARTIAL_DATE_FORM,
} from '../calendar.js';

/**
 * The dataset format (version "statement-graph/2"): the one shape used by the
 * importer, the exporter and the seed. `schema/dataset.schema.json` is generated
 * from these definitions (`npm run schema:json`), so the two cannot drift.
 * Version 1 files still import: `upgradeRecord` and upgrade.ts convert their records.
 */

export const FORMAT = 'statement-graph/2';
export const FORMAT_V1 = 'statement-graph/1';
export const FORMATS = [FORMAT_V1, FORMAT] as const;

const idOf = (prefix: string) =>
  z
    .string()
    .regex(
      new RegExp(`^${prefix}:[A-Za-z0-9][A-Za-z0-9._-]*$`),
      `must look like "${prefix}:some-slug"`,
    )
    .max(200);

export const ID_PREFIXES = {
  person: 'person',
  organization: 'org',
  country: 'country',
  place: 'place',
  topic: 'topic',
  meeting: 'meeting',
  source: 'source',
  statement: 'statement',
  position: 'position',
} as const;

const personId = idOf(ID_PREFIXES.person);
const organizationId = idOf(ID_PREFIXES.organization);
const countryId = idOf(ID_PREFIXES.country);
const placeId = idOf(ID_PREFIXES.place);
const topicId = idOf(ID_PREFIXES.topic);
const meetingId = idOf(ID_PREFIXES.meeting);
const sourceId = idOf(ID_PREFIXES.source);
const statementId = idOf(ID_PREFIXES.statement);
const positionId = idOf(ID_PREFIXES.position);
/** One pattern rather than a union of three, so a bad id gets a message that says what is expected. */
const actorId = z
  .string()
  .regex(
    new RegExp(
      `^(${ID_PREFIXES.person}|${ID_PREFIXES.organization}|${ID_PREFIXES.country}):[A-Za-z0-9][A-Za-z0-9._-]*$`,
    ),
    'must be the id of a person, organisation or country ("person:…", "org:…" or "country:…")',
  )
  .max(200);

const name = z.string().trim().min(1).max(300);
const text = (max: number) => z.string().trim().min(1).max(max);
const aliases = z.array(name).max(50).default([]);

/**
 * Refines a string with one of the calendar's checks, keeping its message and naming the
 * value given, as a date filter's refusal does (`"2023-02-29": February 2023 has 28 days`).
 */
const calendarCheck =
  (check: (text: string) => { ok: boolean; message?: string }) =>
  (text: string, ctx: z.RefinementCtx) => {
    const checked = check(text);
    if (!checked.ok) ctx.addIssue({ code: 'custom', message: ledByValue(checked.message!, text) });
  };

/** YYYY, YYYY-MM or YYYY-MM-DD over years 0001–9999 (see src/calendar.ts): the precision is the shape. */
export const partialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { error: PARTIAL_DATE_FORM, abort: true })
  .superRefine(calendarCheck(checkPartialDate));
/**
 * A statement's date (format 2): a partial date, or what the source lets us say when it
 * gives none: "../2024-07-28" (on or before), "2024-06/.." (on or after),
 * "2024-06/2024-07-28" (between) or "../.." (unknown). See src/calendar.ts.
 */
export const statementDate = z.string().max(30).superRefine(calendarCheck(checkStatementDate));
/** YYYY-MM-DD over years 0001–9999. */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: DAY_FORM, abort: true })
  .superRefine(calendarCheck(checkDay));

export const STANCES = ['SUPPORTIVE', 'CRITICAL', 'NEUTRAL', 'MIXED'] as const;
export const STATEMENT_KINDS = ['DIRECT_QUOTE', 'PARAPHRASE', 'REPORTED'] as const;
export const VERIFICATIONS = ['UNVERIFIED', 'VERIFIED', 'DISPUTED'] as const;
export const SOURCE_KINDS = [
  'ARTICLE',
  'WIRE_REPORT',
  'INTERVIEW',
  'TRANSCRIPT',
  'RESOLUTION',
  'BROADCAST',
  'PRESS_RELEASE',
  'REPORT',
  'OTHER',
] as const;
/**
 * A statement source's role: READ, a source actually read (a statement reported by two
 * outlets has two); UPSTREAM, a source they rely on (the wire report an article cites).
 */
export const SOURCE_ROLES = ['READ', 'UPSTREAM'] as const;
export const MEETING_KINDS = [
  'VISIT',
  'TALKS',
  'SUMMIT',
  'PRESS_CONFERENCE',
  'INTERVIEW',
  'UN_SESSION',
  'NEGOTIATIONS',
  'COURT_HEARING',
  'CONFERENCE',
  'OTHER',
] as const;

/** The most characters an article's stored text may have (ARTICLE_MAX_BYTES is at most this many bytes by default). */
export const SOURCE_TEXT_MAX = 2 * 1024 * 1024;

/**
 * Where a statement stands in its source's stored text: code-point spans
 * `start-end` (end exclusive), several for an interrupted quote: "212-270,301-340".
 */
export const evidence = z
  .string()
  .max(2000)
  .regex(/^\d+-\d+(?:,\d+-\d+)*$/, 'must be code-point spans such as "212-270" or "10-40,52-90"')
  .refine(
    (value) =>
      value.split(',').every((span) => {
        const [start, end] = span.split('-').map(Number);
        return start! < end!;
      }),
    'each span must end after it starts',
  );

export const sourceRecord = z.strictObject({
  id: sourceId,
  kind: z.enum(SOURCE_KINDS),
  title: text(500),
  /**
   * The organisation that published it (a news agency, a ministry): the publisher is this
   * one link, its name the organisation's. Version 1's `publisher` name is converted (upgrade.ts).
   */
  publishedBy: organizationId.optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  publishedDate: partialDate.optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code such as "en"')
    .optional(),
  /** Sources this one republishes or relies on: the source chain. */
  cites: z.array(sourceId).default([]),
  /** The full text, as stored at article intake: statements' evidence spans point into it. Kept verbatim (not trimmed). */
  text: z.string().min(1).max(SOURCE_TEXT_MAX).optional(),
  author: name.optional(),
  /** Wire agencies and outlets credited, as written: "(PC, TASS)". */
  credits: z.array(name).max(50).optional(),
});

export const personRecord = z.strictObject({
  id: personId,
  name,
  aliases,
  description: text(2000).optional(),
});

export const organizationRecord = z.strictObject({
  id: organizationId,
  name,
  aliases,
  /** ministry, party, armed group, media outlet, intergovernmental body, court, … */
  kind: z
    .string()
    .regex(/^[a-z][a-z -]*$/, 'must be a lower-case word or phrase such as "ministry"'),
  description: text(2000).optional(),
  partOf: z.array(z.union([organizationId, countryId])).default([]),
});

export const countryRecord = z.strictObject({
  id: countryId,
  name,
  aliases,
  /** ISO 3166-1 alpha-3 where one exists (PSE for Palestine). */
  iso: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code such as "RUS"'),
});

export const placeRecord = z.strictObject({
  id: placeId,
  name,
  aliases,
  kind: z.enum(['CITY', 'REGION', 'OTHER']),
  country: countryId,
});

export const topicRecord = z.strictObject({
  id: topicId,
  title: text(300),
  aliases,
  description: text(2000).optional(),
});

export const positionRecord = z.strictObject({
  id: positionId,
  person: personId,
  title: text(300),
  /** The organisation or country the post belongs to. */
  of: z.union([organizationId, countryId]),
  from: partialDate.optional(),
  to: partialDate.optional(),
});

export const meetingRecord = z.strictObject({
  id: meetingId,
  title: text(500),
  kind: z.enum(MEETING_KINDS),
  date: partialDate.optional(),
  endDate: partialDate.optional(),
  /** How the source words the date ("last month"), when it is relative. */
  datePhrase: text(200).optional(),
  heldIn: z.union([placeId, countryId]).optional(),
  /** The occasion this one is part of: remarks to reporters within a visit, a talk on one day of a conference. */
  partOf: meetingId.optional(),
  description: text(2000).optional(),
  /** Role "excluded": a party a statement says was kept out of the meeting (it did not attend). */
  participants: z
    .array(z.strictObject({ actor: actorId, role: z.string().regex(/^[a-z][a-z -]*$/) }))
    .default([]),
});

export const statementRecord = z.strictObject({
  id: statementId,
  /** Who said it, in the source's order; several for a joint statement, all equal. */
  speakers: z.array(actorId).min(1, 'a statement needs at least one speaker').max(50),
  /** The state or organisation the speakers speak for ("Israel, through Prime Minister Netanyahu"). */
  onBehalfOf: actorId.optional(),
  /** The post the statement was made in, when the source says (a speaker holding two at once). */
  post: positionId.optional(),
  text: text(10000),
  kind: z.enum(STATEMENT_KINDS),
  /** Words quoted verbatim inside a paraphrase: each must occur in `text` as written. */
  quotes: z.array(text(2000)).max(50).default([]),
  /** The wording is ours, close to the speaker's but not known verbatim. */
  approximate: z.boolean().default(false),
  language: z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code such as "en"'),
  /** A partial date, or bounds ("../2024-07-28": on or before) when the source gives no date. */
  date: statementDate,
  datePhrase: text(200).optional(),
  about: z
    .array(
      z.strictObject({ target: z.union([actorId, topicId, meetingId]), stance: z.enum(STANCES) }),
    )
    .default([]),
  topics: z.array(topicId).default([]),
  mentions: z.array(z.union([actorId, placeId, meetingId])).default([]),
  meeting: meetingId.optional(),
  /**
   * In order: the sources read first, then the upstream sources they rely on, nearest first.
   * Each UPSTREAM source is reached from a READ one through `cites` (validate.ts).
   */
  sources: z
    .array(
      z.strictObject({
        source: sourceId,
        role: z.enum(SOURCE_ROLES),
        quoteType: z.enum(STATEMENT_KINDS),
        /** Where the statement is in the source's stored text. */
        evidence: evidence.optional(),
      }),
    )
    .min(1, 'a statement needs at least one source'),
  relays: z.array(statementId).default([]),
  respondsTo: z.array(statementId).default([]),
  figures: z
    .array(
      z.strictObject({
        value: z.number().finite(),
        unit: text(100),
        asOf: isoDay.optional(),
        qualifier: z.enum(['EXACT', 'AT_LEAST', 'AT_MOST', 'ABOUT']).default('EXACT'),
        description: text(500).optional(),
      }),
    )
    .default([]),
  confidence: z.number().min(0).max(1),
  verification: z.enum(VERIFICATIONS),
  note: text(2000).optional(),
});

export const dataset = z.strictObject({
  format: z.enum(FORMATS),
  description: z.string().optional(),
  sources: z.array(sourceRecord).default([]),
  people: z.array(personRecord).default([]),
  organizations: z.array(organizationRecord).default([]),
  countries: z.array(countryRecord).default([]),
  places: z.array(placeRecord).default([]),
  topics: z.array(topicRecord).default([]),
  positions: z.array(positionRecord).default([]),
  meetings: z.array(meetingRecord).default([]),
  statements: z.array(statementRecord).default([]),
});

/** One JSON Lines record: a dataset record with its collection named in `type`. */
export const RECORD_TYPES = {
  source: sourceRecord,
  person: personRecord,
  organization: organizationRecord,
  country: countryRecord,
  place: placeRecord,
  topic: topicRecord,
  position: positionRecord,
  meeting: meetingRecord,
  statement: statementRecord,
} as const;

export type Dataset = z.infer<typeof dataset>;
export type RecordType = keyof typeof RECORD_TYPES;
export type SourceRecord = z.infer<typeof sourceRecord>;
export type PersonRecord = z.infer<typeof personRecord>;
export type OrganizationRecord = z.infer<typeof organizationRecord>;
export type CountryRecord = z.infer<typeof countryRecord>;
export type PlaceRecord = z.infer<typeof placeRecord>;
export type TopicRecord = z.infer<typeof topicRecord>;
export type PositionRecord = z.infer<typeof positionRecord>;
export type MeetingRecord = z.infer<typeof meetingRecord>;
export type StatementRecord = z.infer<typeof statementRecord>;

/**
 * A version 1 record in version 2's shape, as far as the record alone says: a
 * statement's one `speaker` (or a list there) becomes its list of `speakers`. Records already in
 * version 2's shape pass unchanged. What needs other records too (source roles,
 * the publisher as a link) is converted in upgrade.ts, which calls this.
 */
export function upgradeRecord(type: string, raw: unknown): unknown {
  if (type !== 'statement' || !raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const { speaker, ...rest } = raw as Record<string, unknown>;
  if (speaker === undefined || 'speakers' in rest) return raw;
  // Several speakers written into version 1's one field mean a joint statement.
  return { ...rest, speakers: Array.isArray(speaker) ? speaker : [speaker] };
}
