/**
 * The explorer page: the state lives in the URL fragment (state.ts); every user
 * action computes the next state and navigates to it; `render` brings each part
 * of the page up to that state, asking the API only for what it has not seen.
 */

import {
  ApiError,
  neighborhood,
  nodeDetails,
  paths,
  statement,
  timeline,
  token,
  type Paths,
  type SearchHit,
} from './api.js';
import { nodeDetails as detailsCard } from './details.js';
import { fill, h, nodeLink } from './dom.js';
import { GraphModel } from './graph-model.js';
import { GraphView, type Highlight } from './graph-view.js';
import { SearchPanel } from './search.js';
import {
  EMPTY_STATE,
  EXPAND_LIMIT,
  formatState,
  MAX_LIMIT,
  parseState,
  withExpanded,
  type ViewState,
} from './state.js';
import { statementCard } from './statement-card.js';
import { shorten, STANCE_COLOURS, TYPE_STYLES } from './theme.js';
import { drawTimeline } from './timeline.js';

declare global {
  interface Window {
    /** For tests and the curious: the cytoscape instance and where a node is drawn. */
    statementGraphExplorer?: {
      cy: GraphView['cy'];
      position(id: string): { x: number; y: number } | null;
    };
  }
}

const element = (id: string) => {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`index.html has no #${id}`);
  return found;
};

const ui = {
  alert: element('alert'),
  search: element('search'),
  paths: element('paths'),
  graph: element('graph'),
  empty: element('graph-empty'),
  legend: element('legend'),
  panel: element('panel'),
  timeline: element('timeline'),
  fit: element('fit') as HTMLButtonElement,
  clear: element('clear') as HTMLButtonElement,
};

const isStatement = (id: string) => id.startsWith('statement:');
const notFound = (error: unknown) => error instanceof ApiError && error.code === 'NOT_FOUND';
const TITLE = 'Statement Graph explorer';

let state: ViewState = parseState(location.hash);
let model = new GraphModel();
let pathResult: Paths | null = null;
let generation = 0;

// ------------------------------------------------------------------ navigation

