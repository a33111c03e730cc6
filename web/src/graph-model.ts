/**
 * The graph on screen as data: the union of the subgraphs fetched so far (each
 * expanded node's neighbourhood, the paths drawn), with how many neighbours of
 * each node are still off screen. A joint statement is one node joined to each
 * of its speakers (MADE), those a subgraph left out included. No DOM here, so it
 * is tested on its own.
 */

import type { GraphEdge, GraphNode, StatementSummary } from './api.js';

export interface Subgraph {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
}

export interface ModelNode {
  id: string;
  type: string;
  label: string;
  /** Statements: speakers, date, targets. */
  summary?: Partial<StatementSummary>;
}

export class GraphModel {
  readonly nodes = new Map<string, ModelNode>();
  readonly edges = new Map<string, GraphEdge>();
  /** Distinct neighbours of a node in the whole graph, where an answer told us. */
  private readonly degree = new Map<string, number>();
  private readonly adjacent = new Map<string, Set<string>>();

  /**
   * Adds a subgraph. A node's neighbours are those in the subgraph joined to it
   * by one of its edges plus its `hiddenNeighbors`: exact for a neighbourhood
   * (which has every edge between its nodes), at most that for paths (which
   * have only the edges on the paths), so the largest count seen is kept.
   */
  add(subgraph: Subgraph): void {
    const near = new Map<string, Set<string>>();
    for (const edge of subgraph.edges) {
      link(near, edge.source, edge.target);
      link(this.adjacent, edge.source, edge.target);
      this.edges.set(edge.id, edge);
    }
    for (const node of subgraph.nodes) {
      if (!this.nodes.has(node.id)) {
        const summary = node.node?.date !== undefined ? node.node : undefined;
        this.nodes.set(node.id, {
          id: node.id,
          type: node.type,
          label: node.label,
          ...(summary ? { summary } : {}),
        });
      }
      const degree = node.hiddenNeighbors + (near.get(node.id)?.size ?? 0);
      this.degree.set(node.id, Math.max(degree, this.degree.get(node.id) ?? 0));
    }
    for (const node of subgraph.nodes) this.addSpeakers(node);
  }

  /**
   * A joint statement drawn with only some of its speakers would read as theirs
   * alone: its other speakers join it, with the MADE edge the API would give
   * (same id, so a later neighbourhood replaces it). They count among the
   * statement's neighbours already, so its "+N" drops by as many.
   */
  private addSpeakers(node: GraphNode): void {
    const speakers = node.node?.speakers ?? [];
    if (node.type !== 'Statement' || speakers.length < 2) return;
    for (const speaker of speakers) {
      if (!this.nodes.has(speaker.id)) {
        this.nodes.set(speaker.id, {
          id: speaker.id,
          type: speaker.__typename,
          label: speaker.name ?? speaker.title ?? speaker.id,
        });
      }
      const id = `MADE:${speaker.id}->${node.id}`;
      if (!this.edges.has(id)) {
        this.edges.set(id, {
          id,
          type: 'MADE',
          source: speaker.id,
          target: node.id,
          properties: {},
        });
      }
      link(this.adjacent, speaker.id, node.id);
    }
  }

  /**
   * The model without some nodes (hidden, or outside the date range) and their
   * edges. Counts of hidden neighbours stay as they were: what expanding adds.
   */
  without(drop: (node: ModelNode) => boolean): GraphModel {
    const kept = new GraphModel();
    for (const node of this.nodes.values()) if (!drop(node)) kept.nodes.set(node.id, node);
    for (const edge of this.edges.values()) {
      if (kept.nodes.has(edge.source) && kept.nodes.has(edge.target)) {
        kept.edges.set(edge.id, edge);
        link(kept.adjacent, edge.source, edge.target);
      }
    }
    for (const id of kept.nodes.keys()) {
      const hidden = this.hidden(id);
      const degree = this.degree.get(id);
      if (degree !== undefined) kept.degree.set(id, hidden + kept.neighbours(id).size);
    }
    return kept;
  }

  /** Distinct nodes joined to `id` by an edge in the model. */
  neighbours(id: string): ReadonlySet<string> {
    return this.adjacent.get(id) ?? new Set();
  }

  /** Neighbours of `id` that are not in the model: what expanding it further would add. */
  hidden(id: string): number {
    const degree = this.degree.get(id);
    if (degree === undefined) return 0;
    return Math.max(0, degree - this.neighbours(id).size);
  }
}

/** Records that `a` and `b` are neighbours (a self-loop makes no neighbour). */
function link(adjacent: Map<string, Set<string>>, a: string, b: string): void {
  if (a === b) return;
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    let set = adjacent.get(from);
    if (set === undefined) adjacent.set(from, (set = new Set()));
    set.add(to);
  }
}
