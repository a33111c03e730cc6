import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse as parseCsv } from 'csv-parse/sync';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { statementsCsv } from '../../src/export/csv.js';
import { ftmId, toFtm, type FtmEntity } from '../../src/export/ftm.js';
import { toGexf } from '../../src/export/gexf.js';
import { toGraphml } from '../../src/export/graphml.js';
import { toJsonLd } from '../../src/export/jsonld.js';
import { stanceNetwork } from '../../src/export/network.js';
import { sourceRoutes } from '../../src/export/slice.js';
import { dataset as datasetSchema, type Dataset } from '../../src/records/dataset.js';

const require = createRequire(import.meta.url);
// FtM's own model (the schemata and property types Aleph uses), from its npm package.
const { Model, defaultModel } = require('@alephdata/followthemoney') as {
  Model: new (datum: unknown) => FtmModel;
  defaultModel: unknown;
};
interface FtmSchema {
  name: string;
  abstract: boolean;
  required: string[];
  isA(schema: string | FtmSchema): boolean;
  hasProperty(name: string): boolean;
  getProperty(name: string): {
    type: { name: string; maxLength: number };
    range?: FtmSchema | null;
  };
}
interface FtmModel {
  getSchema(name: string): FtmSchema;
  types: Record<string, { values: Map<string, string> | Record<string, string> }>;
}

const seed = datasetSchema.parse(JSON.parse(readFileSync('seed/statement-graph.json', 'utf8')));
const all = seed.statements.map((s) => s.id);

/** Triples (speaker, target, stance) → statement ids, straight from the records. */
function triples(data: Dataset) {
  const out = new Map<string, string[]>();
  for (const s of data.statements)
    for (const speaker of s.speakers)
      for (const a of s.about) {
        const key = [speaker, a.target, a.stance].join(' ');
        out.set(key, [...(out.get(key) ?? []), s.id].sort());
      }
  return out;
}

describe('stance network (GraphML, GEXF)', () => {
  const network = stanceNetwork(seed, all);

  it('has one edge per speaker, target and stance, with every statement counted', () => {
    const expected = triples(seed);
    expect(network.edges).toHaveLength(expected.size);
    for (const e of network.edges) {
      expect(e.statements).toEqual(expected.get([e.source, e.target, e.stance].join(' ')));
      expect(e.count).toBe(e.statements.length);
    }
  });

  it('keeps the first and last dates as written, compared on the days they cover', () => {
    const base = seed.statements[0]!;
    const data: Dataset = {
      ...seed,
      statements: [
        {
          ...base,
          id: 'statement:a',
          date: '2024-06',
          about: [{ target: 'country:ISR', stance: 'CRITICAL' }],
        },
        {
          ...base,
          id: 'statement:b',
          date: '2024-06-10',
          about: [{ target: 'country:ISR', stance: 'CRITICAL' }],
        },
        {
          ...base,
          id: 'statement:c',
          date: '2024',
          about: [{ target: 'country:ISR', stance: 'CRITICAL' }],
        },
      ],
    };
    const [edge] = stanceNetwork(data, ['statement:a', 'statement:b', 'statement:c']).edges;
    expect(edge).toMatchObject({
      count: 3,
      first: '2024',
      last: '2024',
      start: '2024-01-01',
      end: '2024-12-31',
    });
    const [june] = stanceNetwork(data, ['statement:a', 'statement:b']).edges;
    expect(june).toMatchObject({
      first: '2024-06',
      last: '2024-06',
      start: '2024-06-01',
      end: '2024-06-30',
    });
  });

  it('only counts the matching statements', () => {
    const some = all.slice(0, 3);
    const edges = stanceNetwork(seed, some).edges;
    expect(new Set(edges.flatMap((e) => e.statements))).toEqual(
      new Set(some.filter((id) => seed.statements.find((s) => s.id === id)!.about.length)),
    );
  });

  for (const [name, parse, text] of [
    ['GraphML', parseGraphml, toGraphml(network)],
    ['GEXF', parseGexf, toGexf(network, 'seed')],
  ] as const) {
    it(`${name} is read back by graphology's ${name} parser with every node, edge and attribute`, () => {
      const graph = parse(MultiDirectedGraph, text);
      expect(graph.order).toBe(network.nodes.length);
      expect(graph.size).toBe(network.edges.length);
      for (const n of network.nodes) {
        expect(graph.getNodeAttributes(n.id)).toMatchObject({ label: n.label, type: n.type });
      }
      const read = graph.mapEdges((_, a, source, target) => ({
        source,
        target,
        stance: a.stance,
        count: a.count,
        first: a.first,
        last: a.last,
        statements: String(a.statements).split(' '),
      }));
      expect(read).toEqual(
        network.edges.map(({ source, target, stance, count, first, last, statements }) => ({
          source,
          target,
          stance,
          count,
          first,
          last,
          statements,
        })),
      );
    });
  }

  it('GEXF edges carry their time span and weight for Gephi', () => {
    const text = toGexf(network, 'seed');
    const e = network.edges[0]!;
    expect(text).toContain('mode="dynamic"');
    expect(text).toMatch(
      new RegExp(
        `<edge id="e0" source="${e.source}" target="${e.target}" label="${e.stance}" weight="${e.count}" start="${e.start}" end="${e.end}"`,
      ),
    );
  });

  it('escapes markup in names', () => {
    const data: Dataset = {
      ...seed,
      people: seed.people.map((p) =>
        p.id === 'person:sergey-lavrov' ? { ...p, name: 'Lavrov <&> "S"' } : p,
      ),
    };
    const graph = parseGraphml(MultiDirectedGraph, toGraphml(stanceNetwork(data, all)));
    expect(graph.getNodeAttribute('person:sergey-lavrov', 'label')).toBe('Lavrov <&> "S"');
  });
});

