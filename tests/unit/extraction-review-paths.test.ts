import { describe, expect, it } from 'vitest';
import { articleTitle, mergeMetadata, textMetadata } from '../../src/articles/article.metadata.js';
import { candidatesToDataset } from '../../src/extraction/dataset.js';
import { findDates } from '../../src/extraction/dates.js';
import { extractStatements } from '../../src/extraction/extract.js';
import { proposeActor, splitTitle } from '../../src/extraction/proposal.js';
import { candidatesOf } from '../../src/modules/review/review.candidates.js';
import { CodePoints } from '../../src/modules/shared/spans.js';

/**
 * What the command line (`statement-graph extract`, `--dataset`) and the review API
 * share: one rule for a new speaker's proposal, one for a candidate's text, the date
 * phrase as words, and the title an article is stored with. Pure, no database.
 */

const ARTICLE =
  'Malaysian Foreign Minister Mohamad Hasan said on Sunday that the region needed calm.\n\n' +
  '“We will keep talking,” the Malaysian foreign ministry said in a statement.';

describe('one path for the CLI and the review API', () => {
  const found = extractStatements(ARTICLE, { date: '2024-07-28' });
  const dataset = candidatesToDataset(found, {
    slug: 'malaysia',
    title: 'Malaysia',
    date: '2024-07-28',
  });
  const rows = candidatesOf('source:article-x', new CodePoints(ARTICLE), found);

  it('proposes a titled name as the person without the title, the same in the CLI and the API', () => {
    const hasan = found.find((s) => s.speaker?.text.includes('Hasan'))!;
    expect(proposeActor(hasan.speaker)).toEqual({
      type: 'PERSON',
      name: 'Mohamad Hasan',
      id: 'person:mohamad-hasan',
      role: 'Malaysian Foreign Minister',
    });
    expect(dataset.people.map((p) => [p.id, p.name])).toEqual([
      ['person:mohamad-hasan', 'Mohamad Hasan'],
    ]);
    expect(rows.find((r) => r.speakerText?.includes('Hasan'))).toMatchObject({
      proposalType: 'PERSON',
      proposalId: 'person:mohamad-hasan',
      proposalName: 'Mohamad Hasan',
      proposalRole: 'Malaysian Foreign Minister',
    });
  });

  it('proposes words naming an institution as an organisation, and nothing for a title or pronoun', () => {
    expect(proposeActor({ text: 'the Malaysian foreign ministry', form: 'TITLE' })).toEqual({
      type: 'ORGANIZATION',
      name: 'Malaysian foreign ministry',
      id: 'org:malaysian-foreign-ministry',
    });
    // found in an article after a person's name: not resolved to that person, proposed as itself
    const ministry = found.find((s) => s.speaker?.text === 'the Malaysian foreign ministry')!;
    expect(proposeActor(ministry.speaker)).toMatchObject({ id: 'org:malaysian-foreign-ministry' });
    expect(dataset.organizations.map((o) => o.id)).toEqual(['org:malaysian-foreign-ministry']);
    expect(rows.find((r) => r.speakerText === 'the Malaysian foreign ministry')).toMatchObject({
      proposalType: 'ORGANIZATION',
      proposalId: 'org:malaysian-foreign-ministry',
    });
    expect(proposeActor({ text: 'the top Russian diplomat', form: 'TITLE' })).toBeNull();
    expect(proposeActor({ text: 'she', form: 'PRONOUN' })).toBeNull();
    expect(proposeActor({ text: 'NATO', form: 'NAME' })).toMatchObject({ type: 'ORGANIZATION' });
  });

  it('splits only a title that leaves a name', () => {
    expect(splitTitle('Prime Minister Benjamin Netanyahu')).toEqual({
      role: 'Prime Minister',
      name: 'Benjamin Netanyahu',
    });
    expect(splitTitle('Secretary of State Antony Blinken')).toEqual({
      role: 'Secretary of State',
      name: 'Antony Blinken',
    });
    expect(splitTitle('Mousa Abu Marzouk')).toEqual({ name: 'Mousa Abu Marzouk' });
  });

  it('gives a candidate the same text in the CLI and the API: no leading "that"', () => {
    const hasan = found.find((s) => s.speaker?.text.includes('Hasan'))!;
    expect(hasan.text).toBe('The region needed calm.');
    const row = rows.find((r) => r.speakerText?.includes('Hasan'))!;
    expect(row.text).toBe(hasan.text);
    for (const s of found)
      expect(rows.find((r) => r.spanStarts[0] === s.content[0]!.start)!.text).toBe(s.text);
  });

  it('keeps a date phrase to its words, without the comma after it', () => {
    expect(findDates('On Sunday, the minister said.', '2024-07-28')[0]).toMatchObject({
      text: 'On Sunday',
      start: 0,
      end: 9,
    });
    const hasan = found.find((s) => s.speaker?.text.includes('Hasan'))!;
    expect(hasan.date).toMatchObject({ text: 'on Sunday', value: '2024-07-28' });
    expect(ARTICLE.slice(hasan.date!.start, hasan.date!.end)).toBe('on Sunday');
  });
});

describe('the title an article is stored with', () => {
  it('is its headline, from the first line when it reads as one', () => {
    const text = 'Malaysia calls for calm in Gaza\n\nKUALA LUMPUR, 28 July 2024\n\n' + ARTICLE;
    const metadata = mergeMetadata(textMetadata(text));
    expect(articleTitle(text, metadata)).toBe('Malaysia calls for calm in Gaza');
  });

  it('without a headline, is the outlet, the date and the lede, never the byline line', () => {
    const text =
      'date 2024-07-28 By Harbour Chronicle Staff\n\n“We will keep talking.” – the ministry\n\n' +
      ARTICLE +
      '\n\n(PC, TASS)';
    const metadata = mergeMetadata(textMetadata(text));
    expect(metadata.headline).toBeUndefined();
    expect(articleTitle(text, metadata)).toBe(
      'Harbour Chronicle, 2024-07-28: Malaysian Foreign Minister Mohamad Hasan said on Sunday that the region needed calm.',
    );
    expect(
      articleTitle(
        'Lavrov said on Sunday that talks would go on and on for a long time yet, since nobody is ready to stop the war and every side is sure it wins, and more.',
        { credits: [] },
      ),
    ).toBe(
      'Article: Lavrov said on Sunday that talks would go on and on for a long time yet, since nobody is ready to stop the war and…',
    );
  });
});
