import { createHash } from 'node:crypto';
import countries from 'i18n-iso-countries';
import type { Dataset, StatementRecord } from '../records/dataset.js';
import { linksOf, type RelationshipType } from '../records/record-kinds.js';
import { indexDataset, type DatasetIndex } from './slice.js';

/** Statement links with an FtM property of their own (organizer, involved, keywords, Documentation, stance links). */
const MAPPED_STATEMENT_LINKS = new Set<string>([
  'MADE',
  'ABOUT',
  'ON_TOPIC',
  'MENTIONS',
  'REPORTED_IN',
] satisfies RelationshipType[]);

/** One FollowTheMoney entity as its JSON form: every property is a list of strings. */
export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

/** Organisation kinds that are part of a state: FtM's PublicBody ("a ministry, department or state company"). */
const PUBLIC_BODY_KINDS = new Set([
  'ministry',
  'government',
  'government agency',
  'agency',
  'department',
  'court',
  'parliament',
  'embassy',
  'military',
  'armed forces',
  'intergovernmental body',
  'intergovernmental organization',
]);

const FTM_ID = /^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$/;
const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

/**
 * An FtM entity id for one of ours: `person:sergey-lavrov` → `person.sergey-lavrov`
 * (FtM ids allow letters, digits, `.` and `-`). An id that would not fit (an `_` in
 * the slug) becomes `sg-<prefix>-<sha1>`, which no mapped id can equal.
 */
export function ftmId(id: string): string {
  const dotted = id.replace(':', '.');
  return FTM_ID.test(dotted) && dotted.length <= 200
    ? dotted
    : `sg-${id.split(':')[0]}-${sha1(id)}`;
}

/** The id of an entity we derive (a link, a post): stable for the same parts. */
const derivedId = (...parts: string[]) => `sg-link-${sha1(parts.join('\u0000'))}`;

/** FtM country codes are ISO 3166-1 alpha-2, lower case; ours are alpha-3. */
export function ftmCountry(iso3: string): string | undefined {
  return countries.alpha3ToAlpha2(iso3)?.toLowerCase();
}

const truncate = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/**
 * The slice as FollowTheMoney entities (one JSON object a line), for Aleph and the
 * `ftm` tools. Mapping, by FtM schema:
 * - Person → Person; Organization → Organization, or PublicBody for state kinds
 *   (ministry, court, intergovernmental body, …), `partOf` as `parent`.
 * - Country (an actor: "Israel says") → PublicBody, the government speaking, with
 *   `country`/`jurisdiction` set; FtM has countries only as a property type.
 * - Place → Address; Source → Article, `cites` as UnknownLink (role "cites").
 * - Position → Position + Occupancy (holder, post, start and end dates).
 * - Meeting → Event (organizer = hosts, involved = participants).
 * - Statement → Event: organizer = speaker, date as written (FtM dates keep a
 *   precision by their prefix), description = text; each target that is an entity →
 *   UnknownLink (role = stance); each source → Documentation (role = quote type);
 *   every other link of the kinds table (meeting, relays, responds-to) → UnknownLink.
 * - No FtM counterpart: topics (the statement's `keywords`; a stance toward a topic
 *   is in its `summary`), the stance itself (a role string), confidence, verification,
 *   kind, figures and notes (the statement's `notes`), languages (FtM wants ISO 639-3).
 */
