import { describe, expect, it } from 'vitest';
import {
  articleSourceId,
  candidatesOf,
  contentKeyOf,
  statementIdFor,
  type Extracted,
} from '../../src/modules/review/review.candidates.js';
import { recordedText } from '../../src/extraction/statement-text.js';
import { CodePoints, evidenceOf, evidenceSpans } from '../../src/modules/shared/spans.js';

/** Extractor output to stored candidates, and evidence spans: pure, no database. */

const TEXT =
  '🇷🇺 Lavrov said: “No prospect for an end to this bloodshed can be seen yet.” He added that “talks” would go on.';
const points = new CodePoints(TEXT);
const at = (phrase: string) => {
  const start = Array.from(TEXT.slice(0, TEXT.indexOf(phrase))).length;
  return { start, end: start + Array.from(phrase).length };
};

const statement = (over: Partial<Extracted> = {}): Extracted => ({
  text: 'No prospect for an end to this bloodshed can be seen yet.',
  kind: 'DIRECT_QUOTE',
  content: [at('No prospect for an end to this bloodshed can be seen yet.')],
  speaker: { text: 'Lavrov', ...at('Lavrov'), id: 'person:sergey-lavrov', form: 'NAME' },
  cue: at('said'),
  date: null,
  mentions: [],
  confidence: 0.9,
  ...over,
});

describe('review candidates', () => {
  const source = articleSourceId('hash-of-the-text');

  it('counts offsets in code points: a flag of two code points before the quote shifts it by two, not four', () => {
    const [row] = candidatesOf(source, points, [statement()]);
    expect(row!.spanStarts).toEqual([at('No prospect').start]);
    expect(at('Lavrov').start).toBe(3);
    expect(row!.text).toBe('No prospect for an end to this bloodshed can be seen yet.');
    expect(row!.speakerText).toBe('Lavrov');
  });

  it('gives the same statement found again the same id, and drops what cannot be shown', () => {
    const first = candidatesOf(source, points, [statement()]);
    const again = candidatesOf(source, points, [statement({ confidence: 0.5 }), statement()]);
    expect(again.map((c) => c.id)).toEqual(first.map((c) => c.id));
    expect(first[0]!.id).toBe(
      `candidate:${source.slice('source:'.length)}-${first[0]!.spanStarts[0]}-${first[0]!.spanEnds[0]}`,
    );
    const outside = statement({ content: [{ start: 5, end: points.length + 3 }] });
    const empty = statement({ content: [{ start: 7, end: 7 }] });
    expect(candidatesOf(source, points, [outside, empty])).toEqual([]);
  });

  it('joins an interrupted quote’s parts in order, and keeps them as separate spans', () => {
    const parts = [at('talks'), at('No prospect for an end')];
    const [row] = candidatesOf(source, points, [statement({ content: parts })]);
    expect(row!.text).toBe('No prospect for an end … talks.');
    expect(row!.spanStarts).toEqual([parts[1]!.start, parts[0]!.start]);
    const evidence = evidenceOf(
      row!.spanStarts.map((start, i) => ({ start, end: row!.spanEnds[i]! })),
    );
    expect(evidenceSpans(points, evidence).map((s) => s.text)).toEqual([
      'No prospect for an end',
      'talks',
    ]);
  });

  it('proposes a new actor only for a speaker the graph does not know, as the CLI does', () => {
    const unknown = { text: 'Mousa Abu Marzouq', ...at('Lavrov'), form: 'NAME' };
    const row = (speaker: Extracted['speaker']) =>
      candidatesOf(source, points, [statement({ speaker })])[0]!;
    expect(row(unknown)).toMatchObject({
      proposalType: 'PERSON',
      proposalName: 'Mousa Abu Marzouq',
      proposalId: 'person:mousa-abu-marzouq',
      proposalRole: null,
    });
    expect(row({ ...unknown, id: 'person:mousa-abu-marzouk' }).proposalId).toBeNull();
    expect(row({ ...unknown, text: 'He', form: 'PRONOUN' }).proposalId).toBeNull();
    expect(
      row({ ...unknown, text: 'the top Russian diplomat', form: 'TITLE' }).proposalId,
    ).toBeNull();
    expect(
      row({ ...unknown, text: 'Malaysian Foreign Minister Mohamad Hasan', form: 'NAME' }),
    ).toMatchObject({
      proposalType: 'PERSON',
      proposalName: 'Mohamad Hasan',
      proposalId: 'person:mohamad-hasan',
      proposalRole: 'Malaysian Foreign Minister',
    });
  });

  it('records the same text as the extractor: marks, a leading "that" and edge commas dropped', () => {
    const said = 'Lavrov said on Sunday that the talks would go on, according to TASS.';
    const content = { start: said.indexOf('that'), end: said.indexOf(', according') + 1 };
    const [row] = candidatesOf(source, new CodePoints(said), [
      statement({ text: 'The talks would go on.', content: [content], speaker: null }),
    ]);
    expect(row!.text).toBe('The talks would go on.');
    expect(row!.text).toBe(recordedText([said.slice(content.start, content.end)]));
  });

  it('keys a candidate by what it says, not where: the same speaker and words at other offsets have the same key', () => {
    const [row] = candidatesOf(source, points, [statement()]);
    const shifted = new CodePoints(`A paragraph added above.\n\n${TEXT}`);
    const moved = 'A paragraph added above.\n\n'.length;
    const [again] = candidatesOf(source, shifted, [
      statement({
        content: [{ start: at('No prospect').start - 1 + moved, end: at('yet.').end + 1 + moved }],
        speaker: { text: 'Lavrov', start: 3 + moved, end: 9 + moved, form: 'NAME' },
      }),
    ]);
    expect(again!.id).not.toBe(row!.id);
    expect(again!.contentKey).toBe(row!.contentKey);
    expect(contentKeyOf('Lavrov', 'that “No prospect, for an end.”')).toBe(
      contentKeyOf('lavrov', 'No prospect for an end'),
    );
    expect(contentKeyOf('Lavrov', 'No prospect')).not.toBe(
      contentKeyOf('Netanyahu', 'No prospect'),
    );
    expect(contentKeyOf('Lavrov', 'No prospect')).not.toBe(contentKeyOf('Lavrov', 'Some prospect'));
  });

  it('drops evidence spans that fall outside the stored text', () => {
    expect(evidenceSpans(points, `3-9,${points.length - 1}-${points.length + 5}`)).toEqual([
      { start: 3, end: 9, text: 'Lavrov' },
    ]);
    expect(evidenceSpans(null, '3-9')).toEqual([]);
  });

  it('derives a statement id from the speaker, the date and the candidate', () => {
    const id = statementIdFor('candidate:article-0123-10-20', 'person:sergey-lavrov', '2024-07-28');
    expect(id).toMatch(/^statement:sergey-lavrov-2024-07-28-[0-9a-f]{10}$/);
    expect(
      statementIdFor('candidate:article-0123-10-20', 'person:sergey-lavrov', '2024-07-28'),
    ).toBe(id);
    expect(
      statementIdFor('candidate:article-0123-30-40', 'person:sergey-lavrov', '2024-07-28'),
    ).not.toBe(id);
  });
});
