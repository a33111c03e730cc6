/**
 * The explorer page: the state lives in the URL fragment (state.ts); every user
 * action computes the next state and navigates to it; `render` brings each part
 * of the page up to that state, asking the API only for what it has not seen.
 */

import {
  aboutTimeline,
  ApiError,
  figures,
  neighborhood,
  nodeDetails,
  paths,
  statement,
  timeline,
  token,
  type Paths,
  type SearchHit,
  type StatementGroup,
} from './api.js';
import { drawDateFilter, within, type Dated } from './date-filter.js';
import { nodeDetails as detailsCard } from './details.js';
import { fill, h, nodeLink } from './dom.js';
import { download, fileName, statementsCsv } from './export.js';
import { drawFigureHits, drawFiguresTable } from './figures-view.js';
import { GraphModel, type ModelNode } from './graph-model.js';
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
import { shorten, STANCE_COLOURS, STANCE_LINES, stanceText, TYPE_STYLES } from './theme.js';
import { drawTimeline } from './timeline.js';
import { ReviewScreen, reviewRoute } from './review.js';

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
  figures: element('figures'),
  figureResults: element('figure-results'),
  dates: element('dates'),
  note: element('note'),
  saved: element('saved'),
  saveForm: element('save-form') as HTMLFormElement,
  saveNote: element('save-note') as HTMLTextAreaElement,
  fit: element('fit') as HTMLButtonElement,
  clear: element('clear') as HTMLButtonElement,
  unhide: element('unhide') as HTMLButtonElement,
  theme: element('theme') as HTMLButtonElement,
};

const isStatement = (id: string) => id.startsWith('statement:');
const notFound = (error: unknown) => error instanceof ApiError && error.code === 'NOT_FOUND';
const TITLE = 'Statement Graph explorer';

let state: ViewState = parseState(location.hash);
/** Everything fetched for the graph; `shown` is what is drawn (without hidden nodes and dates out of range). */
let model = new GraphModel();
let shown = new GraphModel();
/** Statements listed in the open timeline, in its order. */
let timelineStatements: { id: string; date: Dated }[] = [];
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

/** Selects a node (its details or card) without expanding it. */
const select = (id: string) =>
  navigate({ ...state, node: id, statement: isStatement(id) ? id : null });

const actions = {
  open,
  href,
  expand: (id: string) => (state.expanded.some((e) => e.id === id) ? more(id) : open(id)),
  timeline: (id: string) =>
    navigate({
      ...state,
      timeline: { actor: id, about: null },
      rep: false,
      said: null,
      figures: false,
    }),
  said: (id: string) => navigate({ ...state, timeline: null, said: id, figures: false }),
  hide: (id: string) =>
    navigate({
      ...state,
      hidden: [...new Set([...state.hidden, id])],
      node: state.node === id ? null : state.node,
      statement: state.statement === id ? null : state.statement,
    }),
  pathFrom: (id: string) => navigate({ ...state, path: [id] }),
  pathTo: (id: string) => {
    const [from] = state.path;
    if (from !== undefined && from !== id) navigate({ ...state, path: [from, id] });
  },
};

// The review screen (review.ts) takes the page while the fragment is `#review…`.
const review = new ReviewScreen(element('review'), document.querySelector('main') as HTMLElement);

window.addEventListener('hashchange', () => {
  const route = reviewRoute(location.hash);
  void review.show(route);
  if (route !== null) return;
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
  onSelect: (id) => select(id),
  onExpand: (id) => open(id),
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
    said: state.said,
    granularity: state.granularity,
    from: state.from,
    to: state.to,
  }),
);
ui.unhide.addEventListener('click', () => navigate({ ...state, hidden: [] }));
element('figures-open').addEventListener('click', () =>
  navigate({ ...state, figures: true, timeline: null, said: null }),
);

// ------------------------------------------------------------------ exports and saved views

element('export-png').addEventListener('click', () =>
  download(fileName('png'), view.png(), 'image/png'),
);
element('export-svg').addEventListener('click', () =>
  download(fileName('svg'), view.svg(), 'image/svg+xml'),
);
element('export-csv').addEventListener('click', () => void exportCsv());

/** The statements on screen: drawn in the graph, then listed in the timeline, each once. */
function statementsOnScreen(): string[] {
  const ids = [...shown.nodes.values()].filter((n) => n.type === 'Statement').map((n) => n.id);
  for (const s of timelineStatements) if (within(s.date, state)) ids.push(s.id);
  return [...new Set(ids)];
}

async function exportCsv(): Promise<void> {
  try {
    const rows = await Promise.all(statementsOnScreen().map((id) => statement(id)));
    download(fileName('csv'), statementsCsv(rows), 'text/csv;charset=utf-8');
  } catch (error) {
    showError(error);
  }
}

