import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../shared/context.js';
import type { DateArgument } from '../../date-argument.js';
import type { Resolvers } from '../../generated/graphql.js';
import { nodeConnection } from '../nodes/nodes.service.js';
import { nodeById, nodesByIds } from '../shared/nodes.js';
import { connectionResolvers } from '../shared/connection.js';
import type { Relation } from '../nodes/nodes.repository.js';
import {
  partialDate,
  type ActorRow,
  type CountryRow,
  type MeetingRow,
  type OrganizationRow,
  type PersonRow,
  type PlaceRow,
  type PositionRow,
} from '../shared/rows.js';
import { heldDuring, statementConnection } from '../statements/statements.service.js';

/**
 * Posts of an actor, optionally those held at some time during `at` (a day, a
 * month or a year); a post's partial dates count as their whole range.
 */
async function positions(
  ctx: Context,
  actor: ActorRow,
  at: DateArgument | null | undefined,
  relation: Relation,
) {
  const all = await ctx.loaders.related<PositionRow>(relation).load(actor.id);
  return at ? all.filter((p) => heldDuring(p, at.start, at.end)) : all;
}

async function meetings(ctx: Context, actor: ActorRow) {
  const items = await ctx.loaders
    .related<{ meeting: string; role: string }>('participations')
    .load(actor.id);
  const byId = new Map(
    (
      await nodesByIds<MeetingRow>(
        ctx,
        items.map((i) => i.meeting),
      )
    ).map((m) => [m.id, m]),
  );
  return items.flatMap((i) =>
    byId.has(i.meeting) ? [{ meeting: byId.get(i.meeting)!, role: i.role }] : [],
  );
}

/** The fields every actor has. */
const actorFields = (held: Relation) => ({
  statements: (a: ActorRow, args: object, ctx: Context, info: GraphQLResolveInfo) =>
    statementConnection(ctx, args, { key: 'speakerIds', id: a.id }, info),
  statementsAbout: (a: ActorRow, args: object, ctx: Context, info: GraphQLResolveInfo) =>
    statementConnection(ctx, args, { key: 'aboutIds', id: a.id }, info),
  positions: (a: ActorRow, args: { at?: DateArgument | null }, ctx: Context) =>
    positions(ctx, a, args.at, held),
  meetings: (a: ActorRow, _: unknown, ctx: Context) => meetings(ctx, a),
});

const related = async <T extends ActorRow | PlaceRow>(
  ctx: Context,
  relation: Relation,
  id: string,
) => nodesByIds<T>(ctx, await ctx.loaders.related<string>(relation).load(id));

export const actorsResolvers: Resolvers = {
  PersonConnection: connectionResolvers,
  OrganizationConnection: connectionResolvers,
  CountryConnection: connectionResolvers,
  Query: {
    people: (_, args, ctx) =>
      nodeConnection<PersonRow>(ctx, 'Person', args, { field: 'NAME', direction: 'ASC' }),
    organizations: (_, args, ctx) =>
      nodeConnection<OrganizationRow>(ctx, 'Organization', args, {
        field: 'NAME',
        direction: 'ASC',
      }),
    countries: (_, args, ctx) =>
      nodeConnection<CountryRow>(ctx, 'Country', args, { field: 'NAME', direction: 'ASC' }),
  },
  Person: actorFields('positionsHeld'),
  Organization: {
    ...actorFields('positionsIn'),
    partOf: (o, _, ctx) => related<OrganizationRow | CountryRow>(ctx, 'partOf', o.id),
    members: (o, _, ctx) => related<OrganizationRow>(ctx, 'members', o.id),
  },
  Country: {
    ...actorFields('positionsIn'),
    members: (c, _, ctx) => related<OrganizationRow>(ctx, 'members', c.id),
    places: (c, _, ctx) => related<PlaceRow>(ctx, 'places', c.id),
  },
  Position: {
    person: async (p, _, ctx) => (await nodeById<PersonRow>(ctx, p.personId))!,
    of: async (p, _, ctx) => (await nodeById<OrganizationRow | CountryRow>(ctx, p.ofId))!,
    from: (p) => partialDate(p, 'from'),
    to: (p) => partialDate(p, 'to'),
  },
};
