import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../web/src/api.js';
import {
  andList,
  attribution,
  countsFor,
  occasionText,
  quoteMarks,
  quoteSegments,
  statementLine,
  whosePosition,
  type Representation,
} from '../../web/src/attribution.js';
import { GraphModel } from '../../web/src/graph-model.js';

const person = (id: string, name: string) => ({ __typename: 'Person', id, name });
const country = (id: string, name: string) => ({ __typename: 'Country', id, name });
const QAT = country('country:QAT', 'Qatar');
const EGY = country('country:EGY', 'Egypt');
const ISR = country('country:ISR', 'Israel');
const NETANYAHU = person('person:benjamin-netanyahu', 'Benjamin Netanyahu');
const PREMIER = person('person:test-premier', 'Test Premier');

describe('attribution: who said it, as the source says', () => {
  it('names every speaker in order', () => {
    expect(andList([])).toBe('');
    expect(andList(['Qatar'])).toBe('Qatar');
    expect(andList(['Qatar', 'Egypt'])).toBe('Qatar and Egypt');
    expect(andList(['Qatar', 'Egypt', 'Jordan'])).toBe('Qatar, Egypt and Jordan');
    expect(attribution({ speakers: [QAT, EGY] })).toBe('Qatar and Egypt');
    expect(attribution({ speakers: [EGY, QAT] })).toBe('Egypt and Qatar');
  });

  it('says whom the speakers spoke for, and in which post', () => {
    const israel = {
      speakers: [NETANYAHU],
      onBehalfOf: ISR,
      post: { title: 'Prime Minister' },
    };
    expect(attribution(israel)).toBe('Israel, through Benjamin Netanyahu, as Prime Minister');
    expect(attribution(israel, { short: true, post: false })).toBe('Israel, through Netanyahu');
    expect(
      attribution({ speakers: [PREMIER], post: { title: 'Minister of Foreign Affairs' } }),
    ).toBe('Test Premier, as Minister of Foreign Affairs');
    // A speaker speaking for itself is said once.
    expect(attribution({ speakers: [ISR], onBehalfOf: ISR })).toBe('Israel');
    expect(whosePosition(israel)).toBe('Israel’s position, through Benjamin Netanyahu');
    expect(whosePosition({ speakers: [QAT, EGY] })).toBe('Qatar and Egypt’s position');
  });

  it('in a timeline of a state with its officials, says through whom a statement counts for it', () => {
    const fm: Representation = {
      actor: QAT,
      through: PREMIER,
      basis: 'POST',
      post: { title: 'Minister of Foreign Affairs' },
    };
    const pm: Representation = { ...fm, post: { title: 'Prime Minister' } };
    const progress = { speakers: [PREMIER], post: fm.post, representing: [fm] };
    expect(attribution(progress, { countsFor: QAT.id })).toBe(
      'Qatar, through Test Premier, as Minister of Foreign Affairs',
    );
    // No post named: both posts held that day.
    expect(
      attribution({ speakers: [PREMIER], representing: [pm, fm] }, { countsFor: QAT.id }),
    ).toBe('Qatar, through Test Premier, as Prime Minister / Minister of Foreign Affairs');
    // Its own statement, or one for another actor, reads as usual.
    expect(attribution({ speakers: [QAT, EGY], representing: [] }, { countsFor: QAT.id })).toBe(
      'Qatar and Egypt',
    );
    expect(attribution(progress, { countsFor: EGY.id })).toBe(
      'Test Premier, as Minister of Foreign Affairs',
    );
    expect(
      countsFor([
        { actor: ISR, through: NETANYAHU, basis: 'ON_BEHALF_OF', post: null },
        { actor: ISR, through: NETANYAHU, basis: 'POST', post: { title: 'Prime Minister' } },
      ]),
    ).toEqual(['Israel, through Benjamin Netanyahu: on its behalf, as Prime Minister']);
  });

  it('reads a compact label with every speaker, or the state spoken for', () => {
    const date = { text: '2024-09-19', precision: 'DAY' as const, start: '', end: '' };
    const about = [
      {
        stance: 'SUPPORTIVE' as const,
        target: { __typename: 'Topic', id: 'topic:gaza-ceasefire', title: 'Gaza ceasefire' },
      },
    ];
    expect(statementLine({ speakers: [QAT, EGY], onBehalfOf: null, date, about })).toBe(
      'Qatar and Egypt · 19 Sep 2024 · Gaza ceasefire · + supportive',
    );
    expect(statementLine({ speakers: [NETANYAHU], onBehalfOf: ISR, date, about: [] })).toBe(
      'Israel, through Netanyahu · 19 Sep 2024',
    );
  });

  it('names the occasion within its occasion', () => {
    const visit = { id: 'meeting:visit', title: 'Visit to Malaysia', partOf: null };
    expect(occasionText(null)).toBe('');
    expect(occasionText(visit)).toBe('Visit to Malaysia');
    expect(
      occasionText({ id: 'meeting:remarks', title: 'Remarks to reporters', partOf: visit }),
    ).toBe('Remarks to reporters · during Visit to Malaysia');
  });
});

