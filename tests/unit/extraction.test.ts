import { describe, expect, it } from 'vitest';
import {
  createLinker,
  extractStatements,
  type ExtractedStatement,
} from '../../src/extraction/index.js';
import { CodePoints } from '../../src/modules/shared/spans.js';

/** The text of a code-point span, as a brat reader would cut it. */
const cut = (text: string, span: { start: number; end: number }) =>
  new CodePoints(text).slice(span.start, span.end);
const contentOf = (text: string, s: ExtractedStatement) =>
  s.content.map((c) => cut(text, c)).join(' | ');

const linker = createLinker([
  { id: 'person:ana-ruiz', type: 'Person', name: 'Ana Ruiz', aliases: ['Ana María Ruiz'] },
  {
    id: 'person:olaf-berg',
    type: 'Person',
    name: 'Olaf Berg',
    aliases: [],
    positions: [
      { title: 'Minister of Foreign Affairs', of: 'country:LVA', from: '2021-10', to: '2025-02' },
    ],
  },
  {
    id: 'person:kari-lund',
    type: 'Person',
    name: 'Kari Lund',
    aliases: [],
    positions: [{ title: 'Minister of Foreign Affairs', of: 'country:LVA', from: '2025-02' }],
  },
  { id: 'country:LVA', type: 'Country', name: 'Latvia', aliases: [] },
  {
    id: 'org:harbour-union',
    type: 'Organization',
    name: 'Harbour Workers Union',
    aliases: ['HWU'],
  },
]);

describe('direct quotes', () => {
  it.each([
    ['“The bridge will open in May,” Ana Ruiz said.', 'The bridge will open in May'],
    ['"The bridge will open in May," Ana Ruiz said.', 'The bridge will open in May'],
    ['«The bridge will open in May», said Ana Ruiz.', 'The bridge will open in May'],
    ['„The bridge will open in May“, said Ana Ruiz.', 'The bridge will open in May'],
    ['‘The bridge will open in May,’ Ana Ruiz said.', 'The bridge will open in May'],
    ['Ana Ruiz said: “The bridge will open in May.”', 'The bridge will open in May.'],
  ])('%s', (text, quoted) => {
    const [s, ...rest] = extractStatements(text, { linker });
    expect(rest).toHaveLength(0);
    expect(s!.kind).toBe('DIRECT_QUOTE');
    expect(s!.form).toBe('DIRECT');
    expect(contentOf(text, s!)).toBe(quoted);
    expect(s!.speaker).toMatchObject({ text: 'Ana Ruiz', id: 'person:ana-ruiz', form: 'NAME' });
    expect(cut(text, s!.cue!)).toBe('said');
    expect(s!.text).toBe('The bridge will open in May.');
  });

  it('joins a quote interrupted by its frame into one statement in two parts', () => {
    const text = '“We asked twice,” she said, “and nobody answered.”';
    const [s] = extractStatements(text);
    expect(s!.content.map((c) => cut(text, c))).toEqual(['We asked twice', 'and nobody answered.']);
    expect(s!.speaker!.form).toBe('PRONOUN');
  });

  it('follows a quote over paragraphs: an open quote continued by an opening mark', () => {
    const text =
      'Ana Ruiz said: “The first ferry leaves at six.\n\n“The second one waits for the mail boat.”\n\nThe harbour stayed quiet.';
    const out = extractStatements(text);
    expect(out).toHaveLength(1);
    expect(out[0]!.content.map((c) => cut(text, c))).toEqual([
      'The first ferry leaves at six.',
      'The second one waits for the mail boat.',
    ]);
  });

  it('reads a dash and a name after a pull quote', () => {
    const text = '“Nobody wins a trade war.” – Ana Ruiz';
    const [s] = extractStatements(text, { linker });
    expect(s!.speaker!.id).toBe('person:ana-ruiz');
    expect(cut(text, s!.cue!)).toBe('–');
  });

  it('gives a framed-less paragraph quote to the previous speaker, with lower confidence', () => {
    const text = '“Prices will fall,” Ana Ruiz said.\n\n“Wages will not follow them this year.”';
    const [first, second] = extractStatements(text, { linker });
    expect(second!.speaker!.id).toBe('person:ana-ruiz');
    expect(second!.cue).toBeNull();
    expect(second!.confidence).toBeLessThan(first!.confidence);
  });

  it('ignores scare quotes nobody is said to have said', () => {
    expect(extractStatements('The so-called “reform” passed on a Tuesday.')).toEqual([]);
  });
});

