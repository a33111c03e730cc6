import type { Context } from '../shared/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import type { Relation } from '../nodes/nodes.repository.js';
import { nodeConnection } from '../nodes/nodes.service.js';
import { nodeById, nodesByIds } from '../shared/nodes.js';
import { partialDate, type OrganizationRow, type SourceRow } from '../shared/rows.js';
import { statementConnection } from '../statements/statements.service.js';

const sources = async (ctx: Context, relation: Relation, id: string) =>
  nodesByIds<SourceRow>(ctx, await ctx.loaders.related<string>(relation).load(id));

export const sourcesResolvers: Resolvers = {
  Query: {
    sources: (_, args, ctx) =>
      nodeConnection<SourceRow>(ctx, 'Source', args, { field: 'PUBLISHED', direction: 'DESC' }),
  },
  Source: {
    publishedDate: (s) => partialDate(s, 'published'),
    publishedBy: async (s, _, ctx) => {
      const [id] = await ctx.loaders.related<string>('publishedBy').load(s.id);
      return nodeById<OrganizationRow>(ctx, id);
    },
    cites: (s, _, ctx) => sources(ctx, 'cites', s.id),
    citedBy: (s, _, ctx) => sources(ctx, 'citedBy', s.id),
    chain: (s, _, ctx) => sources(ctx, 'chain', s.id),
    statements: (s, args, ctx) => statementConnection(ctx, args, { key: 'sourceIds', id: s.id }),
  },
};
