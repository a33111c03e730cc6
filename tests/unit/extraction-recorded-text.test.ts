import { describe, expect, it } from 'vitest';
import { extractStatements } from '../../src/extraction/index.js';
import { recordedSpans, recordedText } from '../../src/extraction/statement-text.js';
import { candidatesOf } from '../../src/modules/review/review.candidates.js';
import { CodePoints } from '../../src/modules/shared/spans.js';

/**
 * The recorded text of a candidate and where its words are: quotation marks balanced
 * (or none), and content spans that start where the recorded text starts. Invented
 * sentences; no database.
 */

const cut = (text: string, span: { start: number; end: number }) =>
  new CodePoints(text).slice(span.start, span.end);
const marks = (t: string) => ({
  double: [...t].filter((c) => '“”«»„"'.includes(c)).length,
  open: [...t].filter((c) => '“«„‘'.includes(c)).length,
  close: [...t].filter((c) => '”»’'.includes(c)).length,
});

describe('quotation marks in a recorded text', () => {
  it('drops the marks around a whole part, keeps those inside in pairs', () => {
    expect(recordedText(['“The dam will hold,”'])).toBe('The dam will hold.');
    expect(recordedText(['that “the dam will hold.”'])).toBe('The dam will hold.');
    expect(recordedText(['the levee was built by ‘cheap labour’'])).toBe(
      'The levee was built by ‘cheap labour’.',
    );
    expect(recordedText(['the plan was “a gift to smugglers” and would fail'])).toBe(
      'The plan was “a gift to smugglers” and would fail.',
    );
  });

  it('closes a mixed quote cut at the content’s end, and opens one cut at its start', () => {
    // the quote goes on past the content (into the next paragraph, or the span was cut)
    expect(recordedText(['some towns want a new levee, “given that the old one leaks'])).toBe(
      'Some towns want a new levee, “given that the old one leaks.”',
    );
    // its opening mark lies before the content
    expect(recordedText(['the old one leaks,” and the towns want a new levee'])).toBe(
      '“The old one leaks,” and the towns want a new levee.',
    );
    // a part that is the end of a quote: all of it was quoted
    expect(recordedText(['the old one leaks.”'])).toBe('The old one leaks.');
  });

  it('reads apostrophes as no marks', () => {
    expect(recordedText(['the farmers’ union backed Oslo’s plan'])).toBe(
      'The farmers’ union backed Oslo’s plan.',
    );
    expect(recordedText(['the levee was the engineers’'])).toBe('The levee was the engineers’.');
  });

  it('keeps "that" when it is the clause’s subject', () => {
    expect(recordedText(['that was a mistake'])).toBe('That was a mistake.');
    expect(recordedText(['that the levee was a mistake'])).toBe('The levee was a mistake.');
    // a capital for the first word only when it starts with a letter
    expect(recordedText(['that 1,200 farmers left'])).toBe('1,200 farmers left.');
    expect(recordedText(['“the levee is old” and so is the dam'])).toBe(
      '“The levee is old” and so is the dam.',
    );
  });

  it('gives every candidate of an article balanced marks', () => {
    const text =
      'The engineer said: “The levee is too low.\n\n' +
      '“It will not survive another flood.”\n\n' +
      'Local papers reported that the repairs were done by ‘cheap labour’.\n\n' +
      'The mayor noted that some towns want a new levee, “given that the old one leaks.”\n\n' +
      'A second engineer said the levee was “a disgrace and would not last the winter.';
    const found = extractStatements(text, { date: '2025-03-14' });
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const s of found) {
      const m = marks(s.text);
      expect(m.double % 2, s.text).toBe(0);
      expect(m.open, s.text).toBe(m.close);
    }
    expect(found.map((s) => s.text)).toContain(
      'Some towns want a new levee, “given that the old one leaks.”',
    );
    expect(found.map((s) => s.text)).toContain('The repairs were done by ‘cheap labour’.');
    // a quote over two paragraphs: its parts, no marks
    expect(found.map((s) => s.text)).toContain(
      'The levee is too low. … It will not survive another flood.',
    );
    // a quote the article never closes: closed where the content ends
    expect(found.map((s) => s.text)).toContain(
      'The levee was “a disgrace and would not last the winter.”',
    );
  });
});

describe('content spans start where the recorded text starts', () => {
  it('leaves a leading "that" out of the span, in the extractor and in review', () => {
    const text = 'The harbour master said on Monday that the pier would reopen in June.';
    const [s] = extractStatements(text, { date: '2025-03-14' });
    expect(cut(text, s!.content[0]!)).toBe('the pier would reopen in June');
    expect(s!.text).toBe('The pier would reopen in June.');
    // the review API stores the same spans, so accepted evidence starts there too
    const [row] = candidatesOf('source:article-h', new CodePoints(text), [s!]);
    expect(row!.spanStarts).toEqual([s!.content[0]!.start]);
    expect(row!.text).toBe(s!.text);
  });

  it('trims only what the recorded text drops', () => {
    const text = 'said, that the pier is safe; ';
    expect(recordedSpans(text, [{ start: 4, end: text.length }])).toEqual([{ start: 11, end: 27 }]);
    expect(text.slice(11, 27)).toBe('the pier is safe');
    // "that" as a subject stays
    const subject = 'said that was wrong';
    expect(recordedSpans(subject, [{ start: 5, end: subject.length }])).toEqual([
      { start: 5, end: subject.length },
    ]);
  });
});
