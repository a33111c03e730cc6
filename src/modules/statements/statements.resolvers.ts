import type { Context } from '../../context.js';
import type {
  Resolvers,
  Stance,
  StatementFilter as FilterInput,
  StatementKind,
  StatementOrder,
} from '../../generated/graphql.js';
import { nodeById, nodesByIds } from '../nodes/nodes.resolvers.js';
import { pageRequest, toConnection } from '../pagination.js';
import {
  partialDate,
  type ActorRow,
  type MeetingRow,
  type PlaceRow,
  type PositionRow,
  type SourceRow,
  type StatementRow,
  type TopicRow,
} from '../rows.js';

type TargetRow = ActorRow | TopicRow | MeetingRow;
type MentionRow = ActorRow | PlaceRow | MeetingRow;
import { checkFilter, narrow } from './statements.filter.js';
import { figureMatches, type FigureValue } from './statements.figures.js';
import { badInput } from '../../errors.js';
import { STATEMENT_SORTS, type StatementFilter } from './statements.repository.js';

export interface StatementListArgs {
  filter?: FilterInput | null;
  orderBy?: StatementOrder | null;
  first?: number | null;
  after?: string | null;
}

/** Statements as a connection; `within` pins one id list (an actor's, a topic's, …). */
export async function statementConnection(
  ctx: Context,
  args: StatementListArgs,
  within?: { key: Parameters<typeof narrow>[1]; id: string },
) {
  const checked = checkFilter(args.filter as StatementFilter | null);
  const filter = within ? narrow(checked, within.key, within.id) : checked;
  const field = args.orderBy?.field ?? 'DATE';
  const direction = args.orderBy?.direction ?? 'DESC';
  const page = pageRequest(args, STATEMENT_SORTS[field], direction);
  const rows = await ctx.statements.page(filter, field, direction, page);
  for (const { node, links } of rows) {
    ctx.loaders.node.prime(node.id, node);
    ctx.loaders.statementLinks.prime(node.id, links);
  }
  return toConnection(rows, page, () => ctx.statements.count(filter));
}

const links = async (ctx: Context, s: StatementRow) =>
  (await ctx.loaders.statementLinks.load(s.id))!;

/** Posts overlapping the statement's date range: held on (one of) the days it covers. */
export function heldDuring(p: PositionRow, start: string, end: string): boolean {
  return (!p.fromStart || p.fromStart <= end) && (!p.toEnd || p.toEnd >= start);
}

/** Statements read to find figures in: the newest this many with figures. */
const FIGURE_SCAN = 5000;

async function figures(
  ctx: Context,
  args: { text?: string | null; from?: string | null; to?: string | null; first?: number | null },
) {
  const first = args.first ?? 100;
  if (!Number.isInteger(first) || first < 0 || first > 500) {
    throw badInput('first must be between 0 and 500.', [
      { path: 'first', message: 'must be between 0 and 500' },
    ]);
  }
  if (args.from && args.to && args.from > args.to) {
    throw badInput('to must not be before from.', [{ path: 'to', message: 'before from' }]);
  }
  const text = args.text?.trim() ?? '';
  if (text.length > 200) {
    throw badInput('text must be at most 200 characters.', [
      { path: 'text', message: 'at most 200 characters' },
    ]);
  }
  const rows = await ctx.statements.withFigures({
    from: args.from ?? null,
    to: args.to ?? null,
    scan: FIGURE_SCAN,
  });
  const found: Array<{ figure: FigureValue; statement: StatementRow }> = [];
  for (const { node, topics } of rows) {
    ctx.loaders.node.prime(node.id, node);
    for (const figure of JSON.parse(node.figures ?? '[]') as FigureValue[]) {
      if (figureMatches(figure, { text: node.text, topics }, text)) {
        found.push({ figure, statement: node });
      }
    }
  }
  return found.slice(0, first);
}

export const statementsResolvers: Resolvers = {
  Query: {
    statements: (_, args, ctx) => statementConnection(ctx, args),
    figures: (_, args, ctx) => figures(ctx, args),
  },
  Statement: {
    date: (s) => partialDate(s, 'date')!,
    figures: (s) => (s.figures ? JSON.parse(s.figures) : []),
    speaker: async (s, _, ctx) => (await nodeById<ActorRow>(ctx, (await links(ctx, s)).speaker))!,
    speakingAs: async (s, _, ctx) => {
      const positions = await ctx.loaders
        .related<PositionRow>('positionsHeld')
        .load((await links(ctx, s)).speaker);
      return positions.filter((p) => heldDuring(p, s.dateStart!, s.dateEnd!));
    },
    about: async (s, _, ctx) => {
      const about = (await links(ctx, s)).about;
      const targets = await nodesByIds(
        ctx,
        about.map((a) => a.target),
      );
      const byId = new Map(targets.map((t) => [t.id, t]));
      return about.flatMap((a) => {
        const target = byId.get(a.target);
        return target ? [{ target: target as TargetRow, stance: a.stance as Stance }] : [];
      });
    },
    topics: async (s, _, ctx) => nodesByIds<TopicRow>(ctx, (await links(ctx, s)).topics),
    mentions: async (s, _, ctx) => nodesByIds<MentionRow>(ctx, (await links(ctx, s)).mentions),
    meeting: async (s, _, ctx) => nodeById<MeetingRow>(ctx, (await links(ctx, s)).meeting),
    sources: async (s, _, ctx) => {
      const sources = (await links(ctx, s)).sources;
      const nodes = new Map(
        (
          await nodesByIds<SourceRow>(
            ctx,
            sources.map((x) => x.source),
          )
        ).map((n) => [n.id, n]),
      );
      return sources.flatMap((x) => {
        const source = nodes.get(x.source);
        return source ? [{ source, quoteType: x.quoteType as StatementKind }] : [];
      });
    },
    route: async (s, _, ctx) => {
      const route = (await ctx.loaders.statementRoute.load(s.id)) ?? [];
      const nodes = new Map(
        (
          await nodesByIds<SourceRow>(
            ctx,
            route.map((x) => x.source),
          )
        ).map((n) => [n.id, n]),
      );
      return route.flatMap((x) => {
        const source = nodes.get(x.source);
        return source ? [{ source, quoteType: x.quoteType as StatementKind }] : [];
      });
    },
    relays: async (s, _, ctx) => nodesByIds<StatementRow>(ctx, (await links(ctx, s)).relays),
    relayedBy: async (s, _, ctx) => nodesByIds<StatementRow>(ctx, (await links(ctx, s)).relayedBy),
    respondsTo: async (s, _, ctx) =>
      nodesByIds<StatementRow>(ctx, (await links(ctx, s)).respondsTo),
    responses: async (s, _, ctx) => nodesByIds<StatementRow>(ctx, (await links(ctx, s)).responses),
  },
};
