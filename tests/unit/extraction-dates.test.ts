import { describe, expect, it } from 'vitest';
import { parseStatementDate } from '../../src/calendar.js';
import { candidatesToDataset, recordedDate } from '../../src/extraction/dataset.js';
import { findDates } from '../../src/extraction/dates.js';
import {
  createLinker,
  extractStatements,
  type ExtractedStatement,
} from '../../src/extraction/index.js';
import { candidatesOf, statementIdFor } from '../../src/modules/review/review.candidates.js';
import { CodePoints } from '../../src/modules/shared/spans.js';
import { validateDataset } from '../../src/records/validate.js';

/**
 * The date of saying each statement gets: the phrase as the article words it, resolved
 * against the article's date with its precision (DAY, MONTH, YEAR, BOUNDED). Every
 * sentence here is invented for the test.
 */

const cut = (text: string, span: { start: number; end: number }) =>
  new CodePoints(text).slice(span.start, span.end);

/** 2024-07-28 is a Sunday; its ISO week runs from Monday 2024-07-22. */
const SUNDAY = '2024-07-28';
/** 2024-07-31 is a Wednesday. */
const WEDNESDAY = '2024-07-31';

const only = (text: string, date: string) => {
  const found = findDates(text, date);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('findDates: phrases resolved against the article date', () => {
  it.each([
    // phrase in a sentence, article date, words kept, precision, value
    ['The mayor spoke in 2020 about it.', SUNDAY, 'in 2020', 'YEAR', '2020'],
    ['The mayor spoke in late 2019 about it.', SUNDAY, 'in late 2019', 'YEAR', '2019'],
    ['The mayor spoke last year.', SUNDAY, 'last year', 'YEAR', '2023'],
    ['The mayor spoke last month.', WEDNESDAY, 'last month', 'MONTH', '2024-06'],
    ['The mayor spoke two months ago.', WEDNESDAY, 'two months ago', 'MONTH', '2024-05'],
    ['The mayor spoke in early June.', SUNDAY, 'in early June', 'MONTH', '2024-06'],
    ['The mayor spoke in mid-July.', SUNDAY, 'in mid-July', 'MONTH', '2024-07'],
    ['The mayor spoke on July 26.', SUNDAY, 'on July 26', 'DAY', '2024-07-26'],
    ['The mayor spoke on 26 July.', SUNDAY, 'on 26 July', 'DAY', '2024-07-26'],
    ['The mayor spoke yesterday.', SUNDAY, 'yesterday', 'DAY', '2024-07-27'],
    ['The mayor spoke three days ago.', SUNDAY, 'three days ago', 'DAY', '2024-07-25'],
    ['The mayor spoke on Sunday.', SUNDAY, 'on Sunday', 'DAY', '2024-07-28'],
    // a weekday is the latest on or before the article's day, never the next one
    ['The mayor spoke on Monday.', SUNDAY, 'on Monday', 'DAY', '2024-07-22'],
    ['The mayor spoke on Friday.', WEDNESDAY, 'on Friday', 'DAY', '2024-07-26'],
    ['The mayor spoke last Sunday.', SUNDAY, 'last Sunday', 'DAY', '2024-07-21'],
    // weeks and periods running to the article's day are bounds
    ['The mayor spoke last week.', SUNDAY, 'last week', 'BOUNDED', '2024-07-15/2024-07-21'],
    ['The mayor spoke last week.', WEDNESDAY, 'last week', 'BOUNDED', '2024-07-22/2024-07-28'],
    ['The mayor spoke this week.', SUNDAY, 'this week', 'BOUNDED', '2024-07-22/2024-07-28'],
    [
      'The mayor spoke two weeks ago.',
      WEDNESDAY,
      'two weeks ago',
      'BOUNDED',
      '2024-07-15/2024-07-21',
    ],
    [
      'The mayor spoke last weekend.',
      WEDNESDAY,
      'last weekend',
      'BOUNDED',
      '2024-07-27/2024-07-28',
    ],
    [
      'The mayor spoke over the weekend.',
      WEDNESDAY,
      'over the weekend',
      'BOUNDED',
      '2024-07-27/2024-07-28',
    ],
    [
      'The mayor spoke earlier this month.',
      SUNDAY,
      'earlier this month',
      'BOUNDED',
      '2024-07-01/2024-07-28',
    ],
    [
      'The mayor spoke earlier this year.',
      SUNDAY,
      'earlier this year',
      'BOUNDED',
      '2024-01-01/2024-07-28',
    ],
    // a year-less day after the article's is last year's
    ['The mayor spoke on October 7.', SUNDAY, 'on October 7', 'DAY', '2023-10-07'],
  ])('%s (%s) → "%s", %s %s', (sentence, date, words, precision, value) => {
    const found = only(sentence, date);
    expect(found).toMatchObject({ text: words, precision, value });
    expect(sentence.slice(found.start, found.end)).toBe(words);
    // the value is a statement date the calendar reads, covering from..to
    const read = parseStatementDate(found.value)!;
    expect(read).toMatchObject({ precision, start: found.from, end: found.to });
  });

  it('keeps the preposition and the year of a full date, not the comma after it', () => {
    const sentence = 'The mayor said on July 26, 2024, that the bridge would open.';
    expect(only(sentence, SUNDAY)).toMatchObject({
      text: 'on July 26, 2024',
      start: 15,
      end: 31,
      precision: 'DAY',
      value: '2024-07-26',
    });
  });

  it.each([
    ['The mayor will speak next week.'],
    ['The mayor will speak tomorrow.'],
    ['The mayor will speak later this year.'],
    ['The mayor will speak later this month.'],
    ['The mayor will speak in 2031.'],
  ])('finds no date of saying in a time to come: %s', (sentence) => {
    expect(findDates(sentence, SUNDAY)).toEqual([]);
  });

  it.each([
    ['The port has been closed since March 3.'],
    ['The port stays closed until October 7.'],
    ['The port must reopen by June 3.'],
    ['The mayor recalled the October 7 attack.'],
    ['The mayor praised the ceasefire of March 3.'],
  ])('finds no date of saying in a bound or a noun’s modifier: %s', (sentence) => {
    expect(findDates(sentence, SUNDAY)).toEqual([]);
  });
});

const linker = createLinker([
  { id: 'person:ana-ruiz', type: 'Person', name: 'Ana Ruiz', aliases: [] },
  { id: 'person:olaf-berg', type: 'Person', name: 'Olaf Berg', aliases: [] },
]);
const extract = (text: string, date = WEDNESDAY) => extractStatements(text, { date, linker });
const bySpeaker = (found: ExtractedStatement[], id: string) =>
  found.filter((s) => s.speaker?.id === id);

describe('the date of saying of each statement', () => {
  it('takes a year in the frame: "X said in 2020 that …" (YEAR)', () => {
    const text = 'Ana Ruiz said in 2020 that the port would reopen.';
    const [s] = extract(text);
    expect(s!.date).toMatchObject({ text: 'in 2020', precision: 'YEAR', value: '2020', own: true });
    expect(cut(text, s!.date!)).toBe('in 2020');
    expect(s!.text).toBe('The port would reopen.');
  });

  it('takes a week as bounds: "X said last week …" (BOUNDED, the ISO week before the article’s)', () => {
    const [s] = extract('Ana Ruiz said last week that the port would reopen.');
    expect(s!.date).toMatchObject({
      text: 'last week',
      precision: 'BOUNDED',
      value: '2024-07-22/2024-07-28',
      from: '2024-07-22',
      to: '2024-07-28',
      own: true,
    });
    expect(s!.text).toBe('The port would reopen.');
  });

  it('takes "earlier this year" as bounds from January 1 to the article’s day', () => {
    const [s] = extract('“The port will reopen,” Ana Ruiz said earlier this year.');
    expect(s!.date).toMatchObject({
      text: 'earlier this year',
      precision: 'BOUNDED',
      value: '2024-01-01/2024-07-31',
    });
  });

  it('takes relative days and months against the article date', () => {
    expect(extract('Ana Ruiz said yesterday that the port would reopen.')[0]!.date).toMatchObject({
      text: 'yesterday',
      precision: 'DAY',
      value: '2024-07-30',
    });
    expect(extract('Last month, Ana Ruiz said that the port would reopen.')[0]!.date).toMatchObject(
      { text: 'Last month', precision: 'MONTH', value: '2024-06' },
    );
    expect(extract('Ana Ruiz said on Sunday that the port would reopen.')[0]!.date).toMatchObject({
      text: 'on Sunday',
      precision: 'DAY',
      value: '2024-07-28',
    });
  });

  it('takes its own full date over the date of an earlier paragraph, with the phrase’s "on"', () => {
    const text =
      'On Monday, Ana Ruiz told reporters that the port would reopen.\n\n' +
      'Ruiz said on July 26, 2024, that the ferries would run again.';
    const [monday, july] = extract(text);
    expect(monday!.date).toMatchObject({ text: 'On Monday', value: '2024-07-29', own: true });
    expect(july!.date).toMatchObject({
      text: 'on July 26, 2024',
      precision: 'DAY',
      value: '2024-07-26',
      own: true,
    });
    expect(cut(text, july!.date!)).toBe('on July 26, 2024');
    // the date is the frame's, not the start of what was said
    expect(july!.text).toBe('The ferries would run again.');
  });

  it('keeps the phrase as the article says it: "on July 26", with its span', () => {
    const text = 'Ana Ruiz said on July 26 that the port would reopen.';
    const [s] = extract(text);
    expect(s!.date).toMatchObject({ text: 'on July 26', precision: 'DAY', value: '2024-07-26' });
    expect(cut(text, s!.date!)).toBe('on July 26');
  });

  it('never takes a date the speaker talks about', () => {
    expect(
      extract('Ana Ruiz said that the ceasefire of March 3 had collapsed.')[0]!.date,
    ).toBeNull();
    expect(extract('Ana Ruiz said the March 3 ceasefire had collapsed.')[0]!.date).toBeNull();
    const [s] = extract('Ana Ruiz said on Monday that the ceasefire of March 3 had collapsed.');
    expect(s!.date).toMatchObject({ text: 'on Monday', value: '2024-07-29' });
  });

  it('never takes a time to come as the date of saying', () => {
    const [s] = extract('Ana Ruiz said next week would bring the port’s reopening.');
    expect(s!.date).toBeNull();
  });

  it('gives a date in the speaker’s relative clause to that clause, not to the saying', () => {
    const [s] = extract('Olaf Berg, who visited Riga in 2011, said that the port would reopen.');
    expect(s!.speaker!.id).toBe('person:olaf-berg');
    expect(s!.date).toBeNull();
    const [t] = extract(
      'Olaf Berg, who visited Riga in 2011, said on Friday that the port would reopen.',
    );
    expect(t!.date).toMatchObject({ text: 'on Friday', value: '2024-07-26' });
  });

  it('lets a date opening the sentence govern each attribution in it', () => {
    const found = extract(
      'On Monday, Ana Ruiz said that the port would reopen; Olaf Berg said that the ferries would run.',
    );
    expect(bySpeaker(found, 'person:ana-ruiz')[0]!.date).toMatchObject({
      text: 'On Monday',
      own: true,
    });
    expect(bySpeaker(found, 'person:olaf-berg')[0]!.date).toMatchObject({
      text: 'On Monday',
      value: '2024-07-29',
      own: true,
    });
  });

  it('gives a date beside one cue of the sentence to that one only', () => {
    const found = extract(
      'Ana Ruiz said on Monday that the port would reopen, while Olaf Berg said that it would not.',
    );
    expect(bySpeaker(found, 'person:ana-ruiz')[0]!.date).toMatchObject({ text: 'on Monday' });
    expect(bySpeaker(found, 'person:olaf-berg')[0]!.date).toBeNull();
  });
});

describe('dates carried over from another sentence', () => {
  it('carries the speaker’s date to their words in the paragraphs that follow', () => {
    const text =
      'Ana Ruiz said on Monday that the port would reopen.\n\n' +
      '“The ferries will run by August,” she said.\n\n' +
      '“Nobody will lose their job,” Ruiz added.';
    const found = extract(text);
    expect(found).toHaveLength(3);
    expect(found[0]!.date).toMatchObject({ value: '2024-07-29', own: true });
    for (const s of found.slice(1))
      expect(s.date).toMatchObject({ text: 'on Monday', value: '2024-07-29', own: false });
  });

  it('carries the date of an occasion told of the speaker (an interview)', () => {
    const text =
      'Last month, Olaf Berg discussed the port in an interview with a radio station.\n\n' +
      '“The ferries will run again,” Berg said.';
    const quote = extract(text).find((s) => s.text === 'The ferries will run again.')!;
    expect(quote.speaker!.id).toBe('person:olaf-berg');
    expect(quote.date).toMatchObject({
      text: 'Last month',
      precision: 'MONTH',
      value: '2024-06',
      own: false,
    });
  });

  it('stops carrying once another speaker’s words come between', () => {
    const text =
      'Ana Ruiz said on Monday that the port would reopen.\n\n' +
      '“It will not,” Olaf Berg said.\n\n' +
      '“The ferries will run,” Ruiz said.';
    const found = extract(text);
    expect(found.map((s) => s.date?.value ?? null)).toEqual(['2024-07-29', null, null]);
  });

  it('stops carrying once another dated occasion comes between', () => {
    const text =
      'Ana Ruiz said on Monday that the port would reopen.\n\n' +
      'On Tuesday, Olaf Berg met the harbour workers.\n\n' +
      '“The ferries will run,” Ruiz said.';
    const last = extract(text).at(-1)!;
    expect(last.speaker!.id).toBe('person:ana-ruiz');
    expect(last.date).toBeNull();
  });

  it('dates a pull quote above the lead by the lead, but not a statement before another paragraph', () => {
    const pull =
      '“The port will reopen.” – Ana Ruiz\n\nAna Ruiz said on Sunday that the port would reopen.';
    expect(extract(pull)[0]!.date).toMatchObject({ text: 'on Sunday', own: false });
    const body =
      'Ana Ruiz has warned that the port is unsafe.\n\n' +
      'Olaf Berg said that it was safe.\n\n' +
      'On Monday, Ana Ruiz said that the port would close.';
    expect(extract(body)[0]!.date).toBeNull();
  });
});

describe('a bounded date on its way to the graph', () => {
  const text = 'Ana Ruiz said last week that the port would reopen.';
  const found = extract(text, '2024-07-28');

  it('is written to a --dataset file as the statement’s bounds, with its phrase', async () => {
    expect(recordedDate(found[0]!, '2024-07-28')).toEqual({
      date: '2024-07-15/2024-07-21',
      datePhrase: 'last week',
    });
    const dataset = candidatesToDataset(found, { slug: 'port', title: 'Port', date: '2024-07-28' });
    expect(dataset.statements[0]).toMatchObject({
      date: '2024-07-15/2024-07-21',
      datePhrase: 'last week',
    });
    // the importer's own validation accepts it (the speaker as one the graph holds)
    const checked = await validateDataset(
      JSON.parse(JSON.stringify(dataset)),
      async (ids) => new Set(ids),
    );
    expect(checked.ok ? [] : checked.problems).toEqual([]);
  });

  it('is a review candidate’s value and precision, and its statement id has no "/"', () => {
    const [row] = candidatesOf('source:article-port', new CodePoints(text), found);
    expect(row).toMatchObject({
      dateText: 'last week',
      dateValue: '2024-07-15/2024-07-21',
      datePrecision: 'BOUNDED',
    });
    expect(statementIdFor(row!.id, 'person:ana-ruiz', row!.dateValue!)).toMatch(
      /^statement:ana-ruiz-2024-07-15-to-2024-07-21-[0-9a-f]{10}$/,
    );
    expect(statementIdFor(row!.id, 'person:ana-ruiz', '../2024-07-28')).toMatch(
      /^statement:ana-ruiz-by-2024-07-28-[0-9a-f]{10}$/,
    );
  });
});