describe('indirect speech', () => {
  it('takes a verb of saying with its subject and clause', () => {
    const text = 'The Harbour Workers Union said on Friday that the strike would end.';
    const [s] = extractStatements(text, { linker, date: '2024-03-10' });
    expect(s!.kind).toBe('PARAPHRASE');
    expect(s!.form).toBe('INDIRECT');
    expect(contentOf(text, s!)).toBe('the strike would end');
    expect(s!.speaker).toMatchObject({
      text: 'The Harbour Workers Union',
      id: 'org:harbour-union',
    });
    expect(s!.text).toBe('The strike would end.');
    expect(s!.date).toMatchObject({
      text: 'on Friday',
      precision: 'DAY',
      value: '2024-03-08',
      own: true,
    });
  });

  it('reads a trailing frame: "…, X said"', () => {
    const text = 'The strike would end by spring, Ana Ruiz said.';
    const [s] = extractStatements(text, { linker });
    expect(contentOf(text, s!)).toBe('The strike would end by spring');
    expect(s!.speaker!.id).toBe('person:ana-ruiz');
  });

  it('reads "according to X" before and after the clause', () => {
    for (const text of [
      'According to Ana Ruiz, the ferry fleet is too old.',
      'The ferry fleet is too old, according to Ana Ruiz.',
    ]) {
      const [s] = extractStatements(text, { linker });
      expect(contentOf(text, s!).toLowerCase()).toBe('the ferry fleet is too old');
      expect(s!.speaker!.id).toBe('person:ana-ruiz');
      expect(cut(text, s!.cue!).toLowerCase()).toBe('according to');
    }
  });

  it('calls a paraphrase holding quoted words MIXED', () => {
    const text = 'Ana Ruiz warned that the plan was “a gift to smugglers” and would fail.';
    const [s] = extractStatements(text, { linker });
    expect(s!.kind).toBe('PARAPHRASE');
    expect(s!.form).toBe('MIXED');
    expect(contentOf(text, s!)).toBe('the plan was “a gift to smugglers” and would fail');
  });

  it('marks a held view (a verb of thinking) as REPORTED', () => {
    const [s] = extractStatements('Ana Ruiz believes that the port should stay public.', {
      linker,
    });
    expect(s!.kind).toBe('REPORTED');
  });
});

describe('a relative clause inside a reported clause', () => {
  const text =
    'Ana Ruiz said on Sunday that the closure of the harbour, which Olaf Berg considers a threat to the fishing towns, is a mistake.';

  it('leaves the reported claim whole: the relative clause is part of its subject', () => {
    const ruiz = extractStatements(text, { linker, date: '2024-07-28' }).find(
      (s) => s.speaker?.id === 'person:ana-ruiz',
    )!;
    expect(contentOf(text, ruiz)).toBe(
      'the closure of the harbour, which Olaf Berg considers a threat to the fishing towns, is a mistake',
    );
    expect(ruiz.text).toMatch(/^The closure .* is a mistake\.$/);
    expect(ruiz.kind).toBe('PARAPHRASE');
  });

  it('gives the relative clause’s speaker only their own words, about what “which” stands for, undated', () => {
    const berg = extractStatements(text, { linker, date: '2024-07-28' }).find(
      (s) => s.speaker?.id === 'person:olaf-berg',
    )!;
    expect(berg.kind).toBe('REPORTED');
    expect(contentOf(text, berg)).toBe(
      'the closure of the harbour | a threat to the fishing towns',
    );
    expect(berg.text).toBe('The closure of the harbour … a threat to the fishing towns.');
    // "on Sunday" is when Ruiz spoke
    expect(berg.date).toBeNull();
  });

  it('keeps a relative clause closing the sentence to its own words', () => {
    const end = 'Ana Ruiz criticized the harbour plan, which Olaf Berg said would ruin the port.';
    const berg = extractStatements(end, { linker }).find(
      (s) => s.speaker?.id === 'person:olaf-berg',
    )!;
    expect(contentOf(end, berg)).toBe('would ruin the port');
  });
});

