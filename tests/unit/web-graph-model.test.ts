import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../../web/src/api.js';
import { GraphModel } from '../../web/src/graph-model.js';

const node = (id: string, hiddenNeighbors: number, distance = 1): GraphNode => ({
  id,
  type: 'Person',
  label: id,
  distance,
  hiddenNeighbors,
});

const edge = (source: string, target: string, type = 'MADE'): GraphEdge => ({
  id: `${type}:${source}->${target}`,
  type,
  source,
  target,
  properties: {},
});

describe('GraphModel', () => {
  it('counts the neighbours still off screen, across the subgraphs added', () => {
    const model = new GraphModel();
    // a's neighbourhood capped at two of its four neighbours; b has one more neighbour, c none.
    model.add({
      nodes: [node('a', 2, 0), node('b', 1), node('c', 0)],
      edges: [edge('a', 'b'), edge('a', 'c'), edge('b', 'c', 'ABOUT')],
    });
    expect(model.hidden('a')).toBe(2);
    expect(model.hidden('b')).toBe(1);
    expect(model.hidden('c')).toBe(0);

    // d's neighbourhood brings in one of a's missing neighbours (d itself) and b's.
    model.add({
      nodes: [node('d', 0, 0), node('a', 3), node('b', 2)],
      edges: [edge('d', 'a'), edge('d', 'b')],
    });
    expect(model.hidden('a')).toBe(1);
    expect(model.hidden('b')).toBe(0);
    expect(model.hidden('d')).toBe(0);
    expect([...model.neighbours('a')].sort()).toEqual(['b', 'c', 'd']);
  });

  it('keeps the largest count seen: a path knows only the edges along it', () => {
    const model = new GraphModel();
    model.add({ nodes: [node('a', 1, 0), node('b', 0)], edges: [edge('a', 'b')] });
    // On a path a–c, a's edge to b is not returned and b is not a node: b counts as hidden.
    model.add({ nodes: [node('a', 1, 0), node('c', 0)], edges: [edge('a', 'c')] });
    expect(model.hidden('a')).toBe(0);
    expect(model.nodes.size).toBe(3);
  });

  it('counts parallel edges and self-loops once, and knows nothing of unseen nodes', () => {
    const model = new GraphModel();
    model.add({
      nodes: [node('a', 0, 0), node('b', 0)],
      edges: [edge('a', 'b', 'ABOUT'), edge('a', 'b', 'MENTIONS'), edge('a', 'a', 'RELAYS')],
    });
    expect(model.neighbours('a').size).toBe(1);
    expect(model.hidden('a')).toBe(0);
    expect(model.edges.size).toBe(3);
    expect(model.hidden('zzz')).toBe(0);
  });
});
