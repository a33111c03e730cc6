/**
 * What the page shows, kept in the URL's fragment so a view can be shared and the
 * back button works. The fragment never reaches the server (nor its logs):
 *
 *   #q=Sergei%20Lavrov&types=PERSON&node=person:sergey-lavrov
 *    &expanded=person:sergey-lavrov,source:tass-report@40
 *    &statement=statement:…&path=person:a,person:b&timeline=person:a,topic:t&rep=1&tg=DAY
 *    &said=org:hamas&from=2024-07-01&to=2024-07-31&hide=source:x&figures=1
 *    &pos=person:a@120_-40,country:RUS@0_0&note=What%20Lavrov%20said
 *
 * `said` opens the timeline of what everyone said about a target (instead of
 * `timeline`, what one actor said); `rep=1` counts a state's or organisation's
 * officials and those speaking on its behalf in its timeline; `from`/`to` narrow every part of the page to
 * statements dated within the range; `hide` lists nodes taken out of the graph;
 * `pos` keeps where nodes were placed (a saved view), `note` a note shown with it.
 * `expanded` lists the nodes whose neighbourhood is in the graph, in the order they
 * were opened, each with its limit when not the default (`@40`). Ids are kept
 * readable (`:` is not escaped); anything else is percent-encoded.
 */

export const SEARCH_TYPES = [
  'PERSON',
  'ORGANIZATION',
  'COUNTRY',
  'PLACE',
  'STATEMENT',
  'MEETING',
  'TOPIC',
  'SOURCE',
] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const GRANULARITIES = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Neighbours fetched per expansion, and the step of each "N more". */
export const EXPAND_LIMIT = 20;
/** The API's largest `limit`. */
export const MAX_LIMIT = 200;

export interface Expansion {
  id: string;
  limit: number;
}

export interface ViewState {
  q: string;
  /** Empty: every type. */
  types: SearchType[];
  /** The selected node, whose details are shown. */
  node: string | null;
  expanded: Expansion[];
  /** The statement whose card is open. */
  statement: string | null;
  /** Path endpoints: none, a chosen start, or both (the paths are drawn). */
  path: [] | [string] | [string, string];
  /** The actor whose timeline is open, and the target it is narrowed to. */
  timeline: { actor: string; about: string | null } | null;
  /** The timeline counts the actor's officials and those speaking on its behalf (includeRepresentatives). */
  rep: boolean;
  /** The target whose "said about" timeline is open (then `timeline` is null). */
  said: string | null;
  granularity: Granularity;
  /** Only statements whose whole date lies in [from, to] (YYYY-MM-DD); null: open-ended. */
  from: string | null;
  to: string | null;
  /** Nodes taken out of the graph. */
  hidden: string[];
  /** Where nodes were placed, in graph coordinates (a saved view). */
  positions: Record<string, { x: number; y: number }>;
  /** The saved view's note. */
  note: string;
  /** The table of figures is open. */
  figures: boolean;
}

export const EMPTY_STATE: Readonly<ViewState> = Object.freeze<ViewState>({
  q: '',
  types: [],
  node: null,
  expanded: [],
  statement: null,
  path: [],
  timeline: null,
  rep: false,
  said: null,
  granularity: 'MONTH',
  from: null,
  to: null,
  hidden: [],
  positions: {},
  note: '',
  figures: false,
});

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const encode = (value: string) => encodeURIComponent(value).replace(/%3A/gi, ':');

const decode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** Comma-separated, each item decoded on its own, so an encoded comma stays in its item. */
const list = (raw: string | undefined) =>
  raw === undefined || raw === '' ? [] : raw.split(',').map(decode).filter(Boolean);