describe('speakers', () => {
  it('resolves a pronoun to the previous speaker, with lower confidence than the name', () => {
    const text = 'Ana Ruiz said that taxes would rise. She added that nobody liked it.';
    const [a, b] = extractStatements(text, { linker });
    expect(b!.speaker).toMatchObject({
      text: 'She',
      form: 'PRONOUN',
      id: 'person:ana-ruiz',
      linkedBy: 'coreference',
    });
    expect(b!.speaker!.antecedent!.text).toBe('Ana Ruiz');
    expect(b!.confidence).toBeLessThan(a!.confidence);
  });

  it('resolves a title only to a compatible mention: an institution never to a person, a demonym never to another’s', () => {
    const text =
      'Latvian Foreign Minister Olaf Berg said on Sunday that the talks had failed.\n\n' +
      '“We expect a new round,” the Malaysian foreign ministry said.\n\n' +
      '“We will keep talking,” the Malaysian foreign minister said.\n\n' +
      '“Nothing has changed,” the minister said.';
    const [berg, ministry, malaysian, minister] = extractStatements(text, {
      linker,
      date: '2024-07-28',
    });
    expect(berg!.speaker!.id).toBe('person:olaf-berg');
    for (const s of [ministry!, malaysian!]) {
      expect(s.speaker).toMatchObject({ form: 'TITLE' });
      expect(s.speaker!.id).toBeUndefined();
      expect(s.speaker!.antecedent).toBeUndefined();
      // nor the date of Berg's occasion, told in another sentence
      expect(s.date).toBeNull();
    }
    expect(minister!.speaker).toMatchObject({
      text: 'the minister',
      id: 'person:olaf-berg',
      linkedBy: 'coreference',
    });
    // a title resolved by coreference alone stays undated rather than borrowing a date
    expect(minister!.date).toBeNull();
  });

  it('resolves a person’s title only when the posts the graph knows agree with its demonym', () => {
    const text =
      'Olaf Berg said on Sunday that the talks had failed.\n\n' +
      '“We will keep talking,” the Malaysian minister said.\n\n' +
      '“We will not,” the Latvian official said.';
    const [, malaysian, latvian] = extractStatements(text, { linker, date: '2024-07-28' });
    // Berg is named without a demonym, but holds a post of Latvia on the date
    expect(malaysian!.speaker!.id).toBeUndefined();
    expect(malaysian!.speaker!.antecedent).toBeUndefined();
    expect(latvian!.speaker).toMatchObject({ id: 'person:olaf-berg', linkedBy: 'coreference' });
  });

  it('resolves an institution’s title to the same institution named before', () => {
    const text =
      'The Malaysian Foreign Ministry said on Monday that the embassy would stay open. ' +
      'Ana Ruiz said that she agreed. “Staff are safe,” the ministry said.';
    const found = extractStatements(text, { linker, date: '2024-07-28' });
    const last = found.at(-1)!;
    expect(last.speaker!.text).toBe('the ministry');
    expect(last.speaker!.antecedent!.text).toBe('The Malaysian Foreign Ministry');
  });

  it('links a title through the office held on the article date', () => {
    const text = 'The Latvian foreign minister said that the talks had failed.';
    expect(extractStatements(text, { linker, date: '2024-07-28' })[0]!.speaker).toMatchObject({
      form: 'TITLE',
      id: 'person:olaf-berg',
      linkedBy: 'office',
    });
    expect(extractStatements(text, { linker, date: '2025-06-01' })[0]!.speaker!.id).toBe(
      'person:kari-lund',
    );
    // "top diplomat" is the foreign minister, with the country's word between
    const top = 'The top Latvian diplomat noted that the talks had failed.';
    expect(extractStatements(top, { linker, date: '2024-07-28' })[0]!.speaker).toMatchObject({
      id: 'person:olaf-berg',
      linkedBy: 'office',
    });
  });
});

describe('dates', () => {
  it('resolves relative dates against the article date with their precision', () => {
    const day = extractStatements('Ana Ruiz said on Sunday that the port would reopen.', {
      date: '2024-07-31',
    });
    expect(day[0]!.date).toMatchObject({
      text: 'on Sunday',
      precision: 'DAY',
      value: '2024-07-28',
    });
    const month = extractStatements('Last month, Ana Ruiz said that the port would reopen.', {
      date: '2024-07-31',
    });
    expect(month[0]!.date).toMatchObject({
      text: 'Last month',
      precision: 'MONTH',
      value: '2024-06',
    });
  });

  it('does not take a date inside the content as the statement date', () => {
    const [s] = extractStatements('Ana Ruiz said that the port closed on March 3.', {
      date: '2024-07-31',
    });
    expect(s!.date).toBeNull();
  });
});

