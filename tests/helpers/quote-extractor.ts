import type { Extracted, ExtractFn } from '../../src/modules/review/review.candidates.js';

/**
 * A small fixed extractor for tests of the review mechanics (storage, idempotency,
 * accepting, rejecting, the review screen), independent of how well the real
 * extractor does: every “…” passage, said by Lavrov (person:sergey-lavrov) when he
 * is named within 120 characters after it, on the article's date ("on Sunday").
 */
export const quoteExtractor: ExtractFn = async (text, { date }) => {
  const chars = Array.from(text);
  const found: Extracted[] = [];
  const sunday = Array.from(text.slice(0, text.indexOf('on Sunday'))).length;
  for (let i = 0; i < chars.length; i += 1) {
    if (chars[i] !== '“') continue;
    const end = chars.indexOf('”', i + 1);
    if (end < 0) break;
    const content = chars.slice(i + 1, end).join('');
    const after = chars.slice(end, end + 120).join('');
    const lavrov = after.indexOf('Lavrov');
    found.push({
      text: content,
      kind: 'DIRECT_QUOTE',
      content: [{ start: i + 1, end }],
      speaker:
        lavrov >= 0
          ? {
              text: 'Lavrov',
              start: end + lavrov,
              end: end + lavrov + 6,
              id: 'person:sergey-lavrov',
            }
          : { text: 'Mousa Abu Marzouq', start: end, end: end + 1 },
      cue: null,
      date:
        date && sunday >= 0
          ? { text: 'on Sunday', start: sunday, end: sunday + 9, precision: 'DAY', value: date }
          : null,
      mentions: content.includes('Hamas') ? [{ id: 'org:hamas' }] : [],
      confidence: 0.9,
    });
    i = end;
  }
  return found;
};
