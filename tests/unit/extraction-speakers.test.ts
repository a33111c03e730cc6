import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runExtract } from '../../src/cli/extract.js';
import { loadConfig } from '../../src/config.js';
import { candidatesToDataset } from '../../src/extraction/dataset.js';
import { createLinker, extractStatements } from '../../src/extraction/index.js';
import { proposeActor } from '../../src/extraction/proposal.js';
import { candidatesOf } from '../../src/modules/review/review.candidates.js';
import { CodePoints } from '../../src/modules/shared/spans.js';

/**
 * Speakers named in short and countries speaking: a surname after the full name is
 * that person (one link, one proposal), a lone name that speaks is a person, a
 * country's name is a country. Invented sentences; no database.
 */

const speakersOf = (text: string, date = '2025-03-14') =>
  extractStatements(text, { date }).map((s) => ({
    said: s.text,
    speaker: s.speaker?.text,
    antecedent: s.speaker?.antecedent?.text,
    proposal: proposeActor(s.speaker),
  }));

describe('a surname after the full name', () => {
  it('resolves to the earlier full mention and proposes that one person', () => {
    const text =
      'Dana Kowalczyk, a wheat farmer from the valley, met inspectors on Tuesday.\n\n' +
      'Kowalczyk said the new rules would ruin small farms.';
    const [s] = speakersOf(text);
    expect(s).toMatchObject({ speaker: 'Kowalczyk', antecedent: 'Dana Kowalczyk' });
    expect(s!.proposal).toEqual({
      type: 'PERSON',
      name: 'Dana Kowalczyk',
      id: 'person:dana-kowalczyk',
    });
  });

  it('links through the full mention, not to another bearer of the surname', () => {
    const linker = createLinker([
      { id: 'person:dana-kowalczyk', type: 'Person', name: 'Dana Kowalczyk', aliases: [] },
      { id: 'person:piotr-kowalczyk', type: 'Person', name: 'Piotr Kowalczyk', aliases: [] },
      { id: 'person:ivo-brandt', type: 'Person', name: 'Ivo Brandt', aliases: [] },
    ]);
    const text =
      'Dana Kowalczyk spoke at the hearing. Kowalczyk said the rules were unfair.\n\n' +
      'Later, Ursel Brandt, a baker, took the floor. Brandt said bread prices would rise.';
    const found = extractStatements(text, { date: '2025-03-14', linker });
    const kowalczyk = found.find((s) => s.speaker?.text === 'Kowalczyk')!;
    // "Kowalczyk" alone is a tie; through "Dana Kowalczyk" it is one person
    expect(kowalczyk.speaker).toMatchObject({
      id: 'person:dana-kowalczyk',
      linkedBy: 'coreference',
    });
    // "Brandt" alone would link to the graph's only Brandt, who is not the baker
    const brandt = found.find((s) => s.speaker?.text === 'Brandt')!;
    expect(brandt.speaker?.id).toBeUndefined();
    expect(brandt.speaker?.antecedent?.text).toBe('Ursel Brandt');
    expect(proposeActor(brandt.speaker)).toMatchObject({ id: 'person:ursel-brandt' });
  });

  it('corefers multi-word surnames and names with particles to the full mention', () => {
    const text =
      'Khalil Abu Saada, the council’s treasurer, said the budget was balanced.\n\n' +
      'Abu Saada added that salaries would be paid on time.\n\n' +
      'Maria van der Berg was also at the meeting. Van der Berg said the audit was late.\n\n' +
      'Tariq al-Hamdani spoke next. Hamdani said the roads came first.';
    const found = speakersOf(text);
    const ids = (speaker: string) =>
      found.filter((s) => s.speaker === speaker).map((s) => s.proposal?.id);
    expect(ids('Abu Saada')).toEqual(['person:khalil-abu-saada']);
    expect(ids('Van der Berg')).toEqual(['person:maria-van-der-berg']);
    expect(ids('Hamdani')).toEqual(['person:tariq-al-hamdani']);
    // one proposal for the person, however the article names them
    const dataset = candidatesToDataset(extractStatements(text, { date: '2025-03-14' }), {
      slug: 'council',
      title: 'Council',
      date: '2025-03-14',
    });
    expect(dataset.people.map((p) => p.id)).toEqual([
      'person:khalil-abu-saada',
      'person:maria-van-der-berg',
      'person:tariq-al-hamdani',
    ]);
  });

  it('gives a titled full mention’s surname the same proposal, with its title', () => {
    const text =
      'Peruvian Trade Minister Rosa Quispe Mamani arrived in Lima on Monday.\n\n' +
      'Mamani said that the treaty would be signed in May.';
    const [s] = speakersOf(text);
    expect(s).toMatchObject({ speaker: 'Mamani' });
    expect(s!.proposal).toEqual({
      type: 'PERSON',
      name: 'Rosa Quispe Mamani',
      id: 'person:rosa-quispe-mamani',
      role: 'Peruvian Trade Minister',
    });
  });

  it('resolves nothing when two earlier people end with the surname', () => {
    const text =
      'Tom Okafor chairs the board. Grace Okafor runs the clinic.\n\n' +
      'Okafor said the clinic would stay open.';
    const [s] = speakersOf(text);
    expect(s).toMatchObject({ speaker: 'Okafor', antecedent: undefined });
    expect(s!.proposal).toMatchObject({ type: 'PERSON', id: 'person:okafor' });
  });
});

