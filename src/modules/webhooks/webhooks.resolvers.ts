import type { Context } from '../shared/context.js';
import { AppError, type FieldProblem } from '../../errors.js';
import type { ErrorCode, Resolvers } from '../../generated/graphql.js';
import { boundedInt } from '../shared/arguments.js';

const MAX_DELIVERIES = 100;

/** Saved searches hold URLs and secrets: editors only, for reading too. */
function editor(ctx: Context): string {
  if (!ctx.principal) throw new AppError('UNAUTHENTICATED', 'Saved searches need an editor token.');
  if (ctx.principal.role !== 'editor')
    throw new AppError('FORBIDDEN', `The ${ctx.principal.role} token may not see saved searches.`);
  return ctx.principal.name;
}

function webhooks(ctx: Context) {
  if (!ctx.webhooks) throw new AppError('FORBIDDEN', 'Webhooks are off in this service.');
  return ctx.webhooks;
}

/** A refused input becomes the payload's errors, as for the other mutations. */
function refused(error: unknown) {
  const problems = (error as AppError).extensions?.problems as FieldProblem[] | undefined;
  if (!(error instanceof AppError) || error.code !== 'BAD_USER_INPUT' || !problems) throw error;
  return problems.map((p) => ({
    code: 'BAD_USER_INPUT' as ErrorCode,
    path: p.path,
    message: p.message,
  }));
}

export const webhooksResolvers: Resolvers = {
  Query: {
    savedSearches: (_, __, ctx) => {
      editor(ctx);
      return webhooks(ctx).list();
    },
  },
  Mutation: {
    async saveSearch(_, { input }, ctx) {
      const by = editor(ctx);
      try {
        const { row, secret } = await webhooks(ctx).save(input, by);
        return { savedSearch: row, secret, errors: [] };
      } catch (error) {
        return { savedSearch: null, secret: null, errors: refused(error) };
      }
    },
    async deleteSavedSearch(_, { id }, ctx) {
      editor(ctx);
      if (await webhooks(ctx).delete(id)) return { deletedId: id, errors: [] };
      return {
        deletedId: null,
        errors: [{ code: 'NOT_FOUND', path: 'id', message: `no saved search with id "${id}"` }],
      };
    },
  },
  SavedSearch: {
    deliveries(search, { first }, ctx) {
      const limit = boundedInt('first', first ?? 20, 0, MAX_DELIVERIES);
      return webhooks(ctx).deliveries(search.id, limit);
    },
  },
  WebhookDelivery: {
    change: (d) => d.change as 'CREATED' | 'UPDATED',
  },
};
