import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

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
