import DataLoader from 'dataloader';
import type { StatementLinks, StatementsRepository } from './statements.repository.js';

export function createStatementLoaders(repo: StatementsRepository) {
  return {
    statementLinks: new DataLoader<string, StatementLinks | null>((ids) => repo.links(ids), {
      maxBatchSize: 1000,
    }),
  };
}

export type StatementLoaders = ReturnType<typeof createStatementLoaders>;
