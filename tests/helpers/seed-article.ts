import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The seed article's text: the source of the seed dataset, kept in `shared/seeds/` beside
 * the repository (`../shared` from a checkout, further up from a worktree) and not copied
 * into it. `STATEMENT_GRAPH_SEEDS_DIR` names the folder when the checkout is elsewhere;
 * without it, tests that need the article are skipped with a message.
 */
export const SEED_ARTICLE_NAME = '000_f4d541cf81b299a6.txt';

function findSeedArticle(): string | undefined {
  const override = process.env.STATEMENT_GRAPH_SEEDS_DIR;
  if (override) {
    const candidate = join(resolve(override), SEED_ARTICLE_NAME);
    return existsSync(candidate) ? candidate : undefined;
  }
  for (let dir = resolve('..'); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'seeds', SEED_ARTICLE_NAME);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

const seedArticle = findSeedArticle();

/** True when the seed article can be read; tests needing it use `describe.skipIf(!hasSeedArticle)`. */
export const hasSeedArticle = seedArticle !== undefined;

if (!hasSeedArticle)
  console.warn(
    `Skipping tests that need the seed article: shared/seeds/${SEED_ARTICLE_NAME} is not above ${resolve('.')} ` +
      '(set STATEMENT_GRAPH_SEEDS_DIR to the folder that holds it).',
  );

/** The seed article as stored (UTF-8, BOM kept); '' when absent (its tests are skipped). */
export const readSeedArticle = (): string =>
  seedArticle === undefined ? '' : readFileSync(seedArticle, 'utf8');
