import type { Resolvers } from '../../generated/graphql.js';
import { nodeConnection } from '../nodes/nodes.service.js';
import { nodeById, nodesByIds } from '../shared/nodes.js';
import { connectionResolvers } from '../shared/connection.js';
import {
  partialDate,
  type ActorRow,
  type CountryRow,
  type MeetingRow,
  type PlaceRow,
  type TopicRow,
} from '../shared/rows.js';
import { statementConnection } from '../statements/statements.service.js';

export const meetingsResolvers: Resolvers = {
  MeetingConnection: connectionResolvers,
  TopicConnection: connectionResolvers,
  Query: {
    meetings: (_, args, ctx) =>
      nodeConnection<MeetingRow>(ctx, 'Meeting', args, { field: 'DATE', direction: 'DESC' }),
    topics: (_, args, ctx) =>
      nodeConnection<TopicRow>(ctx, 'Topic', args, { field: 'TITLE', direction: 'ASC' }),
  },
  Meeting: {
    date: (m) => partialDate(m, 'date'),
    endDate: (m) => partialDate(m, 'endDate'),
    heldIn: async (m, _, ctx) => {
      const [id] = await ctx.loaders.related<string>('heldIn').load(m.id);
      return nodeById<PlaceRow | CountryRow>(ctx, id);
    },
    partOf: async (m, _, ctx) => {
      const [id] = await ctx.loaders.related<string>('partOf').load(m.id);
      return nodeById<MeetingRow>(ctx, id);
    },
    parts: async (m, _, ctx) =>
      nodesByIds<MeetingRow>(ctx, await ctx.loaders.related<string>('parts').load(m.id)),
    participants: async (m, _, ctx) => {
      const items = await ctx.loaders
        .related<{ actor: string; role: string }>('participants')
        .load(m.id);
      const actors = new Map(
        (
          await nodesByIds<ActorRow>(
            ctx,
            items.map((i) => i.actor),
          )
        ).map((a) => [a.id, a]),
      );
      return items.flatMap((i) =>
        actors.has(i.actor) ? [{ actor: actors.get(i.actor)!, role: i.role }] : [],
      );
    },
    statements: (m, args, ctx, info) =>
      statementConnection(ctx, args, { key: 'meetingIds', id: m.id }, info),
  },
  Place: {
    country: async (p, _, ctx) => {
      const [id] = await ctx.loaders.related<string>('country').load(p.id);
      return (await nodeById<CountryRow>(ctx, id))!;
    },
  },
  Topic: {
    statements: (t, args, ctx, info) =>
      statementConnection(ctx, args, { key: 'topicIds', id: t.id }, info),
  },
};