function navigate(next: ViewState, { replace = false } = {}): void {
  state = next;
  const fragment = formatState(next);
  if (fragment !== location.hash.replace(/^#/, '')) {
    const url = fragment === '' ? location.pathname : `#${fragment}`;
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }
  void render();
}

/** The view with a node open: in the graph with its neighbours, selected, its card or details shown. */
const opened = (from: ViewState, id: string): ViewState =>
  withExpanded({ ...from, node: id, statement: isStatement(id) ? id : null }, id);

const open = (id: string) => navigate(opened(state, id));
const href = (id: string) => `#${formatState(opened(state, id))}`;

/** The next "N more" of an expanded node. */
function more(id: string): void {
  const current = state.expanded.find((e) => e.id === id)?.limit ?? 0;
  navigate(withExpanded({ ...state, node: id }, id, Math.min(MAX_LIMIT, current + EXPAND_LIMIT)));
}

const actions = {
  open,
  href,
  expand: (id: string) => (state.expanded.some((e) => e.id === id) ? more(id) : open(id)),
  timeline: (id: string) => navigate({ ...state, timeline: { actor: id, about: null } }),
  pathFrom: (id: string) => navigate({ ...state, path: [id] }),
  pathTo: (id: string) => {
    const [from] = state.path;
    if (from !== undefined && from !== id) navigate({ ...state, path: [from, id] });
  },
};

window.addEventListener('hashchange', () => {
  state = parseState(location.hash);
  void render();
});

// ------------------------------------------------------------------ the parts

const search = new SearchPanel(ui.search, {
  onChange: (q, types, now) =>
    // Typing replaces the history entry; asking (Enter, a type) adds one.
    navigate({ ...state, q, types }, { replace: !now }),
  onOpen: (hit: SearchHit) => open(hit.node.id),
  onError: showError,
});

const view = new GraphView(ui.graph, {
  onSelect: (id) => open(id),
  onMore: (id) => more(id),
});

window.statementGraphExplorer = {
  cy: view.cy,
  position: (id) => view.pagePosition(id),
};

ui.fit.addEventListener('click', () => view.fit());
ui.clear.addEventListener('click', () =>
  navigate({
    ...EMPTY_STATE,
    q: state.q,
    types: state.types,
    timeline: state.timeline,
    granularity: state.granularity,
  }),
);

fill(
  ui.legend,
  Object.values(TYPE_STYLES).map((style) => {
    const swatch = h('span', { class: `swatch shape-${style.shape}`, 'aria-hidden': 'true' });
    swatch.style.setProperty('--swatch', style.colour);
    return h('li', {}, swatch, style.singular);
  }),
  Object.entries(STANCE_COLOURS).map(([stance, colour]) => {
    const line = h('span', { class: 'swatch line', 'aria-hidden': 'true' });
    line.style.setProperty('--swatch', colour);
    return h('li', {}, line, `ABOUT, ${stance.toLowerCase()}`);
  }),
  h(
    'li',
    { class: 'wide' },
    h('span', { class: 'swatch dashed', 'aria-hidden': 'true' }),
    '“+N” under a node: neighbours not shown yet; click the node',
  ),
  h(
    'li',
    { class: 'wide' },
    h('span', { class: 'swatch more', 'aria-hidden': 'true' }),
    '“+N more”: what an expansion left out; click it for more',
  ),
);

// ------------------------------------------------------------------ rendering

async function render(): Promise<void> {
  const mine = ++generation;
  const s = state;
  document.documentElement.dataset.rendering = '1';
  try {
    await Promise.all([search.update(s.q, s.types), renderGraph(s, mine), renderTimeline(s, mine)]);
  } finally {
    if (mine === generation) document.documentElement.dataset.rendering = '0';
  }
}

const stale = (mine: number) => mine !== generation;

async function renderGraph(s: ViewState, mine: number): Promise<void> {
  const answers = await Promise.allSettled(s.expanded.map((e) => neighborhood(e.id, e.limit)));
  const [from, to] = s.path;
  let drawn: Paths | null = null;
  if (from !== undefined && to !== undefined) {
    try {
      drawn = await paths(from, to);
    } catch (error) {
      if (!stale(mine)) showError(error);
    }
  }
  if (stale(mine)) return;

  answers.forEach((a) => a.status === 'rejected' && showError(a.reason));
  // An id the graph does not have (a stale shared link) leaves the view, and so the
  // URL; anything else (no token yet, the API down) keeps the view to try again.
  const unknown = answers.flatMap((a, i) =>
    a.status === 'rejected' && notFound(a.reason) ? [s.expanded[i]!.id] : [],
  );
  if (unknown.length > 0) {
    navigate(
      { ...s, expanded: s.expanded.filter((e) => !unknown.includes(e.id)) },
      { replace: true },
    );
    return;
  }

  model = new GraphModel();
  for (const answer of answers) if (answer.status === 'fulfilled') model.add(answer.value);
  let highlight: Highlight | null = null;
  if (drawn !== null) {
    model.add(drawn);
    highlight = {
      nodeIds: new Set(drawn.paths.flatMap((p) => p.nodeIds)),
      edgeIds: new Set(drawn.paths.flatMap((p) => p.edgeIds)),
    };
  }
  pathResult = drawn;
  ui.empty.hidden = model.nodes.size > 0;
  const selected = s.node === null ? undefined : model.nodes.get(s.node);
  document.title = selected ? `${shorten(selected.label, 60)} — ${TITLE}` : TITLE;
  await view.render({
    model,
    expanded: new Set(s.expanded.map((e) => e.id)),
    selected: s.node,
    highlight,
  });
  if (stale(mine)) return;
  renderPaths(s);
  await renderPanel(s, mine);
}

function renderPaths(s: ViewState): void {
  const name = (id: string) => shorten(model.nodes.get(id)?.label ?? id, 60);
  const clear = h(
    'button',
    { type: 'button', onclick: () => navigate({ ...state, path: [] }) },
    'Clear path',
  );
  const heading = h('h2', { id: 'paths-title' }, 'Paths between two nodes');
  const [from, to] = s.path;
  if (from === undefined) {
    fill(
      ui.paths,
      heading,
      h(
        'p',
        { class: 'muted' },
        'Open a node and choose “Path from here”, then open another and choose “Path to here”.',
      ),
    );
  } else if (to === undefined) {
    fill(
      ui.paths,
      heading,
      h(
        'p',
        {},
        'From ',
        h('strong', {}, name(from)),
        '. Open another node and choose “Path to here”.',
      ),
      clear,
    );
  } else if (pathResult === null || pathResult.length === null) {
    fill(
      ui.paths,
      heading,
      h(
        'p',
        { class: 'path-summary' },
        `No path of at most 6 relationships between ${name(from)} and ${name(to)}.`,
      ),
      clear,
    );
  } else {
    const routes = routesOf(pathResult);
    const n = pathResult.paths.length;
    fill(
      ui.paths,
      heading,
      h(
        'p',
        { class: 'path-summary' },
        `${n}${pathResult.truncated ? '+' : ''} shortest path${n === 1 ? '' : 's'} of ${pathResult.length} relationship${pathResult.length === 1 ? '' : 's'}`,
        routes.length < n
          ? `, through ${routes.length} chain${routes.length === 1 ? '' : 's'} of nodes:`
          : ':',
      ),
      h(
        'ol',
        { class: 'path-list' },
        routes.map((route) =>
          h(
            'li',
            {},
            route.nodeIds.flatMap((id, i) => [
              i > 0 ? h('span', { class: 'rel' }, ` ${route.types[i - 1]!.join(' / ')} `) : null,
              nodeLink(actions, id, name(id)),
            ]),
          ),
        ),
      ),
      clear,
    );
  }
}

/**
 * Paths through the same nodes, told apart only by a relationship (a statement
 * both ABOUT and MENTIONS a country), as one route with the types at each step.
 */
function routesOf(result: Paths): { nodeIds: string[]; types: string[][] }[] {
  const types = new Map(result.edges.map((e) => [e.id, e.type]));
  const routes = new Map<string, { nodeIds: string[]; types: string[][] }>();
  for (const path of result.paths) {
    const key = path.nodeIds.join('>');
    let route = routes.get(key);
    if (route === undefined) {
      route = { nodeIds: path.nodeIds, types: path.edgeIds.map(() => []) };
      routes.set(key, route);
    }
    path.edgeIds.forEach((edgeId, i) => {
      const type = types.get(edgeId) ?? '—';
      if (!route.types[i]!.includes(type)) route.types[i]!.push(type);
    });
  }
  return [...routes.values()];
}

let panelKey = '';
let panelSubject: string | null = null;

async function renderPanel(s: ViewState, mine: number): Promise<void> {
  const expanded = s.expanded.some((e) => e.id === s.node);
  const key = JSON.stringify([
    s.statement,
    s.node,
    expanded,
    s.path,
    model.nodes.size,
    model.edges.size,
  ]);
  if (key === panelKey) return;
  const hadFocus = ui.panel.contains(document.activeElement);
  ui.panel.setAttribute('aria-busy', 'true');
  try {
    let card: HTMLElement;
    if (s.statement !== null) {
      const found = await statement(s.statement);
      if (stale(mine)) return;
      card = statementCard(found, {
        open,
        href,
        close: () =>
          navigate({
            ...state,
            statement: null,
            node: state.node === state.statement ? null : state.node,
          }),
      });
    } else if (s.node !== null) {
      const found = await nodeDetails(s.node);
      if (stale(mine)) return;
      card = detailsCard(
        found,
        { model, expanded, pathStart: s.path.length === 1 ? s.path[0]! : null },
        actions,
      );
    } else {
      card = h(
        'div',
        { class: 'help' },
        h('h2', {}, 'How to explore'),
        h(
          'ul',
          {},
          h('li', {}, 'Search a name in any spelling or script, or words from a quote.'),
          h('li', {}, 'Open a result: it appears in the graph with its neighbours.'),
          h(
            'li',
            {},
            'Click a node to open it and expand its neighbours; “+N more” fetches the rest.',
          ),
          h(
            'li',
            {},
            'Click a statement for its card: the quote, the speaker, the targets and the sources.',
          ),
          h(
            'li',
            {},
            'From a person, organisation or country: “Timeline”, or “Path from here” and “Path to here”.',
          ),
          h('li', {}, 'The address bar keeps the view: copy it to share what you see.'),
        ),
      );
    }
    const subject = s.statement ?? s.node;
    panelKey = key;
    fill(ui.panel, card);
    // Another node or statement starts at its top; the same one keeps its place.
    if (subject !== panelSubject) ui.panel.scrollTop = 0;
    panelSubject = subject;
    if (hadFocus) card.querySelector<HTMLElement>('h2')?.focus();
  } catch (error) {
    if (stale(mine)) return;
    showError(error);
    if (notFound(error)) navigate({ ...s, statement: null, node: null }, { replace: true });
  } finally {
    ui.panel.removeAttribute('aria-busy');
  }
}

let timelineKey = '';

async function renderTimeline(s: ViewState, mine: number): Promise<void> {
  if (s.timeline === null) {
    ui.timeline.hidden = true;
    timelineKey = '';
    return;
  }
  const { actor, about } = s.timeline;
  const key = JSON.stringify([actor, about, s.granularity, s.statement]);
  if (key === timelineKey) return;
  ui.timeline.hidden = false;
  ui.timeline.setAttribute('aria-busy', 'true');
  try {
    const answer = await timeline(actor, about, s.granularity);
    if (stale(mine)) return;
    timelineKey = key;
    drawTimeline(ui.timeline, answer, s.granularity, s.statement, {
      statement: (id) => navigate({ ...state, statement: id }),
      about: (target) => navigate({ ...state, timeline: { actor, about: target } }),
      granularity: (granularity) => navigate({ ...state, granularity }),
      close: () => navigate({ ...state, timeline: null }),
    });
  } catch (error) {
    if (stale(mine)) return;
    showError(error);
    if (notFound(error)) navigate({ ...s, timeline: null }, { replace: true });
  } finally {
    ui.timeline.removeAttribute('aria-busy');
  }
}

// ------------------------------------------------------------------ errors

function showError(error: unknown): void {
  ui.alert.hidden = false;
  const dismiss = h(
    'button',
    {
      type: 'button',
      class: 'close',
      'aria-label': 'Dismiss',
      onclick: () => (ui.alert.hidden = true),
    },
    '×',
  );
  if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
    // Every part of the page is refused at once: ask once.
    if (!ui.alert.hidden && ui.alert.querySelector('.token-form') !== null) return;
    const input = h('input', {
      id: 'token',
      type: 'password',
      autocomplete: 'off',
      required: true,
    });
    const form = h(
      'form',
      { class: 'token-form' },
      h('label', { for: 'token' }, `${error.message} Reader token: `),
      input,
      h('button', { type: 'submit', class: 'primary' }, 'Use token'),
      dismiss,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      token.set(input.value.trim() || null);
      ui.alert.hidden = true;
      panelKey = '';
      timelineKey = '';
      navigate({ ...state }, { replace: true });
    });
    fill(ui.alert, form);
    input.focus();
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  fill(ui.alert, h('span', {}, message), dismiss);
}

void render().then(() => {
  if (state.q === '' && state.expanded.length === 0) search.focus();
});
