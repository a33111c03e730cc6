import type { Dataset, SourceRecord } from '../records/dataset.js';

/** Every term is schema.org's (`@vocab`); our ids are IRIs under `urn:statement-graph:`. */
export const JSONLD_CONTEXT = {
  '@vocab': 'https://schema.org/',
  sg: 'urn:statement-graph:',
} as const;

const ref = (id: string) => ({ '@id': `sg:${id}` });
/** schema.org's Role pattern: a relation with something said about it (a stance, a quote type). */
const role = (property: string, id: string, roleName: string) => ({
  '@type': 'Role',
  roleName,
  [property]: ref(id),
});

const SOURCE_TYPES: Record<SourceRecord['kind'], string> = {
  ARTICLE: 'Article',
  WIRE_REPORT: 'NewsArticle',
  INTERVIEW: 'CreativeWork',
  TRANSCRIPT: 'CreativeWork',
  RESOLUTION: 'Legislation',
  BROADCAST: 'CreativeWork',
  PRESS_RELEASE: 'Article',
  REPORT: 'Report',
  OTHER: 'CreativeWork',
};

/** Organisation kinds that are part of a state: schema.org's GovernmentOrganization. */
const GOVERNMENT_KINDS =
  /ministry|government|court|parliament|agency|department|embassy|military|armed forces|intergovernmental/;

const words = (value: string) => value.toLowerCase().replaceAll('_', ' ');
const orUndefined = <T>(list: T[]) => (list.length ? list : undefined);

/**
 * The slice as schema.org JSON-LD: one document with `@graph`. A direct quote is a
 * `Quotation` (`spokenByCharacter` and `author`: the speaker), a paraphrased or reported
 * statement a `Claim` (`author`); `datePublished` is the date as written (its shape is
 * its precision), `about` and `isBasedOn` use schema.org Roles so that a target keeps
 * its stance (`roleName`) and a source its quote type; a source is `isBasedOn` the
 * sources it cites, which makes the source route. Meetings are Events (`recordedAt`),
 * topics DefinedTerms (`keywords`), countries Country + GovernmentOrganization, posts
 * OrganizationRoles (`memberOf`). Not expressed: confidence, verification, figures,
 * responds-to (schema.org has no terms for them).
 */
export function toJsonLd(dataset: Dataset): object {
  const graph: object[] = [];
  const positionsOf = new Map<string, typeof dataset.positions>();
  for (const p of dataset.positions)
    positionsOf.set(p.person, [...(positionsOf.get(p.person) ?? []), p]);

  for (const c of dataset.countries)
    graph.push({
      '@id': `sg:${c.id}`,
      '@type': ['Country', 'GovernmentOrganization'],
      identifier: [
        c.id,
        { '@type': 'PropertyValue', propertyID: 'ISO 3166-1 alpha-3', value: c.iso },
      ],
      name: c.name,
      alternateName: orUndefined(c.aliases),
    });
  for (const o of dataset.organizations)
    graph.push({
      '@id': `sg:${o.id}`,
      '@type': GOVERNMENT_KINDS.test(o.kind) ? 'GovernmentOrganization' : 'Organization',
      identifier: o.id,
      name: o.name,
      alternateName: orUndefined(o.aliases),
      description: o.description,
      additionalType: o.kind,
      parentOrganization: orUndefined(o.partOf.map(ref)),
    });
  for (const p of dataset.people)
    graph.push({
      '@id': `sg:${p.id}`,
      '@type': 'Person',
      identifier: p.id,
      name: p.name,
      alternateName: orUndefined(p.aliases),
      description: p.description,
      memberOf: orUndefined(
        (positionsOf.get(p.id) ?? []).map((post) => ({
          '@id': `sg:${post.id}`,
          '@type': 'OrganizationRole',
          namedPosition: post.title,
          startDate: post.from,
          endDate: post.to,
          memberOf: ref(post.of),
        })),
      ),
    });
  for (const p of dataset.places)
    graph.push({
      '@id': `sg:${p.id}`,
      '@type': p.kind === 'CITY' ? 'City' : 'Place',
      identifier: p.id,
      name: p.name,
      alternateName: orUndefined(p.aliases),
      containedInPlace: p.country ? ref(p.country) : undefined,
    });
  for (const t of dataset.topics)
    graph.push({
      '@id': `sg:${t.id}`,
      '@type': 'DefinedTerm',
      identifier: t.id,
      name: t.title,
      alternateName: orUndefined(t.aliases),
      description: t.description,
    });
  for (const s of dataset.sources)
    graph.push({
      '@id': `sg:${s.id}`,
      '@type': SOURCE_TYPES[s.kind],
      identifier: s.id,
      genre: words(s.kind),
      name: s.title,
      publisher: s.publishedBy ? ref(s.publishedBy) : undefined,
      url: s.url,
      datePublished: s.publishedDate,
      inLanguage: s.language,
      isBasedOn: orUndefined(s.cites.map(ref)),
    });
  for (const m of dataset.meetings)
    graph.push({
      '@id': `sg:${m.id}`,
      '@type': 'Event',
      identifier: m.id,
      name: m.title,
      additionalType: words(m.kind),
      startDate: m.date,
      endDate: m.endDate,
      description: m.description,
      location: m.heldIn ? ref(m.heldIn) : undefined,
      attendee: orUndefined(m.participants.map((x) => role('attendee', x.actor, x.role))),
    });
  for (const s of dataset.statements) {
    const quote = s.kind === 'DIRECT_QUOTE';
    graph.push({
      '@id': `sg:${s.id}`,
      '@type': quote ? 'Quotation' : 'Claim',
      identifier: s.id,
      additionalType: words(s.kind),
      text: s.text,
      inLanguage: s.language,
      // schema.org dates are ISO 8601 dates: bounds ("../2024-07-28") stay in temporalCoverage.
      datePublished: s.date.includes('/') ? undefined : s.date,
      temporalCoverage: s.date.includes('/') ? s.date : undefined,
      author: s.speakers.length === 1 ? ref(s.speakers[0]!) : s.speakers.map(ref),
      spokenByCharacter: quote
        ? s.speakers.length === 1
          ? ref(s.speakers[0]!)
          : s.speakers.map(ref)
        : undefined,
      about: orUndefined(s.about.map((a) => role('about', a.target, a.stance))),
      keywords: orUndefined(s.topics.map(ref)),
      mentions: orUndefined(s.mentions.map(ref)),
      recordedAt: s.meeting ? ref(s.meeting) : undefined,
      isBasedOn: orUndefined(s.sources.map((x) => role('isBasedOn', x.source, x.quoteType))),
      citation: orUndefined(s.relays.map(ref)),
      description: s.note,
    });
  }
  // Absent fields are left out, not written as null.
  return JSON.parse(JSON.stringify({ '@context': JSONLD_CONTEXT, '@graph': graph }));
}
