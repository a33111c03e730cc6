import type { Dataset } from '../records/dataset.js';
import { indexDataset } from './slice.js';

export interface NetworkNode {
  id: string;
  label: string;
  /** GraphQL type name: Person, Organization, Country, Topic or Meeting. */
  type: string;
}

/** Every statement of one speaker about one target at one stance, folded into one edge. */
export interface StanceEdge {
  source: string;
  target: string;
  stance: string;
  count: number;
  /** Date of the earliest statement as written (its precision is its shape: 2024, 2024-06, 2024-06-30). */
  first: string;
  /** Date of the latest statement as written. */
  last: string;
  /** First day the earliest statement's date covers, YYYY-MM-DD. */
  start: string;
  /** Last day the latest statement's date covers, YYYY-MM-DD. */
  end: string;
  /** The statements folded into this edge, in id order. */
  statements: string[];
}

export interface StanceNetwork {
  nodes: NetworkNode[];
  edges: StanceEdge[];
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The speaker → target network of a slice's matching statements, with one edge per
 * (speaker, target, stance). Nodes are the speakers and targets; both lists are in a
 * stable order (ids), so the same slice gives the same file.
 */
export function stanceNetwork(dataset: Dataset, matching: readonly string[]): StanceNetwork {
  const index = indexDataset(dataset);
  const nodes = new Map<string, NetworkNode>();
  const edges = new Map<string, StanceEdge>();
  const node = (id: string) => {
    if (!nodes.has(id)) nodes.set(id, { id, label: index.label(id), type: index.typeName(id) });
  };
  for (const id of matching) {
    const s = index.get(id, 'statement');
    if (!s) continue;
    const date = index.date(s.date);
    // A joint statement: an edge from each of its speakers.
    for (const speaker of s.speakers) {
      node(speaker);
      for (const { target, stance } of s.about) {
        node(target);
        const key = JSON.stringify([speaker, target, stance]);
        const edge = edges.get(key);
        if (!edge) {
          edges.set(key, {
            source: speaker,
            target,
            stance,
            count: 1,
            first: s.date,
            last: s.date,
            start: date.start,
            end: date.end,
            statements: [s.id],
          });
          continue;
        }
        edge.count += 1;
        edge.statements.push(s.id);
        if (date.start < edge.start) [edge.start, edge.first] = [date.start, s.date];
        if (date.end > edge.end) [edge.end, edge.last] = [date.end, s.date];
      }
    }
  }
  return {
    nodes: [...nodes.values()].sort((a, b) => byString(a.id, b.id)),
    edges: [...edges.values()]
      .map((e) => ({ ...e, statements: [...e.statements].sort(byString) }))
      .sort(
        (a, b) =>
          byString(a.source, b.source) ||
          byString(a.target, b.target) ||
          byString(a.stance, b.stance),
      ),
  };
}