describe('a title or pronoun after a group', () => {
  it('is not resolved to a mention a common noun heads', () => {
    const text =
      'Local papers reported that the repairs were done badly.\n\n' +
      'The mayor noted that the levee was old.\n\n' +
      'She said the money was gone.';
    const found = speakersOf(text);
    expect(found.map((s) => [s.speaker, s.antecedent])).toEqual([
      ['Local papers', undefined],
      ['The mayor', undefined],
      ['She', undefined],
    ]);
  });
});

describe('a lone name as speaker', () => {
  it('is a person, not an organisation', () => {
    const [s] = speakersOf('Vashchenko said the ceasefire talks had stalled.');
    expect(s!.proposal).toEqual({ type: 'PERSON', name: 'Vashchenko', id: 'person:vashchenko' });
  });

  it('stays an organisation when it names an institution or is an acronym', () => {
    expect(proposeActor({ text: 'the Kremlin', form: 'NAME' })).toMatchObject({
      type: 'ORGANIZATION',
      id: 'org:kremlin',
    });
    expect(proposeActor({ text: 'OSCE', form: 'NAME' })).toMatchObject({ type: 'ORGANIZATION' });
  });

  it('that ends like a demonym is still a name: kept, not dropped as a title', () => {
    // "Hasan", "Modi" and "Erdogan" end as "Malaysian", "Israeli" and "Russian" do
    const text =
      'Indonesian Health Minister Budi Hasan toured the ward on Friday.\n\n' +
      'Hasan said that the vaccine stocks were sufficient.\n\n' +
      'Modi said that the border was calm.';
    const found = extractStatements(text, { date: '2025-03-14' });
    const hasan = found.find((s) => s.speaker?.text === 'Hasan')!;
    expect(hasan.speaker).toMatchObject({
      form: 'NAME',
      antecedent: { text: 'Indonesian Health Minister Budi Hasan' },
    });
    expect(proposeActor(hasan.speaker)).toMatchObject({
      id: 'person:budi-hasan',
      role: 'Indonesian Health Minister',
    });
    expect(found.find((s) => s.speaker?.text === 'Modi')?.speaker?.form).toBe('NAME');
    const dataset = candidatesToDataset(found, { slug: 'ward', title: 'Ward', date: '2025-03-14' });
    expect(dataset.statements.map((s) => s.speakers)).toEqual([
      ['person:budi-hasan'],
      ['person:modi'],
    ]);
  });
});

