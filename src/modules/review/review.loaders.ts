import DataLoader from 'dataloader';
import { CodePoints } from '../shared/spans.js';
import type { CandidateRow, ReviewRepository } from './review.repository.js';

/** Per request: articles' stored texts (by code points) and candidates per article, batched. */
export function createReviewLoaders(repo: ReviewRepository) {
  return {
    articleText: new DataLoader<string, CodePoints | null>(
      async (ids) =>
        (await repo.articleTexts(ids)).map((t) => (t === null ? null : new CodePoints(t))),
      { maxBatchSize: 100 },
    ),
    candidatesOfSource: new DataLoader<string, CandidateRow[]>(
      (ids) => repo.candidatesOfSources(ids),
      { maxBatchSize: 100 },
    ),
  };
}

export type ReviewLoaders = ReturnType<typeof createReviewLoaders>;
