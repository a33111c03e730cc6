/**
 * The graph drawn with cytoscape: nodes shaped and coloured by type, edges
 * labelled with their relationship type (ABOUT with its stance), a "+N more" node
 * beside an expanded node whose neighbourhood was capped, paths highlighted.
 */

import cytoscape from 'cytoscape';
import type { GraphEdge } from './api.js';
import type { GraphModel } from './graph-model.js';
import { shorten, STANCE_COLOURS, TYPE_STYLES } from './theme.js';

export interface GraphViewOptions {
  /** A node was tapped (or chosen with the keyboard elsewhere). */
  onSelect(id: string): void;
  /** The "+N more" beside `id` was tapped. */
  onMore(id: string): void;
}

export interface Highlight {
  nodeIds: ReadonlySet<string>;
  edgeIds: ReadonlySet<string>;
}

export interface RenderInput {
  model: GraphModel;
  /** Nodes whose neighbourhood is in the graph. */
  expanded: ReadonlySet<string>;
  selected: string | null;
  highlight: Highlight | null;
}

const MORE = 'more:';

export class GraphView {
  readonly cy: cytoscape.Core;

  constructor(container: HTMLElement, options: GraphViewOptions) {
    this.cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.2,
      maxZoom: 3,
      boxSelectionEnabled: false,
      autounselectify: true,
    });
    // Cytoscape sizes its canvas once; the container shrinks when the timeline opens.
    new ResizeObserver(() => {
      this.cy.resize();
      this.fitFocus();
    }).observe(container);
    this.cy.on('tap', 'node', (event) => {
      const id = (event.target as cytoscape.NodeSingular).id();
      if (id.startsWith(MORE)) options.onMore(id.slice(MORE.length));
      else options.onSelect(id);
    });
  }

  /** Brings the drawing up to date; lays out again only when nodes were added. */
  async render({ model, expanded, selected, highlight }: RenderInput): Promise<void> {
    const cy = this.cy;
    const wanted = new Map<string, cytoscape.ElementDefinition>();
    for (const node of model.nodes.values()) {
      const hidden = model.hidden(node.id);
      const open = expanded.has(node.id);
      const label = node.type === 'Statement' ? `“${shorten(node.label, 60)}”` : node.label;
      wanted.set(node.id, {
        group: 'nodes',
        data: {
          id: node.id,
          type: node.type,
          // An unexpanded node says how much a tap would add.
          label: !open && hidden > 0 ? `${label}\n+${hidden}` : label,
        },
        classes: open ? 'expanded' : hidden > 0 ? 'closed' : '',
      });
      if (open && hidden > 0) {
        wanted.set(MORE + node.id, {
          group: 'nodes',
          data: { id: MORE + node.id, type: 'more', label: `+${hidden} more` },
          classes: 'more',
        });
        wanted.set(`${MORE}edge:${node.id}`, {
          group: 'edges',
          data: { id: `${MORE}edge:${node.id}`, source: node.id, target: MORE + node.id },
          classes: 'more',
        });
      }
    }
    for (const edge of model.edges.values()) {
      wanted.set(edge.id, {
        group: 'edges',
        data: {
          id: edge.id,
          source: edge.source,
          target: edge.target,
          type: edge.type,
          label: edgeLabel(edge),
          stance: typeof edge.properties.stance === 'string' ? edge.properties.stance : undefined,
        },
      });
    }

    let added = false;
    cy.batch(() => {
      cy.elements().forEach((element) => {
        if (!wanted.has(element.id())) element.remove();
      });
      const placed = new Set(cy.nodes().map((n) => n.id()));
      const newNodes: cytoscape.ElementDefinition[] = [];
      const newEdges: cytoscape.ElementDefinition[] = [];
      for (const [id, definition] of wanted) {
        const existing = cy.getElementById(id);
        if (existing.nonempty()) {
          existing.data(definition.data);
          existing.classes(definition.classes ?? '');
        } else if (definition.group === 'nodes') newNodes.push(definition);
        else newEdges.push(definition);
      }
      // New nodes start in a ring around a neighbour already on screen, so the layout
      // moves the existing drawing as little as it can.
      newNodes.forEach((definition, i) => {
        const anchor = anchorOf(definition.data.id!, model, placed, cy);
        const angle = (2 * Math.PI * i) / Math.max(1, newNodes.length);
        definition.position = {
          x: anchor.x + 140 * Math.cos(angle),
          y: anchor.y + 140 * Math.sin(angle),
        };
      });
      cy.add([...newNodes, ...newEdges]);
      added = newNodes.length > 0;

      cy.elements().removeClass('selected on-path off-path');
      if (selected !== null) cy.getElementById(selected).addClass('selected');
      if (highlight !== null) {
        cy.elements().addClass('off-path');
        cy.elements()
          .filter((e) => highlight.nodeIds.has(e.id()) || highlight.edgeIds.has(e.id()))
          .removeClass('off-path')
          .addClass('on-path');
      }
    });

    if (added) {
      const layout = cy.layout({
        name: 'cose',
        animate: false,
        randomize: false,
        fit: true,
        padding: 40,
        nodeDimensionsIncludeLabels: true,
        idealEdgeLength: () => 110,
        nodeRepulsion: () => 12000,
        numIter: 1500,
      } as cytoscape.CoseLayoutOptions);
      const done = layout.promiseOn('layoutstop');
      layout.run();
      await done;
    }
    if (added || highlight !== null) this.fitFocus();
  }

  /** Fits the highlighted path, or else the whole graph, in the view. */
  private fitFocus(): void {
    const path = this.cy.elements('.on-path');
    this.cy.fit(path.nonempty() ? path : this.cy.elements(), 40);
  }

  /** Where a node is on the page (the centre of its shape), or null when it is not drawn. */
  pagePosition(id: string): { x: number; y: number } | null {
    const node = this.cy.getElementById(id);
    if (node.empty()) return null;
    const box = this.cy.container()!.getBoundingClientRect();
    const at = node.renderedPosition();
    return { x: box.left + at.x, y: box.top + at.y };
  }

  fit(): void {
    this.fitFocus();
  }
}