describe('offsets', () => {
  it('counts code points, so an emoji before a quote shifts offsets by one', () => {
    const text = '🚢🚢 “Ships are late again,” Ana Ruiz said.';
    const [s] = extractStatements(text, { linker });
    expect(s!.content[0]).toEqual({ start: 4, end: 24 });
    expect(cut(text, s!.speaker!)).toBe('Ana Ruiz');
    expect(s!.speaker).toMatchObject({ start: 27, end: 35 });
  });
});

describe('more frames', () => {
  it('reads doubled apostrophes as quotation marks', () => {
    const text = "''The bridge will open in May,'' said Ana Ruiz, the harbour master.";
    const [s] = extractStatements(text, { linker });
    expect(contentOf(text, s!)).toBe('The bridge will open in May');
    expect(s!.speaker!.id).toBe('person:ana-ruiz');
  });

  it('reads a name and a dash before a quote, and a transcript line', () => {
    const dash = 'Ana Ruiz ― “The ferries are the town’s lifeline.”';
    expect(extractStatements(dash, { linker })[0]!.speaker!.id).toBe('person:ana-ruiz');
    const transcript =
      'RUIZ: We will keep the ferries running all winter.\n\nHOST: Thank you for your time.';
    const out = extractStatements(transcript);
    expect(out.map((s) => [s.speaker!.text, s.kind])).toEqual([
      ['RUIZ', 'DIRECT_QUOTE'],
      ['HOST', 'DIRECT_QUOTE'],
    ]);
  });

  it('keeps a quote that goes on after its frame with the same statement', () => {
    const text = '“Prices will fall,” Ana Ruiz said on Monday. “Wages will not.”';
    const out = extractStatements(text, { linker });
    expect(out).toHaveLength(1);
    expect(out[0]!.content.map((c) => cut(text, c))).toEqual([
      'Prices will fall',
      'Wages will not.',
    ]);
  });

  it('takes the name before an appositive as the speaker', () => {
    const text =
      '“The port needs dredging,” Ana Ruiz, the harbour master since 2019, said on Monday.';
    expect(extractStatements(text, { linker })[0]!.speaker!.text).toBe('Ana Ruiz');
  });

  it('relays a speaker quoted inside a quote as REPORTED, with no date of its own', () => {
    const text =
      '“The union said that the strike would go on until spring,” Ana Ruiz told reporters on Friday.';
    const out = extractStatements(text, { linker, date: '2024-03-10' });
    const relayed = out.find((s) => s.kind === 'REPORTED')!;
    expect(relayed.speaker!.text).toBe('The union');
    expect(contentOf(text, relayed)).toBe('the strike would go on until spring');
    expect(relayed.date).toBeNull();
    expect(out.find((s) => s.kind === 'DIRECT_QUOTE')!.date!.value).toBe('2024-03-08');
  });

  it('ends a reported clause before the writer’s own addition', () => {
    const text = 'Ana Ruiz said that the ferry would stay, which surprised the council.';
    expect(contentOf(text, extractStatements(text, { linker })[0]!)).toBe('the ferry would stay');
  });
});

