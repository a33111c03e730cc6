import DataLoader from 'dataloader';
import type { NodeRow } from '../shared/rows.js';
import type { NodesRepository, Relation } from './nodes.repository.js';

export interface NodeLoaders {
  node: DataLoader<string, NodeRow | null>;
  /** One loader per relation, created on first use. */
  related<T>(relation: Relation): DataLoader<string, T[]>;
}

export function createNodeLoaders(repo: NodesRepository): NodeLoaders {
  const related = new Map<Relation, DataLoader<string, unknown[]>>();
  return {
    // A timeline's shifts can name thousands of statements: one round trip for all of them.
    node: new DataLoader((ids) => repo.byIds(ids), { maxBatchSize: 5000 }),
    related<T>(relation: Relation) {
      let loader = related.get(relation);
      if (!loader) {
        loader = new DataLoader((ids) => repo.related(relation, ids), { maxBatchSize: 1000 });
        related.set(relation, loader);
      }
      return loader as DataLoader<string, T[]>;
    },
  };
}
