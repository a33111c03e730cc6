/**
 * The graph drawn with cytoscape: nodes shaped and coloured by type, statements
 * labelled speaker · date · target · stance, edges labelled with their
 * relationship types (parallel ones grouped into one edge; ABOUT with its stance
 * in words and as a line style), a "+N more" node beside an expanded node whose
 * neighbourhood was capped, paths highlighted. A click selects, a double click
 * expands. Nodes once placed stay where they are: only new ones are placed.
 */

import cytoscape from 'cytoscape';
import cytoscapeSvg from 'cytoscape-svg';
import type { GraphEdge, Stance } from './api.js';
import type { GraphModel } from './graph-model.js';
import { statementLine } from './attribution.js';
import { shorten, STANCE_COLOURS, STANCE_LINES, TYPE_STYLES } from './theme.js';

cytoscape.use(cytoscapeSvg);

export interface GraphViewOptions {
  /** A node was clicked (or chosen with the keyboard elsewhere): select it. */
  onSelect(id: string): void;
  /** A node was double-clicked: expand it. */
  onExpand(id: string): void;
  /** The "+N more" beside `id` was tapped. */
  onMore(id: string): void;
}

export type Positions = Record<string, { x: number; y: number }>;

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
  /** Where nodes were placed in a saved view: used for nodes not yet drawn. */
  positions: Positions;
}

const MORE = 'more:';

export class GraphView {
  readonly cy: cytoscape.Core;

  private dark = false;