describe('recall: frames the first reading missed', () => {
  it('reads transcript lines quoted as a whole, one speaker per paragraph', () => {
    const text =
      'The exchange went as follows.\n\n"HOST: Will the ferries run all winter? The council says no.\n\n"RUIZ: They will run every day, I promise you that.';
    const out = extractStatements(text);
    expect(out.map((s) => [s.speaker!.text, s.kind, contentOf(text, s)])).toEqual([
      ['HOST', 'DIRECT_QUOTE', 'Will the ferries run all winter? The council says no.'],
      ['RUIZ', 'DIRECT_QUOTE', 'They will run every day, I promise you that.'],
    ]);
  });

  it('takes a frame closing the paragraph before ("She said:") for the quote that opens the next', () => {
    const text =
      'Ana Ruiz spoke after the vote. She said:\n\n“The harbour stays open. The ferries stay too.”';
    const [s, ...rest] = extractStatements(text, { linker });
    expect(rest).toHaveLength(0);
    expect(s!.speaker!.text).toBe('She');
    expect(cut(text, s!.cue!)).toBe('said');
    expect(contentOf(text, s!)).toBe('The harbour stays open. The ferries stay too.');
  });

  it('reads "The Gazette reports:" as a cue, not as a name before a colon', () => {
    const text = 'The Gazette reports:\n\n“Only a third of the boats left the harbour.”';
    const [s] = extractStatements(text);
    expect(s!.speaker!.text).toBe('The Gazette');
    expect(cut(text, s!.cue!)).toBe('reports');
  });

  it('keeps a sentence whole when the splitter cut it after a bracketed abbreviation', () => {
    const text =
      '“The dredging is late,” said Rep. J.K. Moss (D-Ore.), head of the port caucus. “The council must pay for it.”';
    const out = extractStatements(text);
    expect(out).toHaveLength(1);
    expect(out[0]!.speaker!.text).toBe('Rep. J.K. Moss');
    expect(out[0]!.content.map((c) => cut(text, c))).toEqual([
      'The dredging is late',
      'The council must pay for it.',
    ]);
  });

  it('finds the cue of a quote after a long sentence, near the quote', () => {
    const text =
      'She said part-time crews and seasonal staff would not get the winter bonus promised in the spring, and when asked again why the plan leaves out the crews, the harbour master replied, “The bonus is meant for the full-time staff who kept the port open.”';
    const out = extractStatements(text);
    const quote = out.find((s) => s.kind === 'DIRECT_QUOTE')!;
    expect(quote.speaker!.text).toBe('the harbour master');
    expect(cut(text, quote.cue!)).toBe('replied');
    // the reported clause ends before the other attribution of the sentence
    const reported = out.find((s) => s.form === 'INDIRECT')!;
    expect(contentOf(text, reported)).toBe(
      'part-time crews and seasonal staff would not get the winter bonus promised in the spring',
    );
  });

  it('takes a speaker across a manner adverb, and a named object of one word', () => {
    const text = 'The mayor sharply criticized Ferrylink in a letter to the council.';
    const [s] = extractStatements(text);
    expect(s!.speaker!.text).toBe('The mayor');
    expect(cut(text, s!.cue!)).toBe('criticized');
    const one = 'Ana Ruiz has not mentioned Ferrylink.';
    expect(contentOf(one, extractStatements(one)[0]!)).toBe('Ferrylink');
  });

  it('goes on with a quote after a mixed attribution', () => {
    const text =
      '“I admire the engineering” of the new pier, Ana Ruiz said. “But it came in far over budget.”';
    const [s, ...rest] = extractStatements(text, { linker });
    expect(rest).toHaveLength(0);
    expect(s!.form).toBe('MIXED');
    expect(s!.content.map((c) => cut(text, c))).toEqual([
      '“I admire the engineering” of the new pier',
      'But it came in far over budget.',
    ]);
  });
});

describe('recall: passives, shared subjects, objects and their edges', () => {
  const one = (text: string) => {
    const out = extractStatements(text);
    expect(out).toHaveLength(1);
    const s = out[0]!;
    return {
      content: contentOf(text, s),
      speaker: s.speaker?.text ?? null,
      cue: s.cue ? cut(text, s.cue) : null,
    };
  };

  it('reads a passive cue with its agent as the speaker and its subject as the content', () => {
    expect(one('The harbour plan was endorsed by the dockers’ union.')).toEqual({
      content: 'The harbour plan',
      speaker: 'the dockers’ union',
      cue: 'endorsed',
    });
  });

  it('reads "it was reported that …" as content with no speaker, and a bare passive as nothing', () => {
    expect(one('It was reported that the ferry company would close two routes.')).toEqual({
      content: 'the ferry company would close two routes',
      speaker: null,
      cue: 'reported',
    });
    expect(extractStatements('The skipper was charged with smuggling.')).toEqual([]);
  });

  it('takes no addressee for what was said, and no quoted show title for a quote', () => {
    expect(extractStatements('Ana Ruiz told The Harbour Gazette on Thursday.')).toEqual([]);
    expect(one('Olaf Berg told The Harbour Gazette on Thursday the port would stay open.')).toEqual(
      {
        content: 'the port would stay open',
        speaker: 'Olaf Berg',
        cue: 'told',
      },
    );
    expect(one('Olaf Berg said on “Morning Tide” that the port would stay open.').content).toBe(
      'the port would stay open',
    );
  });

  it('gives a second cue the subject it shares with the first verb', () => {
    const text = 'The harbour board announced a new fee and said it would fund the dredging.';
    const said = extractStatements(text).find((s) => cut(text, s.cue!) === 'said')!;
    expect(said.speaker!.text).toBe('The harbour board');
    expect(contentOf(text, said)).toBe('it would fund the dredging');
  });

  it('ends a first clause before "but has since said …" of the same subject', () => {
    const text =
      'The mayor has encouraged the ferry crews to strike but has said she will not join them.';
    const encouraged = extractStatements(text).find((s) => cut(text, s.cue!) === 'encouraged')!;
    expect(contentOf(text, encouraged)).toBe('the ferry crews to strike');
  });

  it('reads a name opening a sentence as a name even when tagged as a verb', () => {
    expect(one('Lynch said the ferry would not run on Sundays.').speaker).toBe('Lynch');
  });

  it('reads "spoke of" and "talked about" as cues, not "spoke at"', () => {
    expect(one('The mayor spoke of a hard winter for the fishing fleet.').cue).toBe('spoke of');
    expect(extractStatements('The mayor spoke at the harbour festival on Sunday.')).toEqual([]);
  });

  it('leaves the writer’s occasion and participles out of an attributed object', () => {
    expect(
      one('The mayor attacked the ferry company as a cartel during a council meeting.').content,
    ).toBe('the ferry company as a cartel');
    expect(
      one('The report shows that the pier was built too low, contradicting the builder.').content,
    ).toBe('the pier was built too low');
    // a clause keeps its own adverbials
    expect(one('Ana Ruiz said the ferry sank during the storm.').content).toBe(
      'the ferry sank during the storm',
    );
  });
});

