import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createStatementEvents,
  OVERFLOW,
  TooManySubscribers,
  type StatementEvent,
} from '../../src/events/statement-events.js';
import { dataset as datasetSchema } from '../../src/records/dataset.js';
import { matchStatement } from '../../src/modules/statements/statements.match.js';

const seed = datasetSchema.parse(JSON.parse(readFileSync('seed/statement-graph.json', 'utf8')));
const event = (i: number, speaker = 'person:sergey-lavrov'): StatementEvent => ({
  id: `statement:e${i}`,
  outcome: 'CREATED',
  record: { ...seed.statements[0]!, id: `statement:e${i}`, speakers: [speaker] },
  by: 'alice',
  at: '2026-01-01T00:00:00.000Z',
});
const ids = (items: unknown[]) =>
  items.map((x) => (x === OVERFLOW ? 'OVERFLOW' : (x as StatementEvent).id));

describe('statement events', () => {
  it('deliver to each subscriber what its test accepts, in order, from when it subscribed', async () => {
    const bus = createStatementEvents({ bufferSize: 10, maxSubscribers: 10 });
    bus.publish([event(0)]);
    const lavrov = bus.subscribe((e) => e.record.speakers.includes('person:sergey-lavrov'));
    const all = bus.subscribe(() => true);
    bus.publish([event(1), event(2, 'person:mousa-abu-marzouk'), event(3)]);
    const take = async (it: AsyncIterableIterator<unknown>, n: number) => {
      const out = [];
      for (let i = 0; i < n; i++) out.push((await it.next()).value);
      return out;
    };
    expect(ids(await take(lavrov, 2))).toEqual(['statement:e1', 'statement:e3']);
    expect(ids(await take(all, 3))).toEqual(['statement:e1', 'statement:e2', 'statement:e3']);
  });

  it('wakes a waiting reader', async () => {
    const bus = createStatementEvents({ bufferSize: 10, maxSubscribers: 10 });
    const sub = bus.subscribe(() => true);
    const pending = sub.next();
    bus.publish([event(1)]);
    expect(ids([(await pending).value])).toEqual(['statement:e1']);
  });

  it('ends the stream of a reader that falls more than the buffer behind, and never holds more', async () => {
    const bus = createStatementEvents({ bufferSize: 3, maxSubscribers: 10 });
    const slow = bus.subscribe(() => true);
    const fast = bus.subscribe(() => true);
    const got: unknown[] = [];
    for (let i = 0; i < 10; i++) {
      bus.publish([event(i)]);
      got.push((await fast.next()).value);
    }
    expect(got).toHaveLength(10);
    expect(await slow.next()).toEqual({ done: false, value: OVERFLOW });
    expect(await slow.next()).toEqual({ done: true, value: undefined });
    expect(bus.stats()).toEqual({ subscribers: 1, overflows: 1 });
  });

  it('forgets a subscriber whose stream is closed, even while it waits', async () => {
    const bus = createStatementEvents({ bufferSize: 3, maxSubscribers: 2 });
    const a = bus.subscribe(() => true);
    const b = bus.subscribe(() => true);
    expect(() => bus.subscribe(() => true)).toThrow(TooManySubscribers);
    const waiting = a.next();
    await a.return!();
    expect(await waiting).toEqual({ done: true, value: undefined });
    await b.return!();
    expect(bus.stats().subscribers).toBe(0);
    bus.subscribe(() => true);
  });

  it('a failing test or listener does not stop the others', async () => {
    const bus = createStatementEvents({ bufferSize: 3, maxSubscribers: 10 });
    const heard: string[] = [];
    bus.listen(() => {
      throw new Error('listener');
    });
    bus.listen((e) => heard.push(e.id));
    bus.subscribe(() => {
      throw new Error('test');
    });
    const ok = bus.subscribe(() => true);
    bus.publish([event(1)]);
    expect(heard).toEqual(['statement:e1']);
    expect(ids([(await ok.next()).value])).toEqual(['statement:e1']);
  });
});

describe('matching a statement record against a StatementFilter', () => {
  const s = seed.statements.find(
    (x) => x.id === 'statement:lavrov-2024-07-28-no-prospect-for-end-to-bloodshed',
  )!;
  it('follows the filter’s rules', () => {
    expect(matchStatement({}, s)).toBe(true);
    expect(matchStatement({ speakerIds: [] }, s)).toBe(false);
    expect(matchStatement({ aboutIds: ['topic:gaza-ceasefire'], stances: ['NEUTRAL'] }, s)).toBe(
      true,
    );
    expect(matchStatement({ aboutIds: ['topic:gaza-ceasefire'], stances: ['CRITICAL'] }, s)).toBe(
      false,
    );
    expect(matchStatement({ from: '2024-07-28', to: '2024-07-28' }, s)).toBe(true);
    expect(matchStatement({ text: 'BLOODSHED' }, s)).toBe(true);
    expect(matchStatement({ speakingAs: { ofId: 'country:RUS' } }, s)).toBe('ask-database');
    expect(matchStatement({ speakingAs: { ofId: 'country:RUS' }, kinds: ['PARAPHRASE'] }, s)).toBe(
      false,
    );
    const june = { ...s, date: '2024-06' };
    expect(matchStatement({ from: '2024-06-10', to: '2024-06-20' }, june)).toBe(false);
    expect(
      matchStatement({ from: '2024-06-10', to: '2024-06-20', dateMatch: 'OVERLAPS' }, june),
    ).toBe(true);
  });
});