  constructor(container: HTMLElement, options: GraphViewOptions) {
    this.cy = cytoscape({
      container,
      style: style(false),
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
    this.cy.on('dbltap', 'node', (event) => {
      const id = (event.target as cytoscape.NodeSingular).id();
      if (!id.startsWith(MORE)) options.onExpand(id);
    });
  }

  /** Light or dark labels and lines, as the page is. */
  setDark(dark: boolean): void {
    if (dark === this.dark) return;
    this.dark = dark;
    this.cy.style(style(dark));
  }

  /** Where each node is now, rounded (for a saved view). */
  positions(): Positions {
    const out: Positions = {};
    this.cy.nodes().forEach((n) => {
      if (n.id().startsWith(MORE)) return;
      const p = n.position();
      out[n.id()] = { x: Math.round(p.x), y: Math.round(p.y) };
    });
    return out;
  }

  /** The whole graph as a PNG, twice the screen's resolution, on the page's background. */
  png(): Blob {
    return this.cy.png({
      output: 'blob',
      full: true,
      scale: 2,
      bg: this.dark ? '#0f172a' : '#ffffff',
    }) as unknown as Blob;
  }

  /**
   * The whole graph as SVG (cytoscape-svg). Its canvas2svg logs "Attempted to apply
   * path command to node text" for each label it draws (the SVG is whole all the
   * same): those lines, and only those, are kept off the console meanwhile.
   */
  svg(): string {
    const error = console.error;
    console.error = (...args: unknown[]) => {
      if (String(args[0]).startsWith('Attempted to apply path command')) return;
      error(...args);
    };
    try {
      return (this.cy as unknown as { svg(o: object): string }).svg({
        full: true,
        scale: 1,
        bg: this.dark ? '#0f172a' : '#ffffff',
      });
    } finally {
      console.error = error;
    }
  }

  /** Brings the drawing up to date; lays out again only when nodes were added. */
  async render({ model, expanded, selected, highlight, positions }: RenderInput): Promise<void> {
    const cy = this.cy;
    const wanted = new Map<string, cytoscape.ElementDefinition>();
    for (const node of model.nodes.values()) {
      const hidden = model.hidden(node.id);
      const open = expanded.has(node.id);
      const label =
        node.type === 'Statement'
          ? node.summary
            ? statementLine(node.summary)
            : `“${shorten(node.label, 60)}”`
          : node.label;
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
    // Edges between the same two nodes (a statement ABOUT and MENTIONS a country) are one line.
    const groups = new Map<string, GraphEdge[]>();
    for (const edge of model.edges.values()) {
      const key = [edge.source, edge.target].sort().join('\u0000');
      groups.set(key, [...(groups.get(key) ?? []), edge]);
    }
    for (const group of groups.values()) {
      const members = group.sort(
        (a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id),
      );
      const [first] = members as [GraphEdge];
      const id = members.length === 1 ? first.id : `group:${members.map((e) => e.id).join('|')}`;
      const about = members.find((e) => typeof e.properties.stance === 'string');
      wanted.set(id, {
        group: 'edges',
        data: {
          id,
          source: (about ?? first).source,
          target: (about ?? first).target,
          type: members.map((e) => e.type).join(' / '),
          label: members.map(edgeLabel).join(' / '),
          members: members.map((e) => e.id),
          stance: about ? (about.properties.stance as Stance) : undefined,
        },
        classes: members.length > 1 ? 'grouped' : '',
      });
    }

    let added = false;
    let firstLayout = false;
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
      // A node placed in a saved view goes back there; any other new node starts in a
      // ring around a neighbour already on screen. Nodes on screen never move.
      const ring = newNodes.filter((d) => positions[d.data.id!] === undefined);
      const radius = Math.max(150, ring.length * 16);
      let i = 0;
      for (const definition of newNodes) {
        const saved = positions[definition.data.id!];
        if (saved !== undefined) {
          definition.position = { ...saved };
          continue;
        }
        const anchor = anchorOf(definition.data.id!, model, placed, cy);
        const angle = (2 * Math.PI * i++) / Math.max(1, ring.length);
        definition.position = {
          x: anchor.x + radius * Math.cos(angle),
          y: anchor.y + radius * Math.sin(angle),
        };
      }
      cy.add([...newNodes, ...newEdges]);
      added = newNodes.length > 0;
      // Only a first drawing is laid out whole; later ones keep what is placed still.
      firstLayout = placed.size === 0 && ring.length === newNodes.length && ring.length > 0;

      cy.elements().removeClass('selected on-path off-path');
      if (selected !== null) cy.getElementById(selected).addClass('selected');
      if (highlight !== null) {
        cy.elements().addClass('off-path');
        cy.elements()
          .filter(
            (e) =>
              highlight.nodeIds.has(e.id()) ||
              ((e.data('members') as string[] | undefined) ?? [e.id()]).some((m) =>
                highlight.edgeIds.has(m),
              ),
          )
          .removeClass('off-path')
          .addClass('on-path');
      }
    });

    if (firstLayout) {
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

  /**
   * Fits the highlighted path, or else the whole graph, in the view; never so
   * far out that labels become unreadable (then it centres on the selection).
   */
  private fitFocus(): void {
    const path = this.cy.elements('.on-path');
    this.cy.fit(path.nonempty() ? path : this.cy.elements(), 40);
    if (this.cy.zoom() < MIN_READABLE_ZOOM) {
      const selected = this.cy.$('node.selected');
      this.cy.zoom(MIN_READABLE_ZOOM);
      this.cy.center(selected.nonempty() ? selected : undefined);
    }
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

/** Labels are 11–12 px: below this zoom they would be under 8 px on screen. */
const MIN_READABLE_ZOOM = 0.75;

function edgeLabel(edge: GraphEdge): string {
  const stance = edge.properties.stance;
  return edge.type === 'ABOUT' && typeof stance === 'string'
    ? `ABOUT · ${stance.toLowerCase()}`
    : edge.type;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';

/** Label, line and background colours of the light and dark pages. */
const PALETTES = {
  light: {
    text: '#111827',
    soft: '#334155',
    bg: '#ffffff',
    line: '#64748b',
    border: '#1f2937',
    more: '#f1f5f9',
    focus: '#b45309',
    path: '#111827',
  },
  dark: {
    text: '#f1f5f9',
    soft: '#cbd5e1',
    bg: '#0f172a',
    line: '#94a3b8',
    border: '#e2e8f0',
    more: '#1e293b',
    focus: '#fbbf24',
    path: '#f8fafc',
  },
};

const style = (dark: boolean): cytoscape.StylesheetJson => {
  const c = dark ? PALETTES.dark : PALETTES.light;
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': FONT,
        'font-size': 12,
        color: c.text,
        'text-wrap': 'wrap',
        'text-max-width': '130px',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-background-color': c.bg,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        width: 26,
        height: 26,
        'border-width': 1,
        'border-color': c.border,
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
        'border-color': c.line,
        'border-width': 2,
        'font-size': 11,
        color: c.soft,
        'text-max-width': '170px',
      },
    },
    { selector: 'node.closed', style: { 'border-style': 'dashed', 'border-width': 2 } },
    { selector: 'node.expanded', style: { width: 32, height: 32, 'border-width': 2 } },
    {
      selector: 'node.more',
      style: {
        shape: 'round-rectangle',
        'background-color': c.more,
        'border-color': c.line,
        'border-style': 'dashed',
        'border-width': 1,
        width: 70,
        height: 22,
        'text-valign': 'center',
        'text-margin-y': 0,
        'text-background-opacity': 0,
        'font-size': 11,
        'font-weight': 'bold',
        color: c.soft,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': c.line,
        'target-arrow-color': c.line,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
        label: 'data(label)',
        'font-family': FONT,
        'font-size': 9,
        color: c.soft,
        'text-rotation': 'autorotate',
        'text-background-color': c.bg,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
      },
    },
    ...Object.entries(STANCE_COLOURS).map(([stance, colour]) => ({
      selector: `edge[stance = "${stance}"]`,
      style: {
        'line-color': dark ? c.line : colour,
        'target-arrow-color': dark ? c.line : colour,
        color: dark ? c.text : colour,
        'line-style':
          STANCE_LINES[stance as Stance] === 'double' ? 'solid' : STANCE_LINES[stance as Stance],
        width: STANCE_LINES[stance as Stance] === 'double' ? 4 : 2,
      },
    })),
    { selector: 'edge.grouped', style: { width: 3 } },
    {
      selector: 'edge.more',
      style: { 'line-style': 'dashed', 'target-arrow-shape': 'none', label: '' },
    },
    {
      selector: 'node.selected',
      style: { 'border-width': 4, 'border-color': c.focus, 'border-style': 'solid' },
    },
    { selector: '.off-path', style: { opacity: 0.25 } },
    { selector: 'edge.on-path', style: { width: 4, 'line-color': c.path, 'z-index': 10 } },
    { selector: 'node.on-path', style: { 'border-width': 3, 'border-color': c.path } },
  ];
};