/** The state a fragment (`#…` or without `#`) describes; anything unknown or malformed is ignored. */
export function parseState(fragment: string): ViewState {
  const raw = new Map<string, string>();
  for (const part of fragment.replace(/^#\/?\??/, '').split('&')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    const key = decode(at < 0 ? part : part.slice(0, at));
    if (!raw.has(key)) raw.set(key, at < 0 ? '' : part.slice(at + 1));
  }
  const single = (key: string) => {
    const value = raw.get(key);
    return value === undefined || value === '' ? null : decode(value);
  };

  const expanded: Expansion[] = [];
  for (const item of (raw.get('expanded') ?? '').split(',')) {
    const match = /^(.+?)(?:@(\d+))?$/.exec(item);
    if (!match) continue;
    const id = decode(match[1]!);
    const limit = match[2] === undefined ? EXPAND_LIMIT : Number(match[2]);
    if (id === '' || expanded.some((e) => e.id === id)) continue;
    expanded.push({ id, limit: Math.min(MAX_LIMIT, Math.max(1, limit)) });
  }

  const path = list(raw.get('path')).slice(0, 2);
  const [actor, about] = list(raw.get('timeline'));
  const granularity = single('tg');
  const day = (key: string) => {
    const value = single(key);
    return value !== null && DAY.test(value) ? value : null;
  };
  const positions: ViewState['positions'] = {};
  for (const item of (raw.get('pos') ?? '').split(',')) {
    const match = /^(.+)@(-?\d+(?:\.\d+)?)_(-?\d+(?:\.\d+)?)$/.exec(item);
    if (match) positions[decode(match[1]!)] = { x: Number(match[2]), y: Number(match[3]) };
  }
  const timelineOpen = actor !== undefined;
  return {
    q: single('q') ?? '',
    types: list(raw.get('types')).filter((t): t is SearchType =>
      (SEARCH_TYPES as readonly string[]).includes(t),
    ),
    node: single('node'),
    expanded,
    statement: single('statement'),
    path: path as ViewState['path'],
    timeline: actor === undefined ? null : { actor, about: about ?? null },
    rep: timelineOpen && raw.get('rep') === '1',
    said: timelineOpen ? null : single('said'),
    granularity: (GRANULARITIES as readonly string[]).includes(granularity ?? '')
      ? (granularity as Granularity)
      : 'MONTH',
    from: day('from'),
    to: day('to'),
    hidden: list(raw.get('hide')),
    positions,
    note: single('note') ?? '',
    figures: raw.get('figures') === '1',
  };
}

/** The fragment for a state, without `#`; defaults are left out, keys in a fixed order. */
export function formatState(state: ViewState): string {
  const parts: string[] = [];
  const add = (key: string, value: string) => parts.push(`${key}=${value}`);
  if (state.q !== '') add('q', encode(state.q));
  if (state.types.length > 0) add('types', state.types.join(','));
  if (state.node !== null) add('node', encode(state.node));
  if (state.expanded.length > 0) {
    add(
      'expanded',
      state.expanded
        .map((e) => (e.limit === EXPAND_LIMIT ? encode(e.id) : `${encode(e.id)}@${e.limit}`))
        .join(','),
    );
  }
  if (state.statement !== null) add('statement', encode(state.statement));
  if (state.path.length > 0) add('path', state.path.map(encode).join(','));
  if (state.timeline !== null) {
    const { actor, about } = state.timeline;
    add('timeline', about === null ? encode(actor) : `${encode(actor)},${encode(about)}`);
    if (state.rep) add('rep', '1');
  }
  if (state.said !== null && state.timeline === null) add('said', encode(state.said));
  if (state.granularity !== 'MONTH') add('tg', state.granularity);
  if (state.from !== null) add('from', state.from);
  if (state.to !== null) add('to', state.to);
  if (state.hidden.length > 0) add('hide', state.hidden.map(encode).join(','));
  if (state.figures) add('figures', '1');
  const placed = Object.entries(state.positions);
  if (placed.length > 0) {
    add(
      'pos',
      placed.map(([id, p]) => `${encode(id)}@${Math.round(p.x)}_${Math.round(p.y)}`).join(','),
    );
  }
  if (state.note !== '') add('note', encode(state.note));
  return parts.join('&');
}

/** The state with `id` expanded (again, with a larger limit when `limit` is given). */
export function withExpanded(state: ViewState, id: string, limit = EXPAND_LIMIT): ViewState {
  const existing = state.expanded.find((e) => e.id === id);
  if (existing !== undefined && existing.limit >= limit) return state;
  const expansion = { id, limit: Math.min(MAX_LIMIT, limit) };
  return {
    ...state,
    expanded: existing
      ? state.expanded.map((e) => (e.id === id ? expansion : e))
      : [...state.expanded, expansion],
  };
}
