import { create } from 'xmlbuilder2';
import type { StanceNetwork } from './network.js';

const NODE_KEYS = [
  ['label', 'string'],
  ['type', 'string'],
] as const;
const EDGE_KEYS = [
  ['stance', 'string'],
  ['count', 'int'],
  ['first', 'string'],
  ['last', 'string'],
  ['start', 'string'],
  ['end', 'string'],
  ['statements', 'string'],
] as const;

/**
 * GraphML (graphml.graphdrawing.org) of a stance network, for Cytoscape, yEd, Gephi,
 * networkx, igraph: nodes with label and type, one directed edge per (speaker, target,
 * stance) with its count, first and last dates and statement ids (space-separated).
 */
export function toGraphml(network: StanceNetwork): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(
    'http://graphml.graphdrawing.org/xmlns',
    'graphml',
    {
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation':
        'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
    },
  );
  for (const [name, type] of NODE_KEYS)
    root.ele('key', { id: `n_${name}`, for: 'node', 'attr.name': name, 'attr.type': type });
  for (const [name, type] of EDGE_KEYS)
    root.ele('key', { id: `e_${name}`, for: 'edge', 'attr.name': name, 'attr.type': type });
  const graph = root.ele('graph', { id: 'statement-graph', edgedefault: 'directed' });
  for (const n of network.nodes) {
    const node = graph.ele('node', { id: n.id });
    node.ele('data', { key: 'n_label' }).txt(n.label);
    node.ele('data', { key: 'n_type' }).txt(n.type);
  }
  network.edges.forEach((e, i) => {
    const edge = graph.ele('edge', { id: `e${i}`, source: e.source, target: e.target });
    const values = { ...e, statements: e.statements.join(' ') };
    for (const [name] of EDGE_KEYS)
      edge.ele('data', { key: `e_${name}` }).txt(String(values[name]));
  });
  return root.end({ prettyPrint: true }) + '\n';
}