const VIEWS_KEY = 'statement-graph.views';
type SavedView = { note: string; fragment: string; saved: string };
const savedViews = (): SavedView[] => {
  try {
    return JSON.parse(localStorage.getItem(VIEWS_KEY) ?? '[]') as SavedView[];
  } catch {
    return [];
  }
};

element('save-view').addEventListener('click', () => {
  ui.saveForm.hidden = false;
  ui.saveNote.value = state.note;
  ui.saveNote.focus();
});
element('save-cancel').addEventListener('click', () => (ui.saveForm.hidden = true));
ui.saveForm.addEventListener('submit', (event) => {
  event.preventDefault();
  ui.saveForm.hidden = true;
  const next = { ...state, positions: view.positions(), note: ui.saveNote.value.trim() };
  const fragment = formatState(next);
  const views = [
    { note: next.note, fragment, saved: new Date().toISOString() },
    ...savedViews().filter((v) => v.fragment !== fragment),
  ].slice(0, 50);
  localStorage.setItem(VIEWS_KEY, JSON.stringify(views));
  navigate(next);
  // The link to share; a browser without clipboard access still has it in the address bar.
  void navigator.clipboard?.writeText(location.href).catch(() => undefined);
  renderSaved();
});

function renderSaved(): void {
  const views = savedViews();
  fill(
    ui.saved,
    h('h2', { id: 'saved-title' }, 'Saved views'),
    views.length === 0
      ? h(
          'p',
          { class: 'muted' },
          '“Save view” keeps the graph as placed, with a note; its link can be shared.',
        )
      : h(
          'ul',
          { class: 'saved-list' },
          views.map((v) =>
            h(
              'li',
              {},
              h('a', { href: `#${v.fragment}` }, v.note || 'Untitled view'),
              h('span', { class: 'muted small' }, ` ${v.saved.slice(0, 16).replace('T', ' ')}`),
            ),
          ),
        ),
  );
}
renderSaved();

// ------------------------------------------------------------------ dark mode

