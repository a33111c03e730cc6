import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The seed article's text: the project's own seed source in `shared/seeds/`, beside
 * the repository (`../shared` from a checkout, further up from a worktree).
 */
export const SEED_ARTICLE_NAME = '000_f4d541cf81b299a6.txt';

export function seedArticlePath(): string {
  let dir = resolve('..');
  for (;;) {
    const candidate = join(dir, 'shared', 'seeds', SEED_ARTICLE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`shared/seeds/${SEED_ARTICLE_NAME} not found above ${resolve('.')}`);
    dir = parent;
  }
}

export const readSeedArticle = (): string => readFileSync(seedArticlePath(), 'utf8');
