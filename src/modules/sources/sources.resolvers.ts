import type { Context } from '../shared/context.js';
import type { Resolvers } from '../../generated/graphql.js';
import type { Relation } from '../nodes/nodes.repository.js';
import { nodeConnection } from '../nodes/nodes.service.js';
import { nodeById, nodesByIds } from '../shared/nodes.js';
import { connectionResolvers } from '../shared/connection.js';
import { partialDate, type OrganizationRow, type SourceRow } from '../shared/rows.js';
import { statementConnection } from '../statements/statements.service.js';

const sources = async (ctx: Context, relation: Relation, id: string) =>
  nodesByIds<SourceRow>(ctx, await ctx.loaders.related<string>(relation).load(id));

export const sourcesResolvers: Resolvers = {
  SourceConnection: connectionResolvers,
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
    // One link, so the name cannot drift from the organisation's (whole-node rows carry it: nodeOut).
    publisher: async (s, _, ctx) => {
      if (s.publisher !== undefined) return s.publisher;
      const [id] = await ctx.loaders.related<string>('publishedBy').load(s.id);
      return (await nodeById<OrganizationRow>(ctx, id))?.name ?? null;
    },
    cites: (s, _, ctx) => sources(ctx, 'cites', s.id),
    citedBy: (s, _, ctx) => sources(ctx, 'citedBy', s.id),
    chain: (s, _, ctx) => sources(ctx, 'chain', s.id),
    statements: (s, args, ctx, info) =>
      statementConnection(ctx, args, { key: 'sourceIds', id: s.id }, info),
    // An article's text is not on the row (it can be 2 MB): it is read only when asked for.
    text: async (s, _, ctx) => (await ctx.loaders.articleText.load(s.id))?.text ?? null,
    credits: (s) => s.credits ?? [],
    candidates: async (s, { status }, ctx) => {
      const all = await ctx.loaders.candidatesOfSource.load(s.id);
      return status ? all.filter((c) => status.includes(c.status)) : all;
    },
  },
};