describe('a country as speaker', () => {
  it('is proposed as a country with its ISO code, in the CLI’s dataset and the API’s candidates', () => {
    const text =
      'Norway said on Monday that the fishing quota was final.\n\n' +
      'The United Kingdom warned that it would appeal.';
    const found = extractStatements(text, { date: '2025-03-14' });
    expect(found.map((s) => proposeActor(s.speaker))).toEqual([
      { type: 'COUNTRY', name: 'Norway', id: 'country:NOR', iso: 'NOR' },
      { type: 'COUNTRY', name: 'United Kingdom', id: 'country:GBR', iso: 'GBR' },
    ]);
    const dataset = candidatesToDataset(found, {
      slug: 'quota',
      title: 'Quota',
      date: '2025-03-14',
    });
    expect(dataset.countries).toEqual([
      { id: 'country:NOR', name: 'Norway', aliases: [], iso: 'NOR' },
      { id: 'country:GBR', name: 'United Kingdom', aliases: [], iso: 'GBR' },
    ]);
    expect(dataset.organizations).toEqual([]);
    expect(candidatesOf('source:article-q', new CodePoints(text), found)[0]).toMatchObject({
      proposalType: 'COUNTRY',
      proposalId: 'country:NOR',
    });
  });

  it('knows every ISO 3166 country by its English name, not only the demonym table’s', () => {
    const text =
      'Iceland said on Monday that the whaling season was over.\n\nChad warned that it would object.';
    const found = extractStatements(text, { date: '2025-03-14' });
    expect(found.map((s) => proposeActor(s.speaker))).toEqual([
      { type: 'COUNTRY', name: 'Iceland', id: 'country:ISL', iso: 'ISL' },
      { type: 'COUNTRY', name: 'Chad', id: 'country:TCD', iso: 'TCD' },
    ]);
  });

  it('is written as a country by `statement-graph extract --dataset`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-countries-'));
    const article = join(dir, 'quota.txt');
    writeFileSync(article, 'Norway said on Monday that the fishing quota was final.\n');
    const entities = join(dir, 'entities.json');
    writeFileSync(entities, JSON.stringify({ format: 'statement-graph/2', people: [] }));
    const out = join(dir, 'dataset.json');
    const printed = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const args = [article, '--date', '2025-03-14', '--entities', entities, '--dataset', out];
      expect(await runExtract(args, loadConfig({}), () => {})).toBe(0);
    } finally {
      printed.mockRestore();
    }
    const dataset = JSON.parse(readFileSync(out, 'utf8'));
    expect(dataset.countries).toEqual([
      { id: 'country:NOR', name: 'Norway', aliases: [], iso: 'NOR' },
    ]);
    expect(dataset.statements[0].speakers).toEqual(['country:NOR']);
  });

  it('links to the graph’s country when there is one', () => {
    const linker = createLinker([
      { id: 'country:NOR', type: 'Country', name: 'Norway', aliases: [], iso: 'NOR' },
    ]);
    const [s] = extractStatements('Norway said the quota was final.', {
      date: '2025-03-14',
      linker,
    });
    expect(s!.speaker).toMatchObject({ id: 'country:NOR' });
  });

  it('speaks jointly with another: each country linked or proposed on its own', () => {
    const text = 'Sweden and Chile said on Monday that the treaty would be signed in May.';
    const linker = createLinker([
      { id: 'country:SWE', type: 'Country', name: 'Sweden', aliases: [], iso: 'SWE' },
    ]);
    const [s] = extractStatements(text, { date: '2025-03-14', linker });
    expect(s!.speaker).toMatchObject({
      text: 'Sweden and Chile',
      joint: [{ text: 'Sweden', id: 'country:SWE' }, { text: 'Chile' }],
    });
    // not one of them alone, and not one proposal for both
    expect(s!.speaker!.id).toBeUndefined();
    expect(proposeActor(s!.speaker)).toBeNull();
    const dataset = candidatesToDataset([s!], {
      slug: 'treaty',
      title: 'Treaty',
      date: '2025-03-14',
    });
    expect(dataset.statements[0]!.speakers).toEqual(['country:SWE', 'country:CHL']);
    expect(dataset.countries.map((c) => c.id)).toEqual(['country:CHL']);
    // "X met Y and Z said": Z speaks alone; after a comma, the pair speaks
    const speakers = extractStatements(
      'The envoy met Sweden and Chile said that the deal was fair.\n\n' +
        'Later, Peru and Chile said that the treaty was fair.',
      { date: '2025-03-14' },
    ).map((x) => x.speaker?.text);
    expect(speakers).toEqual(['Chile', 'Peru and Chile']);
  });

  it('is its capital when the capital speaks for the government', () => {
    const [s] = speakersOf('Canberra said that the quota was final.');
    expect(s!.proposal).toEqual({
      type: 'COUNTRY',
      name: 'Australia',
      id: 'country:AUS',
      iso: 'AUS',
    });
    const linker = createLinker([
      { id: 'country:AUS', type: 'Country', name: 'Australia', aliases: [], iso: 'AUS' },
      { id: 'place:canberra', type: 'Place', name: 'Canberra', aliases: [] },
    ]);
    const [linked] = extractStatements('Canberra said that the quota was final.', {
      date: '2025-03-14',
      linker,
    });
    expect(linked!.speaker).toMatchObject({ id: 'country:AUS' });
  });

  it('leaves an institution led by a demonym an organisation', () => {
    const [s] = speakersOf('The Norwegian fisheries ministry said that the quota was final.');
    expect(s!.proposal).toEqual({
      type: 'ORGANIZATION',
      name: 'Norwegian fisheries ministry',
      id: 'org:norwegian-fisheries-ministry',
    });
  });
});
