import {
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/**
 * The names of the fields a request selects at `path` below the field being
 * resolved (`['edges', 'node']` for a connection's nodes), through fragments and
 * inline fragments, whatever their type condition. A repository uses it to read
 * in its one query what the request will ask for; a field it misses is still
 * answered, by the loaders, so this only ever saves round trips.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    level = level.flatMap((field) =>
      fieldsOf(info, field.selectionSet).filter((f) => f.name.value === name),
    );
  }
  return new Set(
    level.flatMap((field) => fieldsOf(info, field.selectionSet).map((f) => f.name.value)),
  );
}

function fieldsOf(info: GraphQLResolveInfo, set: SelectionSetNode | undefined): FieldNode[] {
  if (!set) return [];
  return set.selections.flatMap((selection): FieldNode[] => {
    if (selection.kind === 'Field') return [selection];
    if (selection.kind === 'InlineFragment') return fieldsOf(info, selection.selectionSet);
    const fragment = info.fragments[selection.name.value];
    return fragment ? fieldsOf(info, fragment.selectionSet) : [];
  });
}

/**
 * The properties the objects at `path` below the field being resolved need, when
 * every field the request selects there is a plain one on each type the object may
 * be (a scalar or enum read by the default resolver, so from the property of its
 * name): those names and `id`. Null when any is not (a field with a resolver of
 * its own may read anything): then read the node whole.
 */
export function plainProperties(
  info: GraphQLResolveInfo,
  path: readonly string[],
): string[] | null {
  let type: GraphQLNamedType = getNamedType(info.returnType);
  for (const name of path) {
    if (!isObjectType(type) && !isInterfaceType(type)) return null;
    const field: GraphQLField<unknown, unknown> | undefined = type.getFields()[name];
    if (!field) return null;
    type = getNamedType(field.type);
  }
  const possible = isAbstractType(type)
    ? info.schema.getPossibleTypes(type)
    : isObjectType(type)
      ? [type]
      : [];
  if (possible.length === 0) return null;
  const names = [...selectedFields(info, path)].filter((name) => !name.startsWith('__'));
  for (const name of names) {
    const fields = possible.flatMap((object) => object.getFields()[name] ?? []);
    // Only fields the schema defines reach Cypher as property names.
    if (fields.length === 0) return null;
    for (const field of fields)
      if (field.resolve || !isLeafType(getNamedType(field.type))) return null;
  }
  return [...new Set(['id', ...names])];
}

/**
 * `analyse` of a field's selection, made once per selection: a request's document
 * is parsed once and cached, so the same field nodes (with the same fragments and
 * return type) recur on every request that sends it, and walking them again cost
 * ~0.15 ms a page. Keyed by the field nodes themselves: when they are garbage, so
 * is the entry.
 */
export function perSelection<T>(
  analyse: (info: GraphQLResolveInfo) => T,
): (info: GraphQLResolveInfo) => T {
  type Entry = { nodes: readonly FieldNode[]; returnType: GraphQLOutputType; value: T };
  const cache = new WeakMap<FieldNode, Entry[]>();
  return (info) => {
    const nodes = info.fieldNodes;
    let entries = cache.get(nodes[0]!);
    // The same first node may come merged with others under another parent type.
    const hit = entries?.find(
      (e) =>
        e.returnType === info.returnType &&
        e.nodes.length === nodes.length &&
        e.nodes.every((node, i) => node === nodes[i]),
    );
    if (hit) return hit.value;
    const value = analyse(info);
    if (!entries) cache.set(nodes[0]!, (entries = []));
    entries.push({ nodes: [...nodes], returnType: info.returnType, value });
    return value;
  };
}
