import type { Resolvers, SourceRole, Stance, StatementKind } from '../../generated/graphql.js';
import { checkArguments } from '../../errors.js';
import { boundedInt, boundedText, checkRange } from '../shared/arguments.js';
import type { Context } from '../shared/context.js';
import { nodeById, nodesByIds } from '../shared/nodes.js';
import { connectionResolvers } from '../shared/connection.js';
import { evidenceSpans } from '../shared/spans.js';
import type { DateArgument } from '../../date-argument.js';
import {
  partialDate,
  type ActorRow,
  type MeetingRow,
  type PlaceRow,
  type SourceRow,
  type StatementRow,
  type TopicRow,
} from '../shared/rows.js';
import { STATEMENT_LISTS, type StatementList } from './statements.repository.js';
import {
  capacity,
  linkedItems,
  linkedNode,
  linkedNodes,
  positionOf,
  statementConnection,
  statementLinks,
  andThen,
} from './statements.service.js';

type TargetRow = ActorRow | TopicRow | MeetingRow;
type MentionRow = ActorRow | PlaceRow | MeetingRow;
import { figureMatches, type FigureValue } from './statements.figures.js';

const links = statementLinks;

/** Links to other statements, both ways: one resolver per list the repository reads. */
const statementList = (key: StatementList) => async (s: StatementRow, _: unknown, ctx: Context) =>
  nodesByIds<StatementRow>(ctx, (await links(ctx, s, key))[key]);
const statementLists = Object.fromEntries(
  STATEMENT_LISTS.map((key) => [key, statementList(key)]),
) as Record<StatementList, ReturnType<typeof statementList>>;

/** Statements read to find figures in: the newest this many with figures. */
const FIGURE_SCAN = 5000;

async function figures(
  ctx: Context,
  args: {
    text?: string | null;
    from?: DateArgument | null;
    to?: DateArgument | null;
    first?: number | null;
  },
) {
  const [text, , first] = checkArguments(
    () => boundedText('text', args.text?.trim() ?? '', 200),
    () => checkRange(args.from, args.to),
    () => boundedInt('first', args.first ?? 100, 0, 500),
  );
  const rows = await ctx.statements.withFigures({
    from: args.from?.start ?? null,
    to: args.to?.end ?? null,
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
  StatementConnection: connectionResolvers,
  Query: {
    statements: (_, args, ctx, info) => statementConnection(ctx, args, undefined, info),
    figures: (_, args, ctx) => figures(ctx, args),
  },
  Statement: {
    date: (s) => partialDate(s, 'date')!,
    figures: (s) => (s.figures ? JSON.parse(s.figures) : []),
    // The link fields of a page's statements answer at once from what the page read (see `andThen`).
    speaker: (s, _, ctx) =>
      andThen(links(ctx, s, 'speakers'), (read) => {
        const first = read.speakers[0];
        return (
          (first !== undefined && linkedNode<ActorRow>(s, 'speaker', first)) ||
          andThen(
            linkedNodes<ActorRow>(ctx, s, 'speaker', first !== undefined ? [first] : []),
            (nodes) => nodes[0]!,
          )
        );
      }),
    speakers: async (s, _, ctx) =>
      nodesByIds<ActorRow>(ctx, (await links(ctx, s, 'speakers')).speakers),
    onBehalfOf: async (s, _, ctx) =>
      nodeById<ActorRow>(ctx, (await links(ctx, s, 'onBehalfOf')).onBehalfOf),
    post: async (s, _, ctx) => {
      const { speakers, post } = await links(ctx, s, 'speakers', 'post');
      return positionOf(ctx, speakers, post);
    },
    speakingAs: async (s, _, ctx) =>
      capacity(ctx, await links(ctx, s, 'speakers', 'post'), s.dateStart!, s.dateEnd!),
    representing: async (s, _, ctx) => {
      const rows = await ctx.loaders.representation.load(s.id);
      const speakers = (await links(ctx, s, 'speakers')).speakers;
      const out = await Promise.all(
        rows.map(async (r) => ({
          actor: await nodeById<ActorRow>(ctx, r.actor),
          through: await nodeById<ActorRow>(ctx, r.through),
          basis: r.basis,
          post: await positionOf(ctx, speakers, r.post),
        })),
      );
      return out.filter((r): r is typeof r & { actor: ActorRow; through: ActorRow } =>
        Boolean(r.actor && r.through),
      );
    },
    quotes: (s) => s.quotes ?? [],
    approximate: (s) => s.approximate ?? false,
    about: (s, _, ctx) =>
      andThen(links(ctx, s, 'about'), ({ about }) =>
        linkedItems(
          ctx,
          s,
          'about',
          about,
          (a) => a.target,
          (a, target) => ({ target: target as TargetRow, stance: a.stance as Stance }),
        ),
      ),
    topics: (s, _, ctx) =>
      andThen(links(ctx, s, 'topics'), ({ topics }) =>
        linkedNodes<TopicRow>(ctx, s, 'topics', topics),
      ),
    mentions: (s, _, ctx) =>
      andThen(links(ctx, s, 'mentions'), ({ mentions }) =>
        linkedNodes<MentionRow>(ctx, s, 'mentions', mentions),
      ),
    meeting: (s, _, ctx) =>
      andThen(links(ctx, s, 'meeting'), ({ meeting }) =>
        meeting
          ? (linkedNode<MeetingRow>(s, 'meeting', meeting) ??
            andThen(
              linkedNodes<MeetingRow>(ctx, s, 'meeting', [meeting]),
              (nodes) => nodes[0] ?? null,
            ))
          : null,
      ),
    sources: (s, _, ctx) =>
      andThen(links(ctx, s, 'sources'), ({ sources }) =>
        linkedItems(
          ctx,
          s,
          'sources',
          sources,
          (x) => x.source,
          (x, source: SourceRow) => ({
            source,
            role: x.role as SourceRole,
            quoteType: x.quoteType as StatementKind,
            evidence: x.evidence,
          }),
        ),
      ),
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
        return source
          ? [
              {
                source,
                role: x.role as SourceRole,
                quoteType: x.quoteType as StatementKind,
                evidence: x.evidence,
              },
            ]
          : [];
      });
    },
    ...statementLists,
  },
  StatementSource: {
    // The source's text is read only when evidence is asked for and recorded.
    evidence: async (x, _, ctx) =>
      evidenceSpans(
        x.evidence ? await ctx.loaders.articleText.load(x.source.id) : null,
        x.evidence,
      ),
  },
};