describe('quoteSegments: words quoted inside a paraphrase', () => {
  const text = 'The talks made some progress, but gaps remain; some progress, he said.';

  it('marks every occurrence, merging overlaps', () => {
    expect(quoteSegments(text, ['some progress'])).toEqual([
      { text: 'The talks made ', quoted: false },
      { text: 'some progress', quoted: true },
      { text: ', but gaps remain; ', quoted: false },
      { text: 'some progress', quoted: true },
      { text: ', he said.', quoted: false },
    ]);
    expect(quoteSegments('made some progress', ['some', 'some progress', ''])).toEqual([
      { text: 'made ', quoted: false },
      { text: 'some progress', quoted: true },
    ]);
    expect(quoteSegments(text, [])).toEqual([{ text, quoted: false }]);
  });

  it('cuts to a length as a row does, keeping the marks before the cut', () => {
    expect(quoteSegments(text, ['some progress'], 35)).toEqual([
      { text: 'The talks made ', quoted: false },
      { text: 'some progress', quoted: true },
      { text: ', but', quoted: false },
      { text: '…', quoted: false },
    ]);
    // A cut inside a quoted fragment keeps the part before it marked.
    expect(quoteSegments(text, ['some progress'], 30).slice(1)).toEqual([
      { text: 'some', quoted: true },
      { text: '…', quoted: false },
    ]);
  });

  it('adds quotation marks only where the text has none, and no closing one at a cut', () => {
    const marks = (t: string, max?: number) => {
      const segments = quoteSegments(t, ['some progress'], max);
      return segments.map((seg, i) => (seg.quoted ? quoteMarks(segments, i) : null));
    };
    expect(marks('made some progress.')).toEqual([null, ['“', '”'], null]);
    expect(marks('made "some progress".')).toEqual([null, ['', ''], null]);
    expect(marks(text, 30)).toEqual([null, ['“', ''], null]);
  });
});

describe('GraphModel: a joint statement', () => {
  const statement = (hiddenNeighbors: number): GraphNode => ({
    id: 'statement:joint',
    type: 'Statement',
    label: 'Both call for a ceasefire.',
    distance: 1,
    hiddenNeighbors,
    node: {
      speakers: [QAT, EGY],
      onBehalfOf: null,
      date: { text: '2024-09-19', precision: 'DAY', start: '2024-09-19', end: '2024-09-19' },
      about: [],
    },
  });
  const qatar: GraphNode = {
    ...QAT,
    type: 'Country',
    label: 'Qatar',
    distance: 0,
    hiddenNeighbors: 0,
  };
  const made = (from: string) => ({
    id: `MADE:${from}->statement:joint`,
    type: 'MADE',
    source: from,
    target: 'statement:joint',
    properties: {},
  });

  it('is one node joined to each of its speakers, the one a neighbourhood left out included', () => {
    const model = new GraphModel();
    // Qatar's neighbourhood: the statement, whose other neighbours (Egypt and a topic) are hidden.
    model.add({ nodes: [qatar, statement(2)], edges: [made(QAT.id)] });
    expect([...model.nodes.keys()].sort()).toEqual([EGY.id, QAT.id, 'statement:joint']);
    expect(model.nodes.get(EGY.id)).toMatchObject({ type: 'Country', label: 'Egypt' });
    expect([...model.neighbours('statement:joint')].sort()).toEqual([EGY.id, QAT.id]);
    expect(model.hidden('statement:joint')).toBe(1);

    // Egypt's own neighbourhood brings the same statement and the API's edge: still one of each.
    model.add({
      nodes: [{ ...qatar, ...EGY, label: 'Egypt' }, statement(2)],
      edges: [made(EGY.id)],
    });
    expect([...model.nodes.values()].filter((n) => n.type === 'Statement')).toHaveLength(1);
    expect([...model.edges.keys()].sort()).toEqual([made(EGY.id).id, made(QAT.id).id]);
    expect(model.hidden('statement:joint')).toBe(1);
  });

  it('leaves a statement of one speaker as the neighbourhood has it', () => {
    const model = new GraphModel();
    const single = statement(1);
    single.node!.speakers = [QAT];
    model.add({ nodes: [qatar, single], edges: [made(QAT.id)] });
    expect([...model.nodes.keys()].sort()).toEqual([QAT.id, 'statement:joint']);
  });
});