describe('recall: lead-ins, relative clauses and participles', () => {
  it('takes the writer’s lead-in of a quote closed by its frame as part of a mixed quote', () => {
    const text = 'With forty ferries on the water, “no single one matters,” Ana Ruiz said.';
    const [s] = extractStatements(text, { linker });
    expect(contentOf(text, s!)).toBe('With forty ferries on the water, “no single one matters,”');
    expect(s!.form).toBe('MIXED');
    expect(s!.kind).toBe('PARAPHRASE');
  });

  it('reads a title ending in "general", a progressive cue and "if" for "that"', () => {
    const text = 'But the attorney general is not saying if the harbour board broke any law.';
    const [s] = extractStatements(text);
    expect(s!.speaker!.text).toBe('the attorney general');
    expect(cut(text, s!.cue!)).toBe('saying');
    expect(contentOf(text, s!)).toBe('if the harbour board broke any law');
  });

  it('gives a participle cue after a comma and an adverb the subject of the clause before', () => {
    const text =
      'The skipper complained about the new buoys, even suggesting they were placed badly.';
    const suggesting = extractStatements(text).find((s) => cut(text, s.cue!) === 'suggesting')!;
    expect(suggesting.speaker!.text).toBe('The skipper');
    expect(contentOf(text, suggesting)).toBe('they were placed badly');
  });

  it('ends a relative clause’s content at its comma, before the main verb', () => {
    const text =
      'Ana Ruiz, who believed that a new pier would never pay, told the council to wait.';
    const believed = extractStatements(text).find((s) => cut(text, s.cue!) === 'believed')!;
    expect(contentOf(text, believed)).toBe('a new pier would never pay');
    expect(believed.kind).toBe('REPORTED');
  });
});

describe('recall: inverted frames, titles and mixed typography', () => {
  it('reads "…, said X, a longtime adviser." without the appositive as content', () => {
    const text = 'The new ferry could sail this week, said Ana Ruiz, a longtime harbour pilot.';
    const [s, ...rest] = extractStatements(text, { linker });
    expect(rest).toHaveLength(0);
    expect(s!.speaker!.text).toBe('Ana Ruiz');
    expect(contentOf(text, s!)).toBe('The new ferry could sail this week');
  });

  it('takes a quoted show title for no one’s words, and the clause after the cue for the content', () => {
    const text =
      'In an interview on “Morning Tide,” Olaf Berg said the new tolls mean that the ferries will run at a loss.';
    const out = extractStatements(text, { linker });
    expect(out).toHaveLength(1);
    expect(out[0]!.speaker!.text).toBe('Olaf Berg');
    expect(contentOf(text, out[0]!)).toBe('the new tolls mean that the ferries will run at a loss');
  });

  it('closes a curly opening mark with a straight one', () => {
    const text =
      'Ana Ruiz said there was “no sign" yet of a leak.\n\n"We see no damage at all," Olaf Berg said.';
    const out = extractStatements(text, { linker });
    expect(out.map((s) => s.speaker!.text)).toEqual(['Ana Ruiz', 'Olaf Berg']);
    expect(contentOf(text, out[1]!)).toBe('We see no damage at all');
  });
});