export function toFtm(dataset: Dataset): FtmEntity[] {
  const index = indexDataset(dataset);
  const out: FtmEntity[] = [];
  const emit = (
    id: string,
    schema: string,
    properties: Record<string, Array<string | undefined>>,
  ) => {
    const props: Record<string, string[]> = {};
    for (const [key, values] of Object.entries(properties)) {
      const kept = [...new Set(values.filter((v): v is string => v !== undefined && v !== ''))];
      if (kept.length) props[key] = kept;
    }
    out.push({ id, schema, properties: props });
  };
  const iso2 = (id: string | undefined): string | undefined => {
    if (!id) return undefined;
    const country = index.get(id, 'country');
    if (country) return ftmCountry(country.iso);
    const place = index.get(id, 'place');
    return place?.country ? iso2(place.country) : undefined;
  };
  /** Ids that become FtM LegalEntities (the range of organizer, involved, parent). */
  const legalEntity = (id: string) =>
    ['person', 'organization', 'country'].includes(index.typeOf(id) ?? '');
  const link = (subject: string, object: string, role: string, date?: string) =>
    emit(derivedId(subject, role, object), 'UnknownLink', {
      subject: [ftmId(subject)],
      object: [ftmId(object)],
      role: [role],
      date: [date],
    });

  for (const c of dataset.countries) {
    const code = ftmCountry(c.iso);
    emit(ftmId(c.id), 'PublicBody', {
      name: [c.name],
      alias: c.aliases,
      country: [code],
      jurisdiction: [code],
      topics: ['gov.national'],
      description: [`The state of ${c.name} (ISO 3166 ${c.iso}), as a speaker or a target`],
    });
  }
  for (const o of dataset.organizations) {
    emit(ftmId(o.id), PUBLIC_BODY_KINDS.has(o.kind) ? 'PublicBody' : 'Organization', {
      name: [o.name],
      alias: o.aliases,
      description: [o.description],
      classification: [o.kind],
      parent: o.partOf.filter(legalEntity).map(ftmId),
      country: o.partOf.map(iso2),
    });
  }
  for (const p of dataset.people)
    emit(ftmId(p.id), 'Person', { name: [p.name], alias: p.aliases, description: [p.description] });
  for (const p of dataset.places)
    emit(ftmId(p.id), 'Address', {
      full: [p.name],
      name: [p.name],
      alias: p.aliases,
      city: [p.kind === 'CITY' ? p.name : undefined],
      region: [p.kind === 'REGION' ? p.name : undefined],
      country: [iso2(p.country)],
    });
  for (const s of dataset.sources) {
    emit(ftmId(s.id), 'Article', {
      title: [s.title],
      name: [s.title],
      publisher: [s.publishedBy ? index.label(s.publishedBy) : undefined],
      sourceUrl: [s.url],
      publishedAt: [s.publishedDate],
      keywords: [s.kind.toLowerCase().replaceAll('_', ' ')],
    });
    for (const cited of s.cites) link(s.id, cited, 'cites');
  }
  for (const p of dataset.positions) {
    const post = derivedId(p.id, 'post');
    emit(post, 'Position', {
      name: [`${p.title}, ${index.label(p.of)}`],
      organization: [
        legalEntity(p.of) && index.typeOf(p.of) !== 'person' ? ftmId(p.of) : undefined,
      ],
      country: [iso2(p.of)],
    });
    emit(ftmId(p.id), 'Occupancy', {
      holder: [ftmId(p.person)],
      post: [post],
      startDate: [p.from],
      endDate: [p.to],
    });
  }
  for (const m of dataset.meetings) {
    const place = m.heldIn && index.typeOf(m.heldIn) === 'place' ? m.heldIn : undefined;
    emit(ftmId(m.id), 'Event', {
      name: [m.title],
      date: [m.date],
      startDate: [m.date],
      endDate: [m.endDate],
      description: [m.description],
      summary: [m.kind.toLowerCase().replaceAll('_', ' ')],
      country: [iso2(m.heldIn)],
      addressEntity: [place ? ftmId(place) : undefined],
      organizer: m.participants
        .filter((x) => x.role === 'host' && legalEntity(x.actor))
        .map((x) => ftmId(x.actor)),
      involved: m.participants.filter((x) => legalEntity(x.actor)).map((x) => ftmId(x.actor)),
    });
  }
  for (const s of dataset.statements) statementEntities(s, index, emit, link, legalEntity);
  return out;
}

function statementEntities(
  s: StatementRecord,
  index: DatasetIndex,
  emit: (id: string, schema: string, properties: Record<string, Array<string | undefined>>) => void,
  link: (subject: string, object: string, role: string, date?: string) => void,
  legalEntity: (id: string) => boolean,
) {
  const speaker = s.speakers.map((id) => index.label(id)).join(' and ');
  // FtM dates are ISO prefixes: a date known by bounds only ("../2024-07-28") goes to the notes.
  const dated = !s.date.includes('/');
  const date = dated ? s.date : undefined;
  const topics = [...s.topics, ...s.about.map((a) => a.target)].filter(
    (id) => index.typeOf(id) === 'topic',
  );
  const figures = s.figures.map(
    (f) =>
      `${f.qualifier} ${f.value} ${f.unit}${f.asOf ? ` as of ${f.asOf}` : ''}${f.description ? ` (${f.description})` : ''}`,
  );
  emit(ftmId(s.id), 'Event', {
    name: [truncate(`${speaker}: ${s.text}`, 380)],
    description: [s.text],
    date: [date],
    organizer: s.speakers.map(ftmId),
    involved: [...s.about.map((a) => a.target), ...s.mentions].filter(legalEntity).map(ftmId),
    addressEntity: s.mentions.filter((id) => index.typeOf(id) === 'place').map(ftmId),
    keywords: topics.map((id) => index.label(id)),
    summary: [
      s.about.length
        ? `${speaker} about ${s.about.map((a) => `${index.label(a.target)} (${a.stance})`).join('; ')}`
        : undefined,
    ],
    notes: [
      [
        `kind ${s.kind}`,
        `language ${s.language}`,
        `confidence ${s.confidence}`,
        `verification ${s.verification}`,
        dated ? '' : `date bounds ${s.date}`,
        s.datePhrase ? `date phrase "${s.datePhrase}"` : '',
        figures.length ? `figures: ${figures.join('; ')}` : '',
        s.note ? `note: ${s.note}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    ],
  });
  for (const { target, stance } of s.about)
    if (index.typeOf(target) !== 'topic') link(s.id, target, stance, date);
  for (const { source, quoteType } of s.sources)
    emit(`sg-link-${sha1([s.id, 'source', source].join('\u0000'))}`, 'Documentation', {
      document: [ftmId(source)],
      entity: [ftmId(s.id)],
      role: [quoteType],
      date: [date],
    });
  // Every other link the kinds table declares (made at, relays, responds to, …): an UnknownLink named by its relationship.
  for (const l of linksOf('statement', s))
    if (l.rel && !MAPPED_STATEMENT_LINKS.has(l.rel))
      link(l.from, l.to, l.rel.toLowerCase().replaceAll('_', ' '), date);
}

/** FtM entities as JSON Lines. */
export const ftmJsonLines = (dataset: Dataset) =>
  toFtm(dataset)
    .map((e) => JSON.stringify(e))
    .join('\n') + '\n';
