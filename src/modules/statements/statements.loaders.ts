import DataLoader from 'dataloader';
import type { RouteStep, StatementLinks, StatementsRepository } from './statements.repository.js';

export function createStatementLoaders(repo: StatementsRepository) {
  return {
    statementLinks: new DataLoader<string, StatementLinks | null>((ids) => repo.links(ids), {
      maxBatchSize: 1000,
    }),
    statementRoute: new DataLoader<string, RouteStep[] | null>((ids) => repo.routes(ids), {
      maxBatchSize: 1000,
    }),
  };
}

export type StatementLoaders = ReturnType<typeof createStatementLoaders>;