describe('precision: what a frame is not', () => {
  it('keeps the clause of a trailing frame that names an occasion or an addressee', () => {
    for (const text of [
      'The ferry will sail on time, Ana Ruiz said at a harbour event.',
      'The ferry will sail on time, Ana Ruiz told the Gazette.',
    ]) {
      const [s, ...rest] = extractStatements(text, { linker });
      expect(rest).toHaveLength(0);
      expect(contentOf(text, s!)).toBe('The ferry will sail on time');
    }
  });

  it('takes no time clause of the writer’s for what was said', () => {
    const text = 'That was what Ana Ruiz said when she left the board.';
    const out = extractStatements(text, { linker });
    expect(out.map((s) => contentOf(text, s))).toEqual(['what']);
  });

  it('leaves a time out of the speaker: "Olaf Berg this week said …"', () => {
    const text = 'Olaf Berg this week said he would name a new harbour master.';
    const [s] = extractStatements(text, { linker });
    expect(s!.speaker!.text).toBe('Olaf Berg');
    expect(s!.speaker!.id).toBe('person:olaf-berg');
  });

  it('reads a quoted show title after a name’s possessive as a title', () => {
    const text = 'On the Gazette\'s "Harbour Hour," Olaf Berg said the tolls would stay.';
    const out = extractStatements(text, { linker });
    expect(out).toHaveLength(1);
    expect(contentOf(text, out[0]!)).toBe('the tolls would stay');
  });
});

describe('headlines in Title Case', () => {
  it('reads a headline verb of saying as a cue, not as part of a name', () => {
    const text = 'Harbour Master Calls New Ferry Tolls ‘A Disgrace’\n\nThe tolls start on Monday.';
    const [s] = extractStatements(text);
    expect(s!.speaker!.text).toBe('Harbour Master');
    expect(cut(text, s!.cue!)).toBe('Calls');
    expect(contentOf(text, s!)).toBe('New Ferry Tolls ‘A Disgrace’');
  });

  it('frees the cue of a quote too short to be a statement for the clause around it', () => {
    const text = 'Dockers Slam ‘Reckless’ Plan For The Old Pier\n\nThe vote is on Friday.';
    const [s] = extractStatements(text);
    expect(s!.speaker!.text).toBe('Dockers');
    expect(contentOf(text, s!)).toBe('‘Reckless’ Plan For The Old Pier');
  });
});

describe('frames with an addressee or an insertion', () => {
  it('reads "“…,” he told me." and a quote ending in a nested quote as framed quotes', () => {
    const text = '“We must not overreact to talk of tolls,” Olaf Berg told me. The port is calm.';
    const [s] = extractStatements(text, { linker });
    expect(s!.kind).toBe('DIRECT_QUOTE');
    expect(s!.speaker!.text).toBe('Olaf Berg');
    const nested = `"I never liked the word 'outreach,' " he told the group.`;
    expect(extractStatements(nested)[0]!.kind).toBe('DIRECT_QUOTE');
  });

  it('finds the speaker past an age and a relative clause: "X, 56, who …, told …"', () => {
    const text =
      'Olaf Berg, 56, who has chaired the board for a decade, told the Gazette it is clear that the pier is unsafe.';
    const [s] = extractStatements(text, { linker });
    expect(s!.speaker!.text).toBe('Olaf Berg');
    expect(contentOf(text, s!)).toBe('it is clear that the pier is unsafe');
  });
});

