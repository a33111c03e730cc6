import { create } from 'xmlbuilder2';
import type { StanceNetwork } from './network.js';

const EDGE_ATTRIBUTES = [
  ['stance', 'string'],
  ['count', 'integer'],
  ['first', 'string'],
  ['last', 'string'],
  ['statements', 'string'],
] as const;

/**
 * GEXF 1.3 (gexf.net) of a stance network, for Gephi: a dynamic graph whose edges
 * live from the first day the earliest statement covers to the last day the latest
 * one covers (Gephi's timeline), weighted by their count, labelled by stance.
 */
export function toGexf(network: StanceNetwork, description: string): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('http://gexf.net/1.3', 'gexf', {
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation': 'http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd',
    version: '1.3',
  });
  const meta = root.ele('meta');
  meta.ele('creator').txt('Statement Graph');
  meta.ele('description').txt(description);
  const graph = root.ele('graph', {
    defaultedgetype: 'directed',
    mode: 'dynamic',
    timeformat: 'date',
  });
  graph
    .ele('attributes', { class: 'node', mode: 'static' })
    .ele('attribute', { id: 'type', title: 'type', type: 'string' });
  const edgeAttributes = graph.ele('attributes', { class: 'edge', mode: 'static' });
  for (const [id, type] of EDGE_ATTRIBUTES)
    edgeAttributes.ele('attribute', { id, title: id, type });
  const nodes = graph.ele('nodes');
  for (const n of network.nodes)
    nodes
      .ele('node', { id: n.id, label: n.label })
      .ele('attvalues')
      .ele('attvalue', { for: 'type', value: n.type });
  const edges = graph.ele('edges');
  network.edges.forEach((e, i) => {
    const values = edges
      .ele('edge', {
        id: `e${i}`,
        source: e.source,
        target: e.target,
        label: e.stance,
        weight: e.count,
        start: e.start,
        end: e.end,
      })
      .ele('attvalues');
    const row = { ...e, statements: e.statements.join(' ') };
    for (const [id] of EDGE_ATTRIBUTES) values.ele('attvalue', { for: id, value: String(row[id]) });
  });
  return root.end({ prettyPrint: true }) + '\n';
}
