import type { Context } from '../shared/context.js';
import { AppError } from '../../errors.js';
import type { ErrorCode, Resolvers } from '../../generated/graphql.js';
import { EditRejected, type Outcome, type PossibleDuplicate } from './editing.service.js';

/**
 * Refusals of the change itself (invalid input, unknown ids, conflicts) become the
 * payload's `errors`; anything about the request as a whole (auth, an unavailable
 * database) stays a top-level error. After a write, the request's loaders are
 * cleared so the payload is read fresh.
 */
async function payload<K extends string, T>(
  ctx: Context,
  key: K,
  write: (by: string) => Promise<{ value: T; outcome: Outcome; duplicates?: PossibleDuplicate[] }>,
) {
  try {
    const { value, outcome, duplicates } = await write(editorName(ctx));
    ctx.clearLoaders();
    return { [key]: value, outcome, errors: [], possibleDuplicates: duplicates ?? [] } as {
      [P in K]: T;
    } & {
      outcome: Outcome;
      errors: never[];
      possibleDuplicates: PossibleDuplicate[];
    };
  } catch (error) {
    if (!(error instanceof EditRejected)) throw error;
    const errors = error.problems.map((p) => ({
      code: p.code as ErrorCode,
      path: p.path,
      message: p.message,
    }));
    return { [key]: null, outcome: null, errors, possibleDuplicates: [] } as unknown as {
      [P in K]: T;
    } & {
      outcome: Outcome;
      errors: typeof errors;
      possibleDuplicates: PossibleDuplicate[];
    };
  }
}

/** The auth plugin lets only editors reach mutations; this keeps a write from ever going unattributed. */
function editorName(ctx: Context): string {
  if (ctx.principal?.role !== 'editor') {
    throw new AppError('FORBIDDEN', 'Writing needs an editor token.');
  }
  return ctx.principal.name;
}

export const editingResolvers: Resolvers = {
  Mutation: {
    upsertPerson: (_, { input }, ctx) =>
      payload(ctx, 'node', (by) => ctx.editing.upsertNode('person', input, by)),
    upsertOrganization: (_, { input }, ctx) =>
      payload(ctx, 'node', (by) => ctx.editing.upsertNode('organization', input, by)),
    upsertCountry: (_, { input }, ctx) =>
      payload(ctx, 'node', (by) => ctx.editing.upsertNode('country', input, by)),
    upsertPlace: (_, { input }, ctx) =>
      payload(ctx, 'node', (by) => ctx.editing.upsertNode('place', input, by)),
    upsertTopic: (_, { input }, ctx) =>
      payload(ctx, 'node', (by) => ctx.editing.upsertNode('topic', input, by)),
    upsertSource: (_, { input }, ctx) =>
      payload(ctx, 'node', (by) => ctx.editing.upsertNode('source', input, by)),
    upsertMeeting: (_, { input }, ctx) =>
      payload(ctx, 'node', (by) => ctx.editing.upsertNode('meeting', input, by)),
    recordStatement: (_, { input }, ctx) =>
      payload(ctx, 'node', (by) => ctx.editing.upsertNode('statement', input, by)),
    setPosition: (_, { input }, ctx) =>
      payload(ctx, 'position', (by) => ctx.editing.setPosition(input, by)),
    deleteNode: (_, { id }, ctx) => payload(ctx, 'deletedId', () => ctx.editing.deleteNode(id)),
    deletePosition: (_, { id }, ctx) =>
      payload(ctx, 'deletedId', () => ctx.editing.deletePosition(id)),
    mergeEntities: (_, { keepId, mergeIds }, ctx) =>
      payload(ctx, 'node', (by) => ctx.editing.merge(keepId, mergeIds, by)),
  },
};
