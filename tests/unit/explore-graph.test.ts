import { describe, expect, it } from 'vitest';
import {
  edgeId,
  nodeLabel,
  shorten,
  toGraphEdges,
} from '../../src/modules/explore/explore.graph.js';
import type { NodeRow } from '../../src/modules/shared/rows.js';

const stored = { createdAt: '2024-07-28T00:00:00.000Z', updatedAt: '2024-07-28T00:00:00.000Z' };

describe('edgeId', () => {
  it('is the type and both ends, a post’s own id, and the role for attendance', () => {
    expect(
      edgeId({ type: 'MADE', source: 'person:a', target: 'statement:b', properties: {} }),
    ).toBe('MADE:person:a->statement:b');
    expect(
      edgeId({
        type: 'HOLDS_POSITION',
        source: 'person:a',
        target: 'country:RUS',
        properties: { id: 'position:a-minister' },
      }),
    ).toBe('position:a-minister');
    expect(
      edgeId({
        type: 'ATTENDED',
        source: 'person:a',
        target: 'meeting:m',
        properties: { role: 'host' },
      }),
    ).toBe('ATTENDED:person:a->meeting:m#host');
  });
});

describe('toGraphEdges', () => {
  it('drops bookkeeping properties and duplicates, and sorts by id', () => {
    const edges = toGraphEdges([
      {
        type: 'REPORTED_IN',
        source: 'statement:b',
        target: 'source:s',
        properties: { quoteType: 'DIRECT_QUOTE' },
      },
      {
        type: 'ABOUT',
        source: 'statement:b',
        target: 'country:ISR',
        properties: { stance: 'CRITICAL', contentHash: 'x', updatedBy: 'seed', createdAt: 'y' },
      },
      {
        type: 'ABOUT',
        source: 'statement:b',
        target: 'country:ISR',
        properties: { stance: 'CRITICAL' },
      },
    ]);
    expect(edges).toEqual([
      {
        id: 'ABOUT:statement:b->country:ISR',
        type: 'ABOUT',
        source: 'statement:b',
        target: 'country:ISR',
        properties: { stance: 'CRITICAL' },
      },
      {
        id: 'REPORTED_IN:statement:b->source:s',
        type: 'REPORTED_IN',
        source: 'statement:b',
        target: 'source:s',
        properties: { quoteType: 'DIRECT_QUOTE' },
      },
    ]);
  });
});

describe('nodeLabel', () => {
  it('uses names and titles whole, and cuts a statement at a word', () => {
    expect(
      nodeLabel({
        ...stored,
        __typename: 'Country',
        id: 'country:RUS',
        name: 'Russia',
        aliases: [],
        iso: 'RUS',
      }),
    ).toBe('Russia');
    const text =
      'In my opinion, and many of my colleagues share this point of view, it is an unrealistic task to eradicate the organization.';
    const label = nodeLabel({ ...stored, __typename: 'Statement', id: 's', text } as NodeRow);
    expect(label.length).toBeLessThanOrEqual(80);
    expect(label).toBe(
      'In my opinion, and many of my colleagues share this point of view, it is an…',
    );
    expect(shorten('short', 80)).toBe('short');
  });
});
