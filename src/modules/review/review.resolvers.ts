import { ArticleError } from '../../articles/article.errors.js';
import { AppError, notFound } from '../../errors.js';
import type { ErrorCode, Resolvers } from '../../generated/graphql.js';
import { EditRejected, type Outcome } from '../editing/editing.service.js';
import type { Context } from '../shared/context.js';
import { nodeById, nodesByIds } from '../shared/nodes.js';
import type { ActorRow, NodeRow, SourceRow, StatementRow } from '../shared/rows.js';
import type { CandidateRow } from './review.repository.js';

/**
 * Refusals (a bad article, unknown ids, conflicts) become the payload's errors
 * with their stable codes, and nothing is written; anything else stays a
 * top-level error. After a write the request's loaders are cleared.
 */
async function payload<T extends { outcome: Outcome }>(
  ctx: Context,
  write: (by: string) => Promise<T>,
): Promise<Partial<T> & { outcome: Outcome | null; errors: MutationError[] }> {
  if (ctx.principal?.role !== 'editor') {
    throw new AppError('FORBIDDEN', 'Review needs an editor token.');
  }
  try {
    const result = await write(ctx.principal.name);
    ctx.clearLoaders();
    return { ...result, errors: [] };
  } catch (error) {
    if (error instanceof ArticleError) {
      const errors = [{ code: error.articleCode, path: error.field, message: error.message }];
      return { outcome: null, errors } as Refused<T>;
    }
    if (error instanceof EditRejected) {
      const errors = error.problems.map((p) => ({ ...p, code: p.code as ErrorCode }));
      return { outcome: null, errors } as Refused<T>;
    }
    throw error;
  }
}

interface MutationError {
  code: ErrorCode;
  path: string;
  message: string;
}

type Refused<T> = Partial<T> & { outcome: null; errors: MutationError[] };

const text = (ctx: Context, c: CandidateRow) => ctx.loaders.articleText.load(c.sourceId);

export const reviewResolvers: Resolvers = {
  Query: {
    candidate: (_, { id }, ctx) => ctx.review.candidate(id),
    candidates: async (_, { sourceId, status }, ctx) => {
      const found = await ctx.review.candidatesOf(sourceId, status ?? null);
      // none: an article with none (in those states), or no such Source at all
      if (found.length === 0 && (await nodeById(ctx, sourceId))?.__typename !== 'Source') {
        throw notFound('source', sourceId);
      }
      return found;
    },
  },
  Mutation: {
    extractArticle: async (_, { input }, ctx) => {
      const { sourceId, ...result } = await payload(ctx, (by) => ctx.review.extract(input, by));
      return { ...result, source: await nodeById<SourceRow>(ctx, sourceId) };
    },
    acceptCandidate: (_, { input }, ctx) => payload(ctx, (by) => ctx.review.accept(input, by)),
    rejectCandidate: (_, { id }, ctx) => payload(ctx, (by) => ctx.review.reject(id, by)),
  },
  Candidate: {
    source: async (c, _, ctx) => (await nodeById<SourceRow>(ctx, c.sourceId))!,
    spans: async (c, _, ctx) => {
      const t = await text(ctx, c);
      return c.spanStarts.flatMap((start, i) => t?.span(start, c.spanEnds[i]!) ?? []);
    },
    kind: (c) => c.kind as 'DIRECT_QUOTE' | 'PARAPHRASE' | 'REPORTED',
    speaker: async (c, _, ctx) =>
      c.speakerText === null
        ? null
        : {
            text: c.speakerText,
            span: (await text(ctx, c))?.span(c.speakerStart, c.speakerEnd) ?? null,
            actor: await nodeById<ActorRow>(ctx, c.speakerId),
            proposal:
              c.proposalId && c.proposalName && c.proposalType
                ? {
                    id: c.proposalId,
                    name: c.proposalName,
                    type: c.proposalType as 'PERSON' | 'ORGANIZATION' | 'COUNTRY',
                    role: c.proposalRole,
                    // a country is proposed by its code: "country:RUS"
                    iso: /^country:([A-Z]{3})$/.exec(c.proposalId)?.[1] ?? null,
                  }
                : null,
          },
    cue: async (c, _, ctx) => (await text(ctx, c))?.span(c.cueStart, c.cueEnd) ?? null,
    date: async (c, _, ctx) =>
      c.dateText === null
        ? null
        : {
            text: c.dateText,
            value: c.dateValue,
            precision: c.datePrecision as 'DAY' | 'MONTH' | 'YEAR' | 'BOUNDED' | null,
            span: (await text(ctx, c))?.span(c.dateStart, c.dateEnd) ?? null,
          },
    mentions: (c, _, ctx) => nodesByIds<NodeRow>(ctx, c.mentionIds),
    statement: (c, _, ctx) => nodeById<StatementRow>(ctx, c.statementId),
  },
};
