/**
 * The details of a selected node that is not a statement, what can be done with
 * it (expand, timeline, paths), and its connections in the graph as a list: the
 * keyboard's way through the graph.
 */

import type { GraphEdge, NodeDetails, Ref, SourceInfo } from './api.js';
import { nameOf } from './api.js';
import { chip, externalLink, h, nodeLink, type Opener } from './dom.js';
import type { GraphModel } from './graph-model.js';
import { formatDate, humanize, isActor, shorten, typeStyle } from './theme.js';

export interface DetailsActions extends Opener {
  /** Fetch more neighbours (or the first ones). */
  expand(id: string): void;
  timeline(id: string): void;
  /** What everyone said about it. */
  said(id: string): void;
  hide(id: string): void;
  pathFrom(id: string): void;
  pathTo(id: string): void;
}

export interface DetailsContext {
  model: GraphModel;
  expanded: boolean;
  /** The current path start, when only it is chosen. */
  pathStart: string | null;
}

export function nodeDetails(
  node: NodeDetails,
  { model, expanded, pathStart }: DetailsContext,
  actions: DetailsActions,
): HTMLElement {
  const style = typeStyle(node.__typename);
  const ref = (target: Ref) => nodeLink(actions, target.id, nameOf(target));
  const hidden = model.hidden(node.id);
  const facts: (HTMLElement | string | null)[] = [];
  const fact = (term: string, ...value: (HTMLElement | string | null)[]) =>
    facts.push(h('dt', {}, term), h('dd', {}, ...value));

  if (node.aliases && node.aliases.length > 0) fact('Also written', node.aliases.join(' · '));
  const kind = node.kind ?? node.meetingKind ?? node.sourceKind;
  if (kind) fact('Kind', humanize(kind));
  if (node.iso) fact('ISO code', node.iso);
  if (node.description) fact('About', node.description);
  if (node.positions && node.positions.length > 0) {
    fact(
      'Posts',
      h(
        'ul',
        {},
        node.positions.map((p) =>
          h(
            'li',
            {},
            `${p.title}, `,
            ref(p.of),
            p.from || p.to
              ? h(
                  'span',
                  { class: 'muted' },
                  ` (${p.from ? `from ${formatDate(p.from)}` : ''}${p.to ? ` to ${formatDate(p.to)}` : ''})`,
                )
              : null,
          ),
        ),
      ),
    );
  }
  if (node.partOf && node.partOf.length > 0) fact('Part of', ...node.partOf.map(ref));
  if (node.country) fact('Country', ref(node.country));
  if (node.date)
    fact('Date', formatDate(node.date), node.datePhrase ? ` (“${node.datePhrase}”)` : '');
  if (node.heldIn) fact('Held in', ref(node.heldIn));
  if (node.__typename === 'Source') {
    if (node.publisher) fact('Publisher', node.publisher);
    if (node.publishedDate) fact('Published', formatDate(node.publishedDate));
    if (node.url) fact('Link', externalLink(node.url, node.url));
    if (node.chain && node.chain.length > 0) {
      fact(
        'Cites',
        h(
          'ol',
          { class: 'source-chain' },
          node.chain.map((c) => chainItem(c, actions)),
        ),
      );
    }
  }
  if (node.statements) {
    fact(
      'Statements',
      `${node.statements.totalCount} made`,
      node.represented && node.represented.totalCount !== node.statements.totalCount
        ? ` (${node.represented.totalCount} with its officials and those on its behalf)`
        : '',
      `, ${node.statementsAbout?.totalCount ?? 0} about them`,
    );
  }

  const actor = isActor(node.__typename);
  return h(
    'article',
    { class: 'card node-card', 'aria-labelledby': 'card-title', 'data-id': node.id },
    h(
      'header',
      { class: 'card-header' },
      chip(style.singular, 'type', style.colour),
      h('h2', { id: 'card-title' }, nameOf(node)),
    ),
    h('p', { class: 'node-id' }, node.id),
    h('dl', { class: 'facts' }, facts),
    h(
      'div',
      { class: 'actions' },
      !expanded
        ? h(
            'button',
            { type: 'button', onclick: () => actions.expand(node.id) },
            'Expand neighbours',
          )
        : hidden > 0
          ? h(
              'button',
              { type: 'button', onclick: () => actions.expand(node.id) },
              `Show ${hidden} more`,
            )
          : null,
      actor
        ? h('button', { type: 'button', onclick: () => actions.timeline(node.id) }, 'Timeline')
        : null,
      actor || node.__typename === 'Topic' || node.__typename === 'Meeting'
        ? h('button', { type: 'button', onclick: () => actions.said(node.id) }, 'Said about it')
        : null,
      h('button', { type: 'button', onclick: () => actions.hide(node.id) }, 'Hide'),
      h('button', { type: 'button', onclick: () => actions.pathFrom(node.id) }, 'Path from here'),
      pathStart !== null && pathStart !== node.id
        ? h(
            'button',
            { type: 'button', class: 'primary', onclick: () => actions.pathTo(node.id) },
            'Path to here',
          )
        : null,
    ),
    connections(node.id, model, actions),
  );
}

function chainItem(source: SourceInfo, actions: DetailsActions): HTMLElement {
  return h(
    'li',
    {},
    nodeLink(actions, source.id, source.title),
    h(
      'span',
      { class: 'muted' },
      ` — ${[humanize(source.kind), source.publisher].filter(Boolean).join(' · ')}`,
    ),
    source.url ? [' ', externalLink(source.url, 'original ↗')] : null,
  );
}

/** The node's edges in the graph, each a button that opens the node at the other end. */
function connections(id: string, model: GraphModel, actions: DetailsActions): HTMLElement | null {
  const edges = [...model.edges.values()].filter((e) => e.source === id || e.target === id);
  if (edges.length === 0) return null;
  const describe = (edge: GraphEdge) => {
    const outgoing = edge.source === id;
    const other = model.nodes.get(outgoing ? edge.target : edge.source);
    const stance =
      typeof edge.properties.stance === 'string'
        ? ` (${edge.properties.stance.toLowerCase()})`
        : '';
    return {
      other: other?.id ?? (outgoing ? edge.target : edge.source),
      text: `${outgoing ? '→' : '←'} ${edge.type}${stance}`,
      label: other ? shorten(other.label, 70) : '',
      type: other?.type ?? '',
    };
  };
  const rows = edges
    .map(describe)
    .sort((a, b) => a.text.localeCompare(b.text) || a.label.localeCompare(b.label));
  return h(
    'section',
    { class: 'connections', 'aria-labelledby': 'connections-title' },
    h('h3', { id: 'connections-title' }, `In the graph (${rows.length})`),
    h(
      'ul',
      {},
      rows.map((row) =>
        h(
          'li',
          {},
          h('span', { class: 'rel' }, row.text),
          ' ',
          nodeLink(actions, row.other, row.label),
          h('span', { class: 'muted' }, ` ${typeStyle(row.type).singular}`),
        ),
      ),
    ),
  );
}
