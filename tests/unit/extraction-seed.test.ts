import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLinker, entitiesOfDataset, extractStatements } from '../../src/extraction/index.js';
import { SEED_FILE } from '../helpers/seed.js';
import { hasSeedArticle, readSeedArticle } from '../helpers/seed-article.js';

/**
 * The seed article's opening sentence, read from ../shared/seeds (never copied here):
 * Lavrov's claim, with a relative clause inside its subject telling what Netanyahu
 * considers. Lavrov's candidate holds the whole claim; Netanyahu's holds only the
 * relative clause's words, about what "which" stands for, and does not take Lavrov's
 * ending or his date.
 */
describe.skipIf(!hasSeedArticle)('the seed article’s opening sentence', () => {
  // The suite's body runs even when skipped: read nothing then.
  const text = hasSeedArticle ? readSeedArticle().replace(/^\uFEFF/, '') : '';
  const chars = Array.from(text);
  const cut = (s: { start: number; end: number }) => chars.slice(s.start, s.end).join('');
  const linker = createLinker(entitiesOfDataset(JSON.parse(readFileSync(SEED_FILE, 'utf8'))));
  const found = extractStatements(text, { date: '2024-07-28', linker });
  // the first paraphrase of Lavrov: the opening sentence of the report, after the pull quote
  const lavrov = found.find(
    (s) => s.speaker?.id === 'person:sergey-lavrov' && s.kind === 'PARAPHRASE',
  )!;
  const span = hasSeedArticle ? lavrov.content[0]! : { start: 0, end: 0 };
  const paragraphEnd = chars.indexOf('\n', span.start);

  it('gives Lavrov his whole claim, to the end of the sentence', () => {
    expect(lavrov.content).toHaveLength(1);
    // the claim runs to the sentence's full stop: nothing of it is left out
    expect(cut({ start: span.end, end: paragraphEnd }).trim()).toBe('.');
    expect(lavrov.date).toMatchObject({ precision: 'DAY', value: '2024-07-28' });
  });

  it('gives Netanyahu only what he considers, inside Lavrov’s claim, undated', () => {
    const inside = found.filter(
      (s) => s !== lavrov && s.content.every((c) => c.start >= span.start && c.end <= span.end),
    );
    expect(inside).toHaveLength(1);
    const [netanyahu] = inside;
    expect(netanyahu!.speaker!.id).toBe('person:benjamin-netanyahu');
    expect(netanyahu!.kind).toBe('REPORTED');
    // what "which" stands for (the claim's subject), then the words of his view up to the
    // comma closing the relative clause: never the end of Lavrov's sentence
    const [subject, view] = netanyahu!.content;
    // (Lavrov's claim starts at its subject: the content leaves the leading "that" out)
    expect(subject!.start).toBe(span.start);
    expect(cut({ start: subject!.end, end: subject!.end + 8 })).toBe(', which ');
    expect(cut({ start: view!.end, end: view!.end + 1 })).toBe(',');
    expect(view!.end).toBeLessThan(span.end - 10);
    expect(netanyahu!.date).toBeNull();
  });
});