describe('subjects of gerunds and quantified relatives', () => {
  it('gives a participle cue the subject of the main clause, past an opening adverbial', () => {
    const text =
      'In August, three harbour groups granted the builder an extension, saying his "money ran out sooner than expected."';
    const saying = extractStatements(text).find((s) => cut(text, s.cue!) === 'saying')!;
    expect(saying.speaker!.text).toBe('three harbour groups');
  });

  it('gives a gerund after "by" the subject of its clause', () => {
    const text = 'Ana Ruiz went on the radio and began by saying she would never sell the pier.';
    const [s] = extractStatements(text, { linker });
    expect(s!.speaker!.text).toBe('Ana Ruiz');
    expect(contentOf(text, s!)).toBe('she would never sell the pier');
  });

  it('takes "many of whom" as the speaker, and a year between a relative and its cue', () => {
    const one = 'She met the ferry crews, many of whom say the tolls are unfair.';
    expect(extractStatements(one)[0]!.speaker!.text).toBe('many of whom');
    const two = 'Olaf Berg, who in 2010 said the pier would never pay, now backs it.';
    expect(contentOf(two, extractStatements(two, { linker })[0]!)).toBe('the pier would never pay');
  });

  it('skips a time phrase after the cue up to the clause’s subject', () => {
    const text = 'Olaf Berg said after the vote he would not run again.';
    expect(contentOf(text, extractStatements(text, { linker })[0]!)).toBe('he would not run again');
  });
});

describe('free relatives and quotes with their own frame', () => {
  it('reads "what X said was Y" and "what X now hopes" with "what" as the content', () => {
    const one = 'The money went to hotels, amounting to what the auditors said was a giveaway.';
    const [a] = extractStatements(one);
    expect(a!.speaker!.text).toBe('the auditors');
    expect(a!.content.map((c) => cut(one, c))).toEqual(['what', 'was a giveaway']);
    const two = 'A quick vote is what the harbour board now hopes.';
    const [b] = extractStatements(two);
    expect(b!.speaker!.text).toBe('the harbour board');
    expect(contentOf(two, b!)).toBe('what');
  });

  it('does not carry a quote over to the previous speaker when its sentence has its own frame', () => {
    const text =
      '“This is not right,” Ana Ruiz said. “You squeezed the crews to the breaking point” to cut costs, she said.';
    const out = extractStatements(text, { linker });
    expect(out).toHaveLength(2);
    expect(contentOf(text, out[1]!)).toBe(
      '“You squeezed the crews to the breaking point” to cut costs',
    );
  });
});

describe('nouns of saying, second cues and relative clauses without "that"', () => {
  it('reads "X’s claim that …" with the owner as the speaker', () => {
    const text = 'The council rejected Olaf Berg’s claim that the pier had been built too low.';
    const out = extractStatements(text, { linker });
    const claim = out.find((s) => cut(text, s.cue!) === 'claim')!;
    expect(claim.speaker).toMatchObject({ text: 'Olaf Berg', id: 'person:olaf-berg' });
    expect(contentOf(text, claim)).toBe('the pier had been built too low');
    // the verb before it takes the noun phrase as its object, not the noun's clause
    const rejected = out.find((s) => cut(text, s.cue!) === 'rejected')!;
    expect(contentOf(text, rejected)).toBe('Olaf Berg’s claim');
  });

  it('ends a clause before "and says …" of the same subject, which speaks again', () => {
    const text = 'Ana Ruiz is telling the crews that the port is safe and says she will stay.';
    const out = extractStatements(text, { linker });
    expect(out.map((s) => [cut(text, s.cue!), contentOf(text, s)])).toEqual([
      ['telling', 'the port is safe'],
      ['says', 'she will stay'],
    ]);
  });

  it('takes "the pilots I spoke to" as one speaker', () => {
    const text = 'All the pilots I interviewed said the new buoys were badly placed.';
    expect(extractStatements(text)[0]!.speaker!.text).toBe('All the pilots I interviewed');
  });
});

describe('sources the tagger misreads', () => {
  it('reads "according to exit polls" although the tagger takes "exit" for a verb', () => {
    const text = 'According to exit polls, the harbour party lost the port towns by ten points.';
    const [s] = extractStatements(text);
    expect(s!.speaker!.text).toBe('exit polls');
    expect(contentOf(text, s!)).toBe('the harbour party lost the port towns by ten points');
  });

  it('takes "someone" as a speaker', () => {
    const text = 'Then someone asked how the ferry could run in winter.';
    const [s] = extractStatements(text);
    expect(s!.speaker).toMatchObject({ text: 'someone', form: 'PRONOUN' });
    expect(contentOf(text, s!)).toBe('how the ferry could run in winter');
  });
});

describe('infinitives of means', () => {
  it('takes no speaker for "a way to tell" or "every right to know"', () => {
    expect(extractStatements('There is no way to tell how deep the harbour is.')).toEqual([]);
    expect(
      extractStatements('Voters have every right to know where the ferry money went.'),
    ).toEqual([]);
  });
});
