import type { NodeRow } from '../shared/rows.js';

/** Subgraphs shaped for a graph view: nodes with a short label, edges with stable ids. */

export interface GraphNodeRow {
  id: string;
  type: NodeRow['__typename'];
  label: string;
  distance: number;
  hiddenNeighbors: number;
  node: NodeRow;
}

export interface GraphEdgeRow {
  id: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
}

/** A relationship as the repository reads it. */
export interface RawEdge {
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
}

const LABEL_LENGTH = 80;

/** Bookkeeping of the store, not facts of the graph. */
const INTERNAL = new Set(['contentHash', 'createdAt', 'updatedAt', 'updatedBy']);

/** A statement's text cut at a word boundary; names and titles whole. */
export function nodeLabel(row: NodeRow): string {
  switch (row.__typename) {
    case 'Statement':
      return shorten(row.text, LABEL_LENGTH);
    case 'Topic':
    case 'Meeting':
    case 'Source':
      return row.title;
    default:
      return row.name;
  }
}

export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

/**
 * An id that survives re-imports (which re-create relationships, and with them
 * their element ids): a post keeps its own id; any other edge is its type and
 * ends, plus the role for attendance (one actor can attend in two roles).
 */
export function edgeId(edge: RawEdge): string {
  if (edge.type === 'HOLDS_POSITION' && typeof edge.properties.id === 'string') {
    return edge.properties.id;
  }
  const base = `${edge.type}:${edge.source}->${edge.target}`;
  return edge.type === 'ATTENDED' && typeof edge.properties.role === 'string'
    ? `${base}#${edge.properties.role}`
    : base;
}

/** Edges with ids and public properties, without duplicates, in a stable order. */
export function toGraphEdges(edges: readonly RawEdge[]): GraphEdgeRow[] {
  const byId = new Map<string, GraphEdgeRow>();
  for (const edge of edges) {
    const id = edgeId(edge);
    if (byId.has(id)) continue;
    const properties = Object.fromEntries(
      Object.entries(edge.properties).filter(([key, value]) => !INTERNAL.has(key) && value != null),
    );
    byId.set(id, { id, type: edge.type, source: edge.source, target: edge.target, properties });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function toGraphNode(
  node: NodeRow,
  distance: number,
  hiddenNeighbors: number,
): GraphNodeRow {
  return {
    id: node.id,
    type: node.__typename,
    label: nodeLabel(node),
    distance,
    hiddenNeighbors,
    node,
  };
}