const THEME_KEY = 'statement-graph.theme';
function applyTheme(dark: boolean): void {
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  ui.theme.setAttribute('aria-pressed', String(dark));
  view.setDark(dark);
}
applyTheme(
  (localStorage.getItem(THEME_KEY) ??
    (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')) === 'dark',
);
ui.theme.addEventListener('click', () => {
  const dark = document.documentElement.dataset.theme !== 'dark';
  localStorage.setItem(THEME_KEY, dark ? 'dark' : 'light');
  applyTheme(dark);
});

fill(
  ui.legend,
  Object.values(TYPE_STYLES).map((style) => {
    const swatch = h('span', { class: `swatch shape-${style.shape}`, 'aria-hidden': 'true' });
    swatch.style.setProperty('--swatch', style.colour);
    return h('li', {}, swatch, style.singular);
  }),
  Object.entries(STANCE_COLOURS).map(([stance, colour]) => {
    const line = h('span', {
      class: `swatch line line-${STANCE_LINES[stance as keyof typeof STANCE_LINES]}`,
      'aria-hidden': 'true',
    });
    line.style.setProperty('--swatch', colour);
    return h('li', {}, line, `ABOUT, ${stanceText(stance as keyof typeof STANCE_LINES)}`);
  }),
  h(
    'li',
    { class: 'wide' },
    'Statements read who · date · target · stance. Click: select; double-click: expand.',
  ),
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
    ui.note.hidden = s.note === '';
    ui.note.textContent = s.note === '' ? '' : `Note: ${s.note}`;
    await Promise.all([
      search.update(s.q, s.types, s),
      renderFigureHits(s, mine),
      renderGraph(s, mine),
      renderTimeline(s, mine),
      renderFigures(s, mine),
    ]);
    if (!stale(mine)) renderDates(s);
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
  shown = model.without(
    (n) => s.hidden.includes(n.id) || (n.summary?.date !== undefined && !within(n.summary.date, s)),
  );
  ui.unhide.hidden = s.hidden.length === 0;
  ui.unhide.textContent = `Show hidden (${s.hidden.length})`;
  ui.empty.hidden = model.nodes.size > 0;
  const selected = s.node === null ? undefined : model.nodes.get(s.node);
  document.title = selected ? `${shorten(selected.label, 60)} — ${TITLE}` : TITLE;
  await view.render({
    model: shown,
    expanded: new Set(s.expanded.map((e) => e.id)),
    selected: s.node,
    highlight,
    positions: s.positions,
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
    shown.nodes.size,
    shown.edges.size,
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
        hide: actions.hide,
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
        { model: shown, expanded, pathStart: s.path.length === 1 ? s.path[0]! : null },
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
            'Click a node to select it; double-click (or “Expand neighbours”) to expand it; “+N more” fetches the rest.',
          ),
          h(
            'li',
            {},
            'Narrow everything to a date range; export the graph (PNG, SVG) or its statements (CSV); save a view with a note.',
          ),
          h(
            'li',
            {},
            'Click a statement for its card: the quote, who said it (all speakers, on whose behalf, in which post), the targets and the sources.',
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
  if (s.timeline === null && s.said === null) {
    ui.timeline.hidden = true;
    timelineKey = '';
    timelineStatements = [];
    return;
  }
  const range = { from: s.from, to: s.to };
  const key = JSON.stringify([s.timeline, s.rep, s.said, s.granularity, s.statement, range]);
  if (key === timelineKey) return;
  ui.timeline.hidden = false;
  ui.timeline.setAttribute('aria-busy', 'true');
  try {
    const answer =
      s.timeline !== null
        ? await timeline(s.timeline.actor, s.timeline.about, s.granularity, range, s.rep)
        : await aboutTimeline(s.said!, s.granularity, range);
    if (stale(mine)) return;
    timelineKey = key;
    const periods: StatementGroup[] = [
      ...answer.timeline.buckets,
      ...answer.timeline.coarserBuckets,
    ].sort((a, b) => a.start.localeCompare(b.start) || b.end.localeCompare(a.end));
    timelineStatements = [...periods, answer.timeline.unplaced].flatMap((b) =>
      b.statements.map((x) => ({ id: x.id, date: x.date })),
    );
    const actor = s.timeline?.actor ?? null;
    drawTimeline(
      ui.timeline,
      answer,
      s.granularity,
      s.statement,
      {
        statement: (id) => navigate({ ...state, statement: id }),
        about: (target) =>
          actor !== null && navigate({ ...state, timeline: { actor, about: target } }),
        said: (target) => actions.said(target),
        speaker: (speaker, about) =>
          navigate({ ...state, timeline: { actor: speaker, about }, rep: false, said: null }),
        granularity: (granularity) => navigate({ ...state, granularity }),
        representatives: (rep) => navigate({ ...state, rep }),
        close: () => navigate({ ...state, timeline: null, said: null, rep: false }),
      },
      s.rep,
    );
  } catch (error) {
    if (stale(mine)) return;
    showError(error);
    if (notFound(error)) navigate({ ...s, timeline: null, said: null }, { replace: true });
  } finally {
    ui.timeline.removeAttribute('aria-busy');
  }
}

let figuresKey = '';

async function renderFigures(s: ViewState, mine: number): Promise<void> {
  if (!s.figures) {
    ui.figures.hidden = true;
    figuresKey = '';
    return;
  }
  const key = JSON.stringify([s.from, s.to]);
  if (key === figuresKey) return;
  ui.figures.hidden = false;
  try {
    const rows = await figures(null, s);
    if (stale(mine)) return;
    figuresKey = key;
    drawFiguresTable(ui.figures, rows, {
      open,
      href,
      statement: (id) => navigate({ ...state, statement: id }),
      close: () => navigate({ ...state, figures: false }),
    });
  } catch (error) {
    if (!stale(mine)) showError(error);
  }
}

let figureHitsKey = '';

async function renderFigureHits(s: ViewState, mine: number): Promise<void> {
  const q = s.q.trim();
  const key = JSON.stringify([q, s.from, s.to]);
  if (key === figureHitsKey) return;
  if (q === '') {
    figureHitsKey = key;
    drawFigureHits(ui.figureResults, [], figureActions);
    return;
  }
  try {
    const rows = await figures(q, s);
    if (stale(mine)) return;
    figureHitsKey = key;
    drawFigureHits(ui.figureResults, rows.slice(0, 10), figureActions);
  } catch (error) {
    if (!stale(mine)) showError(error);
  }
}

const figureActions = {
  open,
  href,
  statement: (id: string) => navigate({ ...state, statement: id }),
  close: () => navigate({ ...state, figures: false }),
  table: () => navigate({ ...state, figures: true, timeline: null, said: null }),
};

/** The date filter, with a histogram of the statements in the graph and the timeline. */
function renderDates(s: ViewState): void {
  const dates = new Map<string, Dated>();
  for (const node of model.nodes.values() as Iterable<ModelNode>) {
    if (node.summary?.date) dates.set(node.id, node.summary.date);
  }
  for (const t of timelineStatements) dates.set(t.id, t.date);
  const outside = [...dates.values()].filter((d) => !within(d, s)).length;
  drawDateFilter(ui.dates, s, [...dates.values()], outside, {
    change: (range) => navigate({ ...state, ...range }),
  });
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
      figuresKey = '';
      figureHitsKey = '';
      navigate({ ...state }, { replace: true });
    });
    fill(ui.alert, form);
    input.focus();
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  fill(ui.alert, h('span', {}, message), dismiss);
}

if (reviewRoute(location.hash) !== null) {
  void review.show(reviewRoute(location.hash));
} else {
  void render().then(() => {
    if (state.q === '' && state.expanded.length === 0) search.focus();
  });
}
