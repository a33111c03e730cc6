import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type {
  CountryRecord,
  MeetingRecord,
  OrganizationRecord,
  PersonRecord,
  PlaceRecord,
  PositionRecord,
  SourceRecord,
  StatementRecord,
  TopicRecord,
} from '../src/records/dataset.js';
import { FORMAT } from '../src/records/dataset.js';
import { KINDS } from '../src/records/record-kinds.js';

/** The statement fields that list other statements, in the kinds table's order. */
const STATEMENT_TO_STATEMENT = KINDS.statement.links
  .filter((l) => l.many && l.to.length === 1 && l.to[0] === 'statement')
  .map((l) => l.field);

/**
 * A deterministic synthetic graph shaped like news: a few speakers say most
 * things, a few countries and topics draw most statements (Zipf), most dates are
 * known to the day, some only to the month or year. Same size and seed, same file.
 */

/** mulberry32: small, fast, good enough for sampling, and the same on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Samples indexes 0..n-1 with weight 1/(i+1)^s. */
function zipf(n: number, s: number, rand: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += 1 / Math.pow(i + 1, s);
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface GeneratedSizes {
  statements: number;
  people: number;
  organizations: number;
  countries: number;
  places: number;
  topics: number;
  sources: number;
  meetings: number;
  positions: number;
}

export function sizesFor(statements: number): GeneratedSizes {
  const people = Math.max(20, Math.round(statements / 25));
  return {
    statements,
    people,
    organizations: Math.max(10, Math.round(statements / 100)),
    countries: 60,
    places: 150,
    topics: Math.max(20, Math.min(2000, Math.round(statements / 200))),
    sources: Math.max(10, Math.round(statements / 4)),
    meetings: Math.max(10, Math.round(statements / 30)),
    positions: Math.round(people / 2),
  };
}

const STANCES = ['SUPPORTIVE', 'CRITICAL', 'NEUTRAL', 'MIXED'] as const;
const WORDS = (
  'ceasefire talks sanctions aid border security negotiations humanitarian corridor hostages ' +
  'elections trade energy pipeline summit resolution embassy troops withdrawal agreement ' +
  'cooperation dialogue crisis refugees reconstruction investment alliance'
).split(' ');

const code = (i: number) =>
  String.fromCharCode(
    65 + (Math.floor(i / 676) % 26),
    65 + (Math.floor(i / 26) % 26),
    65 + (i % 26),
  );
const pad = (n: number) => String(n).padStart(2, '0');

export type GeneratedRecord = { type: string } & Record<string, unknown>;

/** Records in dependency order, ready for a JSON Lines file. */
export function* generate(statementCount: number, seed = 42): Generator<GeneratedRecord> {
  const rand = random(seed);
  const n = sizesFor(statementCount);
  const int = (max: number) => Math.floor(rand() * max);
  const words = (count: number) =>
    Array.from({ length: count }, () => WORDS[int(WORDS.length)]).join(' ');

  const countries: CountryRecord[] = Array.from({ length: n.countries }, (_, i) => ({
    id: `country:${code(i)}`,
    name: `Country ${code(i)}`,
    aliases: [`Republic of ${code(i)}`],
    iso: code(i),
  }));
  for (const r of countries) yield { type: 'country', ...r };

  const organizations: OrganizationRecord[] = Array.from({ length: n.organizations }, (_, i) => ({
    id: `org:org-${i}`,
    name: `Organization ${i}`,
    aliases: [],
    kind: ['ministry', 'party', 'media outlet', 'intergovernmental body', 'armed group'][i % 5]!,
    partOf: i % 5 === 0 ? [countries[i % n.countries]!.id] : [],
  }));
  for (const r of organizations) yield { type: 'organization', ...r };

  const people: PersonRecord[] = Array.from({ length: n.people }, (_, i) => ({
    id: `person:person-${i}`,
    name: `Person ${i} ${words(1)}`,
    aliases: i % 3 === 0 ? [`P. ${i}`] : [],
  }));
  for (const r of people) yield { type: 'person', ...r };

  const places: PlaceRecord[] = Array.from({ length: n.places }, (_, i) => ({
    id: `place:place-${i}`,
    name: `City ${i}`,
    aliases: [],
    kind: 'CITY',
    country: countries[i % n.countries]!.id,
  }));
  for (const r of places) yield { type: 'place', ...r };

  const topics: TopicRecord[] = Array.from({ length: n.topics }, (_, i) => ({
    id: `topic:topic-${i}`,
    title: `${words(2)} ${i}`,
    aliases: [],
  }));
  for (const r of topics) yield { type: 'topic', ...r };

  const outlets = organizations.filter((o) => o.kind === 'media outlet');
  const sources: SourceRecord[] = Array.from({ length: n.sources }, (_, i) => ({
    id: `source:source-${i}`,
    kind: i % 4 === 0 ? 'WIRE_REPORT' : 'ARTICLE',
    title: `Report ${i}: ${words(4)}`,
    publishedBy: outlets.length ? outlets[i % outlets.length]!.id : undefined,
    publishedDate: `20${15 + (i % 10)}-${pad((i % 12) + 1)}-${pad((i % 28) + 1)}`,
    // Republications cite an earlier wire report: the source chain.
    cites: i % 4 !== 0 && i >= 4 ? [`source:source-${i - (i % 4)}`] : [],
  }));
  for (const r of sources) yield { type: 'source', ...r };

  const speaker = zipf(n.people + n.organizations + n.countries, 1.1, rand);
  const actorId = (i: number) =>
    i < n.people
      ? people[i]!.id
      : i < n.people + n.organizations
        ? organizations[i - n.people]!.id
        : countries[i - n.people - n.organizations]!.id;
  const country = zipf(n.countries, 1.0, rand);
  const topic = zipf(n.topics, 1.0, rand);

  const positions: PositionRecord[] = Array.from({ length: n.positions }, (_, i) => ({
    id: `position:position-${i}`,
    person: people[i]!.id,
    title: ['Minister of Foreign Affairs', 'Prime Minister', 'Spokesperson', 'Ambassador'][i % 4]!,
    of: i % 2 === 0 ? countries[i % n.countries]!.id : organizations[i % n.organizations]!.id,
    from: `20${10 + (i % 10)}-${pad((i % 12) + 1)}`,
  }));
  for (const r of positions) yield { type: 'position', ...r };

  const meetings: MeetingRecord[] = Array.from({ length: n.meetings }, (_, i) => ({
    id: `meeting:meeting-${i}`,
    title: `${['Talks', 'Visit', 'Summit', 'Press conference'][i % 4]} ${i}`,
    kind: (['TALKS', 'VISIT', 'SUMMIT', 'PRESS_CONFERENCE'] as const)[i % 4]!,
    date: `20${15 + (i % 10)}-${pad((i % 12) + 1)}-${pad((i % 28) + 1)}`,
    heldIn: places[i % n.places]!.id,
    participants: [
      { actor: actorId(speaker()), role: 'host' },
      { actor: actorId(speaker()), role: 'visitor' },
    ].filter((p, j, all) => all.findIndex((q) => q.actor === p.actor) === j),
  }));
  for (const r of meetings) yield { type: 'meeting', ...r };

  for (let i = 0; i < n.statements; i++) {
    const year = 2015 + int(10);
    const precision = rand();
    const date =
      precision < 0.8
        ? `${year}-${pad(int(12) + 1)}-${pad(int(28) + 1)}`
        : precision < 0.95
          ? `${year}-${pad(int(12) + 1)}`
          : `${year}`;
    const targets = [
      ...new Set([
        `country:${code(country())}`,
        ...(rand() < 0.5 ? [`topic:topic-${topic()}`] : []),
      ]),
    ];
    const mainTopic = `topic:topic-${topic()}`;
    const statement = {
      id: `statement:s-${i}`,
      speakers: [actorId(speaker())],
      text: `On ${words(3)}: ${words(12)}.`,
      kind: (['DIRECT_QUOTE', 'PARAPHRASE', 'REPORTED'] as const)[int(3)]!,
      language: 'en',
      date,
      about: targets.map((target) => ({ target, stance: STANCES[int(4)]! })),
      topics: [...new Set([mainTopic, ...(rand() < 0.3 ? [`topic:topic-${topic()}`] : [])])],
      mentions: rand() < 0.4 ? [places[int(n.places)]!.id] : [],
      meeting: rand() < 0.3 ? meetings[int(n.meetings)]!.id : undefined,
      sources: [...new Set([int(n.sources), ...(rand() < 0.3 ? [int(n.sources)] : [])])].map(
        (s) => ({
          source: `source:source-${s}`,
          // Two outlets that each carry it: both read.
          role: 'READ' as const,
          quoteType: 'PARAPHRASE' as const,
        }),
      ),
      // Each link to other statements (relays, responses) on about one statement in twenty.
      ...Object.fromEntries(
        STATEMENT_TO_STATEMENT.map((field) => [
          field,
          i > 0 && rand() < 0.05 ? [`statement:s-${int(i)}`] : [],
        ]),
      ),
      figures: rand() < 0.05 ? [{ value: int(100000), unit: 'people', qualifier: 'ABOUT' }] : [],
      confidence: Math.round(rand() * 100) / 100,
      verification: (['UNVERIFIED', 'VERIFIED', 'DISPUTED'] as const)[int(3)]!,
    };
    // Consistent as the importer requires: a statement about a topic lists it among its
    // topics, and one made at a meeting is dated as the meeting (no further random draws).
    const meeting = statement.meeting
      ? meetings[Number(statement.meeting.split('-').at(-1))]
      : null;
    if (meeting?.date) statement.date = meeting.date;
    statement.topics = [
      ...new Set([
        ...statement.topics,
        ...statement.about.map((a) => a.target).filter((t) => t.startsWith('topic:')),
      ]),
    ];
    yield { type: 'statement', ...(statement as unknown as StatementRecord) };
  }
}

/** Writes the generated graph as a JSON Lines dataset; returns the record count. */
export async function writeDataset(file: string, statements: number, seed = 42): Promise<number> {
  const out = createWriteStream(file);
  out.write(`${JSON.stringify({ format: FORMAT })}\n`);
  let count = 0;
  for (const record of generate(statements, seed)) {
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
    count += 1;
  }
  out.end();
  await once(out, 'finish');
  return count;
}