/** Where a new node starts: near the first of its neighbours on screen, else the middle. */
function anchorOf(
  id: string,
  model: GraphModel,
  placed: ReadonlySet<string>,
  cy: cytoscape.Core,
): { x: number; y: number } {
  const owner = id.startsWith(MORE) ? id.slice(MORE.length) : undefined;
  const near = owner !== undefined ? [owner] : [...model.neighbours(id)];
  for (const other of near) {
    if (placed.has(other)) return { ...cy.getElementById(other).position() };
  }
  const extent = cy.extent();
  return placed.size === 0
    ? { x: 0, y: 0 }
    : { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 };
}

function edgeLabel(edge: GraphEdge): string {
  const stance = edge.properties.stance;
  return edge.type === 'ABOUT' && typeof stance === 'string'
    ? `ABOUT · ${stance.toLowerCase()}`
    : edge.type;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-family': FONT,
      'font-size': 11,
      color: '#111827',
      'text-wrap': 'wrap',
      'text-max-width': '130px',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '1px',
      width: 26,
      height: 26,
      'border-width': 1,
      'border-color': '#1f2937',
    },
  },
  ...Object.entries(TYPE_STYLES).map(([type, style]) => ({
    selector: `node[type = "${type}"]`,
    style: {
      'background-color': style.colour,
      shape: style.shape as cytoscape.Css.NodeShape,
    },
  })),
  {
    selector: 'node[type = "Statement"]',
    style: {
      width: 34,
      height: 20,
      'border-color': '#475569',
      'border-width': 2,
      'font-size': 10,
      'font-style': 'italic',
      color: '#334155',
    },
  },
  { selector: 'node.closed', style: { 'border-style': 'dashed', 'border-width': 2 } },
  { selector: 'node.expanded', style: { width: 32, height: 32, 'border-width': 2 } },
  {
    selector: 'node.more',
    style: {
      shape: 'round-rectangle',
      'background-color': '#f1f5f9',
      'border-color': '#64748b',
      'border-style': 'dashed',
      'border-width': 1,
      width: 70,
      height: 22,
      'text-valign': 'center',
      'text-margin-y': 0,
      'text-background-opacity': 0,
      'font-size': 11,
      'font-weight': 'bold',
      color: '#334155',
    },
  },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#94a3b8',
      'target-arrow-color': '#94a3b8',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-family': FONT,
      'font-size': 8,
      color: '#475569',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
    },
  },
  ...Object.entries(STANCE_COLOURS).map(([stance, colour]) => ({
    selector: `edge[stance = "${stance}"]`,
    style: { 'line-color': colour, 'target-arrow-color': colour, color: colour, width: 2 },
  })),
  {
    selector: 'edge.more',
    style: { 'line-style': 'dashed', 'target-arrow-shape': 'none', label: '' },
  },
  {
    selector: 'node.selected',
    style: { 'border-width': 4, 'border-color': '#f59e0b', 'border-style': 'solid' },
  },
  { selector: '.off-path', style: { opacity: 0.25 } },
  { selector: 'edge.on-path', style: { width: 4, 'line-color': '#111827', 'z-index': 10 } },
  { selector: 'node.on-path', style: { 'border-width': 3, 'border-color': '#111827' } },
];
