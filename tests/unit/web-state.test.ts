import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_STATE,
  EXPAND_LIMIT,
  formatState,
  MAX_LIMIT,
  parseState,
  withExpanded,
  type ViewState,
} from '../../web/src/state.js';

const FULL: ViewState = {
  q: 'Сергей Лавров & co',
  types: ['PERSON', 'STATEMENT'],
  node: 'person:sergey-lavrov',
  expanded: [
    { id: 'person:sergey-lavrov', limit: EXPAND_LIMIT },
    { id: 'source:palestine-chronicle-2024-07-28', limit: 40 },
  ],
  statement: 'statement:lavrov-2024-07-28-eradicating-hamas-unrealistic',
  path: ['person:sergey-lavrov', 'person:mousa-abu-marzouk'],
  timeline: { actor: 'person:sergey-lavrov', about: 'topic:eradication-of-hamas' },
  rep: true,
  said: null,
  granularity: 'DAY',
  from: '2024-07-01',
  to: '2024-07-31',
  hidden: ['source:al-jazeera-2024-06-abu-marzouk-interview'],
  positions: { 'person:sergey-lavrov': { x: 120, y: -40 }, 'country:RUS': { x: 0, y: 0 } },
  note: 'Lavrov on Hamas, & more',
  figures: true,
};

describe('URL state', () => {
  it('keeps ids readable and leaves defaults out', () => {
    expect(formatState(FULL)).toBe(
      'q=%D0%A1%D0%B5%D1%80%D0%B3%D0%B5%D0%B9%20%D0%9B%D0%B0%D0%B2%D1%80%D0%BE%D0%B2%20%26%20co' +
        '&types=PERSON,STATEMENT&node=person:sergey-lavrov' +
        '&expanded=person:sergey-lavrov,source:palestine-chronicle-2024-07-28@40' +
        '&statement=statement:lavrov-2024-07-28-eradicating-hamas-unrealistic' +
        '&path=person:sergey-lavrov,person:mousa-abu-marzouk' +
        '&timeline=person:sergey-lavrov,topic:eradication-of-hamas&rep=1&tg=DAY' +
        '&from=2024-07-01&to=2024-07-31&hide=source:al-jazeera-2024-06-abu-marzouk-interview' +
        '&figures=1&pos=person:sergey-lavrov@120_-40,country:RUS@0_0' +
        '&note=Lavrov%20on%20Hamas%2C%20%26%20more',
    );
    expect(formatState(EMPTY_STATE)).toBe('');
    // A timeline of what was said about a target, instead of what an actor said.
    const said = { ...EMPTY_STATE, said: 'org:hamas' };
    expect(formatState(said)).toBe('said=org:hamas');
    expect(parseState('said=org:hamas')).toEqual(said);
    expect(parseState('from=2024-13&to=yesterday')).toEqual(EMPTY_STATE);
  });

  it('reads back what it wrote, with or without the leading #', () => {
    expect(parseState(formatState(FULL))).toEqual(FULL);
    expect(parseState(`#${formatState(FULL)}`)).toEqual(FULL);
    expect(parseState('')).toEqual(EMPTY_STATE);
  });

  it('round-trips any text and ids, commas and @ included', () => {
    const id = fc.string({ minLength: 1 }).filter((s) => s.trim() !== '');
    fc.assert(
      fc.property(fc.string(), id, id, (q, a, b) => {
        fc.pre(a !== b);
        const state: ViewState = {
          ...EMPTY_STATE,
          q,
          node: a,
          expanded: [
            { id: a, limit: EXPAND_LIMIT },
            { id: b, limit: 60 },
          ],
          path: [a, b],
          timeline: { actor: a, about: b },
        };
        expect(parseState(formatState(state))).toEqual(state);
      }),
    );
  });

  it('ignores what it does not know and bounds the limits', () => {
    const state = parseState(
      '#types=PERSON,BOGUS&tg=FORTNIGHT&expanded=a@0,b@9999,a,,c&path=x,y,z&timeline=&unknown=1&q=%E0%A4%A',
    );
    expect(state.types).toEqual(['PERSON']);
    expect(state.granularity).toBe('MONTH');
    expect(state.expanded).toEqual([
      { id: 'a', limit: 1 },
      { id: 'b', limit: MAX_LIMIT },
      { id: 'c', limit: EXPAND_LIMIT },
    ]);
    expect(state.path).toEqual(['x', 'y']);
    expect(state.timeline).toBeNull();
    // Representatives belong to an actor's timeline: without one the flag is dropped.
    expect(parseState('rep=1').rep).toBe(false);
    expect(parseState('timeline=country:QAT&rep=1').rep).toBe(true);
    // A malformed escape is kept as typed rather than thrown on.
    expect(state.q).toBe('%E0%A4%A');
  });

  it('adds an expansion once, and only ever raises its limit', () => {
    const one = withExpanded(EMPTY_STATE, 'a');
    expect(one.expanded).toEqual([{ id: 'a', limit: EXPAND_LIMIT }]);
    expect(withExpanded(one, 'a')).toBe(one);
    const more = withExpanded(withExpanded(one, 'b'), 'a', 40);
    expect(more.expanded).toEqual([
      { id: 'a', limit: 40 },
      { id: 'b', limit: EXPAND_LIMIT },
    ]);
    expect(withExpanded(more, 'a', 10)).toBe(more);
    expect(withExpanded(more, 'a', 1000).expanded[0]).toEqual({ id: 'a', limit: MAX_LIMIT });
  });
});
