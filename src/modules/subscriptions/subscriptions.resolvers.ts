import type { Context } from '../shared/context.js';
import { AppError, notFound } from '../../errors.js';
import {
  OVERFLOW,
  TooManySubscribers,
  type Delivery,
  type StatementEvent,
} from '../../events/statement-events.js';
import type { Resolvers, SubscriptionStatementRecordedArgs } from '../../generated/graphql.js';
import type { StatementRow } from '../shared/rows.js';
import { checkFilter, filterReferences } from '../statements/statements.filter.js';
import { matchStatement } from '../statements/statements.match.js';
import { checkReferences } from '../references/references.js';
import type { StatementFilter } from '../statements/statements.repository.js';

/**
 * The events of `source` for which `keep` holds, in order; ending this stream (a
 * client gone) ends the source, which unsubscribes.
 */
function keepOnly(
  source: AsyncIterableIterator<Delivery>,
  keep: (delivery: Delivery) => boolean | Promise<boolean>,
): AsyncIterableIterator<Delivery> {
  const iterator: AsyncIterableIterator<Delivery> = {
    async next() {
      for (;;) {
        const item = await source.next();
        if (item.done || (await keep(item.value))) return item;
      }
    },
    return: () => source.return!(),
    throw: (error) => source.throw!(error),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

function statementRecorded(filter: StatementFilter, ctx: Context) {
  if (!ctx.events) throw new AppError('TOO_MANY_SUBSCRIBERS', 'Live subscriptions are off here.');
  let source: AsyncIterableIterator<Delivery>;
  try {
    // In the write path: only the in-memory test, never a query.
    source = ctx.events.subscribe((event) => matchStatement(filter, event.record) !== false);
  } catch (error) {
    if (error instanceof TooManySubscribers)
      throw new AppError(
        'TOO_MANY_SUBSCRIBERS',
        'The server has as many live subscriptions as it takes (MAX_SUBSCRIBERS); try again later.',
      );
    throw error;
  }
  // On the subscriber's side: a filter on the speaker's posts asks the database.
  return keepOnly(
    source,
    async (d) =>
      d === OVERFLOW ||
      matchStatement(filter, d.record) === true ||
      (await ctx.statements.matchingIds(filter, [d.id])).length > 0,
  );
}

/**
 * An event's statement, read once for all of its subscribers (every subscriber gets
 * the same event object, and a statement reads the same for every reader): 200
 * matching subscribers cost one read, not 200. Kept as long as the event is.
 */
const rows = new WeakMap<StatementEvent, Promise<StatementRow | null>>();

export const subscriptionsResolvers: Resolvers = {
  Subscription: {
    statementRecorded: {
      // An unknown id in the filter is NOT_FOUND here too: it would never match.
      subscribe: async (
        _parent: unknown,
        args: SubscriptionStatementRecordedArgs,
        ctx: Context,
      ) => {
        const filter = checkFilter(args.filter);
        await checkReferences(ctx, filterReferences(filter));
        return statementRecorded(filter, ctx);
      },
      resolve: (delivery: Delivery, _args: unknown, ctx: Context) => {
        if (delivery === OVERFLOW)
          throw new AppError(
            'SUBSCRIPTION_OVERFLOW',
            'This subscriber fell too far behind (SUBSCRIPTION_BUFFER events) and its stream ends: subscribe again and catch up with statements(orderBy: { field: CREATED_AT }).',
          );
        // One context lives as long as the subscription: every event reads afresh.
        ctx.clearLoaders();
        return delivery;
      },
    } as never,
  },
  StatementRecordedEvent: {
    change: (event: StatementEvent) => event.outcome,
    by: (event: StatementEvent) => event.by,
    at: (event: StatementEvent) => event.at,
    async statement(event: StatementEvent, _args: unknown, ctx: Context) {
      let read = rows.get(event);
      if (!read) {
        read = ctx.nodes.byIds([event.id]).then(([row]) => (row ?? null) as StatementRow | null);
        rows.set(event, read);
      }
      const row = await read;
      // Deleted between the write and this read.
      if (!row) throw notFound('statement', event.id);
      return row;
    },
  },
};
