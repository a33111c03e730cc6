import { describe, expect, it } from 'vitest';
import type { Statement } from '../../web/src/api.js';
import { histogram, within } from '../../web/src/date-filter.js';
import { statementsCsv } from '../../web/src/export.js';
import { GraphModel } from '../../web/src/graph-model.js';
import { statementLine } from '../../web/src/attribution.js';

const person = (id: string, name: string) => ({ __typename: 'Person', id, name });
const country = (id: string, name: string) => ({ __typename: 'Country', id, name });

describe('statementLine', () => {
  const summary = {
    speakers: [person('person:sergey-lavrov', 'Sergey Lavrov')],
    date: { text: '2024-07-28', precision: 'DAY' as const, start: '2024-07-28', end: '2024-07-28' },
    about: [
      {
        stance: 'NEUTRAL' as const,
        target: { __typename: 'Organization', id: 'org:hamas', name: 'Hamas' },
      },
      {
        stance: 'CRITICAL' as const,
        target: {
          __typename: 'Topic',
          id: 'topic:eradication-of-hamas',
          title: 'Eradication of Hamas',
        },
      },
    ],
  };

  it('reads speaker · date · target · stance, naming the target that takes a side', () => {
    expect(statementLine(summary)).toBe(
      'Lavrov · 28 Jul 2024 · Eradication of Hamas +1 · − critical',
    );
    expect(statementLine(summary, 'org:hamas')).toBe('Lavrov · 28 Jul 2024 · Hamas +1 · ○ neutral');
    expect(
      statementLine({
        ...summary,
        about: [],
        date: { ...summary.date, text: '2024-06', precision: 'MONTH' },
      }),
    ).toBe('Lavrov · Jun 2024');
  });
});

describe('date range', () => {
  it('keeps a statement whose whole date lies in the range', () => {
    const july = { start: '2024-07-01', end: '2024-07-31' };
    expect(within(july, { from: '2024-07-01', to: '2024-07-31' })).toBe(true);
    expect(within(july, { from: '2024-07-15', to: null })).toBe(false);
    expect(within(july, { from: null, to: null })).toBe(true);
  });

  it('counts statements per month, empty months included', () => {
    expect(
      histogram([
        { start: '2024-06-01', end: '2024-06-30' },
        { start: '2024-08-28', end: '2024-08-28' },
        { start: '2024-08-01', end: '2024-08-31' },
      ]),
    ).toEqual([
      { month: '2024-06', count: 1 },
      { month: '2024-07', count: 0 },
      { month: '2024-08', count: 2 },
    ]);
    expect(histogram([])).toEqual([]);
  });
});

describe('statementsCsv', () => {
  it('quotes every field and gives speaker, date, precision, stance per target and the route', () => {
    const source = (id: string, publisher: string) => ({
      quoteType: 'DIRECT_QUOTE',
      source: {
        id,
        kind: 'ARTICLE',
        title: `${publisher} report`,
        publisher,
        url: null,
        publishedDate: null,
      },
    });
    const csv = statementsCsv([
      {
        id: 'statement:a',
        text: 'It is "unrealistic", he said.',
        kind: 'DIRECT_QUOTE',
        date: { text: '2024-07-28', precision: 'DAY', start: '2024-07-28', end: '2024-07-28' },
        speakers: [person('person:sergey-lavrov', 'Sergey Lavrov')],
        onBehalfOf: null,
        post: null,
        quotes: [],
        approximate: false,
        meeting: null,
        about: [
          {
            stance: 'NEUTRAL',
            target: { __typename: 'Organization', id: 'org:hamas', name: 'Hamas' },
          },
        ],
        route: [source('source:tass', 'TASS'), source('source:pc', 'Palestine Chronicle')],
        confidence: 0.9,
      } as unknown as Statement,
    ]);
    expect(csv.split('\r\n')).toEqual([
      '"id","speakers","date","precision","kind","stance","text","sources","confidence","onBehalfOf","post","quotes","approximate","occasion"',
      '"statement:a","Sergey Lavrov","2024-07-28","DAY","DIRECT_QUOTE","Hamas: neutral","It is ""unrealistic"", he said.","TASS → Palestine Chronicle","0.9","","","","false",""',
      '',
    ]);
  });

  it('gives every speaker in order, whom they spoke for, the post, quoted words, approximate wording and the occasion within its occasion', () => {
    const csv = statementsCsv([
      {
        id: 'statement:joint',
        text: 'Both call for a ceasefire.',
        kind: 'PARAPHRASE',
        date: { text: '2024-09-19', precision: 'DAY', start: '2024-09-19', end: '2024-09-19' },
        speakers: [country('country:QAT', 'Qatar'), country('country:EGY', 'Egypt')],
        onBehalfOf: null,
        post: null,
        quotes: [],
        approximate: false,
        meeting: null,
        about: [],
        route: [],
        confidence: 0.85,
      },
      {
        id: 'statement:israel',
        text: 'Israel would not stop, he said, until it makes "total victory".',
        kind: 'PARAPHRASE',
        date: { text: '2024-07', precision: 'MONTH', start: '2024-07-01', end: '2024-07-31' },
        speakers: [person('person:benjamin-netanyahu', 'Benjamin Netanyahu')],
        onBehalfOf: country('country:ISR', 'Israel'),
        post: { title: 'Prime Minister', of: country('country:ISR', 'Israel') },
        quotes: ['total victory', 'would not stop'],
        approximate: true,
        meeting: {
          __typename: 'Meeting',
          id: 'meeting:remarks',
          title: 'Remarks to reporters',
          date: null,
          partOf: {
            __typename: 'Meeting',
            id: 'meeting:visit',
            title: 'Visit to Malaysia',
            date: null,
            partOf: null,
          },
        },
        about: [],
        route: [],
        confidence: 0.7,
      },
    ] as unknown as Statement[]);
    const rows = csv.split('\r\n').slice(1, 3);
    expect(rows[0]).toBe(
      '"statement:joint","Qatar; Egypt","2024-09-19","DAY","PARAPHRASE","","Both call for a ceasefire.","","0.85","","","","false",""',
    );
    expect(rows[1]!.split('","').slice(9)).toEqual([
      'Israel',
      'Prime Minister, Israel',
      'total victory; would not stop',
      'true',
      'Remarks to reporters · during Visit to Malaysia"',
    ]);
  });
});

describe('GraphModel.without', () => {
  it('drops nodes and their edges, keeping what expanding would still add', () => {
    const model = new GraphModel();
    const node = (id: string, hiddenNeighbors = 0) => ({
      id,
      type: 'Person',
      label: id,
      distance: 0,
      hiddenNeighbors,
    });
    const edge = (source: string, target: string) => ({
      id: `E:${source}->${target}`,
      type: 'E',
      source,
      target,
      properties: {},
    });
    model.add({
      nodes: [node('a', 3), node('b'), node('c')],
      edges: [edge('a', 'b'), edge('a', 'c')],
    });
    const kept = model.without((n) => n.id === 'c');
    expect([...kept.nodes.keys()]).toEqual(['a', 'b']);
    expect([...kept.edges.keys()]).toEqual(['E:a->b']);
    expect(kept.hidden('a')).toBe(model.hidden('a'));
  });
});
