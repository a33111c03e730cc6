import DataLoader from 'dataloader';
import type {
  RepresentationRow,
  RouteStep,
  StatementLinks,
  StatementsRepository,
} from './statements.repository.js';

export function createStatementLoaders(repo: StatementsRepository) {
  return {
    statementLinks: new DataLoader<string, StatementLinks | null>((ids) => repo.links(ids), {
      maxBatchSize: 1000,
    }),
    statementRoute: new DataLoader<string, RouteStep[] | null>((ids) => repo.routes(ids), {
      maxBatchSize: 1000,
    }),
    representation: new DataLoader<string, RepresentationRow[]>((ids) => repo.representation(ids), {
      maxBatchSize: 1000,
    }),
  };
}

export type StatementLoaders = ReturnType<typeof createStatementLoaders>;
