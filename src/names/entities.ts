import type { Dataset } from '../records/dataset.js';
import type { NamedEntity } from './matcher.js';

/**
 * The entities of a dataset file as the matcher takes them: people,
 * organisations, countries and places by name, topics by title, each person
 * with the posts the file gives them. For callers without a database (the
 * extractor, tests): `createMatcher(entitiesOfDataset(a, b))`.
 */
export function entitiesOfDataset(...datasets: Array<Partial<Dataset>>): NamedEntity[] {
  const byId = new Map<string, NamedEntity>();
  const add = (entity: NamedEntity) => byId.set(entity.id, entity);
  for (const d of datasets) {
    for (const r of d.people ?? [])
      add({ id: r.id, type: 'Person', name: r.name, aliases: r.aliases });
    for (const r of d.organizations ?? [])
      add({ id: r.id, type: 'Organization', name: r.name, aliases: r.aliases });
    for (const r of d.countries ?? [])
      add({ id: r.id, type: 'Country', name: r.name, aliases: r.aliases, iso: r.iso });
    for (const r of d.places ?? [])
      add({ id: r.id, type: 'Place', name: r.name, aliases: r.aliases });
    for (const r of d.topics ?? [])
      add({ id: r.id, type: 'Topic', name: r.title, aliases: r.aliases });
  }
  for (const d of datasets) {
    for (const p of d.positions ?? []) {
      const holder = byId.get(p.person);
      if (!holder) continue;
      const position = {
        id: p.id,
        title: p.title,
        of: p.of,
        from: p.from ?? null,
        to: p.to ?? null,
      };
      byId.set(p.person, { ...holder, positions: [...(holder.positions ?? []), position] });
    }
  }
  return [...byId.values()];
}