describe('source routes', () => {
  const sources = new Map([
    ['source:pc', { cites: ['source:tass', 'source:aj'] }],
    ['source:tass', { cites: [] }],
    ['source:aj', { cites: [] }],
    ['source:x', { cites: ['source:pc'] }],
  ]);
  const route = (...ids: string[]) =>
    sourceRoutes(
      {
        sources: ids.map((source) => ({ source, role: 'READ', quoteType: 'DIRECT_QUOTE' })),
      } as never,
      (id) => sources.get(id),
    );

  it('runs from the source the reader holds to the one it cites, among the statement’s own', () => {
    expect(route('source:tass', 'source:pc')).toEqual([['source:pc', 'source:tass']]);
    expect(route('source:x', 'source:pc', 'source:tass')).toEqual([
      ['source:x', 'source:pc', 'source:tass'],
    ]);
    expect(route('source:pc')).toEqual([['source:pc']]);
    expect(route('source:aj', 'source:tass')).toEqual([['source:aj'], ['source:tass']]);
  });
});

describe('FollowTheMoney entities', () => {
  const model = new Model(defaultModel);
  const entities = toFtm(seed);
  const byId = new Map(entities.map((e) => [e.id, e]));
  const countryCodes = model.types.country!.values;
  const isCountry = (code: string) =>
    countryCodes instanceof Map ? countryCodes.has(code) : Object.hasOwn(countryCodes, code);
  const FTM_DATE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?)?)?$/;

  it('every entity is valid against FtM’s model: schema, properties, types, references, required', () => {
    const problems: string[] = [];
    expect(byId.size).toBe(entities.length);
    for (const e of entities) {
      const schema = model.getSchema(e.schema);
      if (schema.abstract) problems.push(`${e.id}: abstract schema ${e.schema}`);
      if (!/^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$/.test(e.id) || e.id.length > 200)
        problems.push(`${e.id}: not an FtM id`);
      for (const required of schema.required)
        if (!e.properties[required]?.length)
          problems.push(`${e.id}: ${e.schema} needs ${required}`);
      for (const [name, values] of Object.entries(e.properties)) {
        if (!schema.hasProperty(name)) {
          problems.push(`${e.id}: ${e.schema} has no property ${name}`);
          continue;
        }
        const prop = schema.getProperty(name);
        for (const value of values) {
          if (typeof value !== 'string' || value.length === 0)
            problems.push(`${e.id}.${name}: empty`);
          if (value.length > prop.type.maxLength) problems.push(`${e.id}.${name}: too long`);
          if (prop.type.name === 'country' && !isCountry(value))
            problems.push(`${e.id}.${name}: ${value} is not an FtM country`);
          if (prop.type.name === 'date' && !FTM_DATE.test(value))
            problems.push(`${e.id}.${name}: ${value} is not an FtM date`);
          if (prop.type.name === 'entity') {
            const target = byId.get(value);
            if (!target) problems.push(`${e.id}.${name}: no entity ${value}`);
            else if (prop.range && !model.getSchema(target.schema).isA(prop.range))
              problems.push(`${e.id}.${name}: ${target.schema} is not a ${prop.range.name}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps every statement’s speaker, targets with stance, date precision and source route', () => {
    const links = (schema: string, prop: string, id: string) =>
      entities.filter((e) => e.schema === schema && e.properties[prop]?.includes(ftmId(id)));
    for (const s of seed.statements) {
      const event = byId.get(ftmId(s.id))!;
      expect(event.schema).toBe('Event');
      expect(event.properties.organizer).toEqual(s.speakers.map(ftmId));
      // FtM dates are ISO prefixes; bounds ("../2024-07-28") are in the notes.
      if (s.date.includes('/')) {
        expect(event.properties.date).toBeUndefined();
        expect(event.properties.notes![0]).toContain(`date bounds ${s.date}`);
      } else expect(event.properties.date).toEqual([s.date]);
      expect(event.properties.description).toEqual([s.text]);
      const own = links('UnknownLink', 'subject', s.id);
      for (const { target, stance } of s.about) {
        if (target.startsWith('topic:')) {
          const title = seed.topics.find((t) => t.id === target)!.title;
          expect(event.properties.summary![0]).toContain(`${title} (${stance})`);
          expect(event.properties.keywords).toContain(title);
        } else {
          expect(
            own
              .filter((l) => l.properties.object![0] === ftmId(target))
              .map((l) => l.properties.role),
          ).toEqual([[stance]]);
        }
      }
      const documented = links('Documentation', 'entity', s.id);
      expect(
        documented.map((d) => [d.properties.document![0], d.properties.role![0]]).sort(),
      ).toEqual(s.sources.map((x) => [ftmId(x.source), x.quoteType]).sort());
    }
    for (const source of seed.sources)
      for (const cited of source.cites)
        expect(
          links('UnknownLink', 'subject', source.id).some(
            (l) => l.properties.object![0] === ftmId(cited) && l.properties.role![0] === 'cites',
          ),
        ).toBe(true);
  });

  it('maps actors to their FtM schemata', () => {
    const schemaOf = (id: string) => byId.get(ftmId(id))!.schema;
    expect(schemaOf('person:sergey-lavrov')).toBe('Person');
    expect(schemaOf('org:hamas')).toBe('Organization');
    expect(schemaOf('org:gaza-ministry-of-health')).toBe('PublicBody');
    expect(schemaOf('country:RUS')).toBe('PublicBody');
    expect(byId.get(ftmId('country:RUS'))!.properties.country).toEqual(['ru']);
    expect(byId.get(ftmId('org:gaza-ministry-of-health'))!.properties.country).toEqual(['ps']);
    expect(schemaOf('position:sergey-lavrov-minister-of-foreign-affairs-russia')).toBe('Occupancy');
  });

  it('gives an id FtM cannot hold a stable hash that no mapped id can equal', () => {
    expect(ftmId('person:sergey-lavrov')).toBe('person.sergey-lavrov');
    expect(ftmId('person:a_b')).toMatch(/^sg-person-[0-9a-f]{40}$/);
    expect(ftmId('person:a_b')).toBe(ftmId('person:a_b'));
    expect(ftmId('person:a_b')).not.toBe(ftmId('person:a-b'));
  });

  it('is the same for the same records', () => {
    const again: FtmEntity[] = toFtm(seed);
    expect(again).toEqual(entities);
  });
});

describe('schema.org JSON-LD', () => {
  const doc = toJsonLd(seed);
  const IRI = (id: string) => `urn:statement-graph:${id}`;
  const S = (term: string) => `https://schema.org/${term}`;

  it('is read by a JSON-LD processor (jsonld.js) in safe mode, and turns into RDF', async () => {
    // Safe mode: a term or value that would be dropped (not mapped to an IRI) is an error.
    const expanded = (await jsonld.expand(
      doc as jsonld.JsonLdDocument,
      {
        safe: true,
      } as jsonld.Options.Expand,
    )) as unknown[];
    expect(expanded.length).toBeGreaterThan(seed.statements.length);
    const nquads = (await jsonld.toRDF(doc as jsonld.JsonLdDocument, {
      format: 'application/n-quads',
    })) as unknown as string;
    expect(nquads).toContain(`<${IRI('person:sergey-lavrov')}> <${S('name')}> "Sergey Lavrov"`);
  });

  it('keeps every statement’s speaker, targets with stance, date precision and source route', async () => {
    const flat = (await jsonld.flatten(doc as jsonld.JsonLdDocument)) as unknown as Array<
      Record<string, unknown>
    >;
    const nodes = new Map(flat.map((n) => [n['@id'] as string, n]));
    const ids = (n: Record<string, unknown>, term: string) =>
      ((n[S(term)] ?? []) as Array<{ '@id': string }>).map((x) => x['@id']);
    const value = (n: Record<string, unknown>, term: string) =>
      ((n[S(term)] ?? []) as Array<{ '@value': unknown }>).map((x) => x['@value']);
    const roles = (n: Record<string, unknown>, term: string) =>
      ids(n, term)
        .map((id) => nodes.get(id)!)
        .map((r) => [ids(r, term)[0], value(r, 'roleName')[0]])
        .sort();
    for (const s of seed.statements) {
      const n = nodes.get(IRI(s.id))!;
      expect(n['@type']).toEqual([S(s.kind === 'DIRECT_QUOTE' ? 'Quotation' : 'Claim')]);
      expect(ids(n, 'author')).toEqual(s.speakers.map(IRI));
      if (s.kind === 'DIRECT_QUOTE')
        expect(ids(n, 'spokenByCharacter')).toEqual(s.speakers.map(IRI));
      if (s.date.includes('/')) expect(value(n, 'temporalCoverage')).toEqual([s.date]);
      else expect(value(n, 'datePublished')).toEqual([s.date]);
      expect(value(n, 'text')).toEqual([s.text]);
      expect(roles(n, 'about')).toEqual(s.about.map((a) => [IRI(a.target), a.stance]).sort());
      expect(roles(n, 'isBasedOn')).toEqual(
        s.sources.map((x) => [IRI(x.source), x.quoteType]).sort(),
      );
    }
    for (const source of seed.sources)
      expect(ids(nodes.get(IRI(source.id))!, 'isBasedOn').sort()).toEqual(
        source.cites.map(IRI).sort(),
      );
  });
});

describe('CSV, one row per target', () => {
  const text = statementsCsv(seed, all);
  const rows = parseCsv(text, { columns: true }) as Array<Record<string, string>>;

  it('has a row for each target of each statement, with its stance, date precision and source route', () => {
    expect(text.split('\r\n')[0]).toMatch(/^statement_id,date,date_precision,/);
    expect(rows).toHaveLength(seed.statements.reduce((n, s) => n + Math.max(1, s.about.length), 0));
    for (const s of seed.statements) {
      const own = rows.filter((r) => r.statement_id === s.id);
      expect(own.map((r) => [r.target_id, r.stance]).sort()).toEqual(
        s.about.map((a) => [a.target, a.stance]).sort(),
      );
      for (const r of own) {
        expect(r).toMatchObject({
          speaker_id: s.speakers.join('; '),
          date: s.date,
          text: s.text,
          kind: s.kind,
        });
        expect(r.date_precision).toBe(
          s.date.includes('/')
            ? 'BOUNDED'
            : s.date.length === 4
              ? 'YEAR'
              : s.date.length === 7
                ? 'MONTH'
                : 'DAY',
        );
        expect(r.sources!.split('; ').sort()).toEqual(
          s.sources.map((x) => `${x.source} (${x.quoteType})`).sort(),
        );
      }
    }
    const quote = rows.find(
      (r) => r.statement_id === 'statement:lavrov-2024-07-28-no-prospect-for-end-to-bloodshed',
    )!;
    expect(quote.source_route).toBe(
      'source:palestine-chronicle-2024-07-28 > source:tass-2024-07-28-lavrov-malaysia',
    );
  });

  it('writes one row with empty target columns for a statement without targets, and defuses formulas', () => {
    const base = seed.statements[0]!;
    const data: Dataset = {
      ...seed,
      statements: [{ ...base, about: [], text: '=HYPERLINK("x")' }],
    };
    const [row, ...rest] = parseCsv(statementsCsv(data, [base.id]), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ target_id: '', stance: '', text: `'=HYPERLINK("x")` });
  });
});
