import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/records/dataset.js';
import { entitiesOfDataset } from '../../src/names/entities.js';
import { createMatcher, sameNames } from '../../src/names/matcher.js';
import { fold, latin, nameKeys, searchKeys, skeleton } from '../../src/names/normalise.js';
import { NAME_CASES, NAMES_FIXTURE } from '../helpers/name-cases.js';
import { SEED_FILE } from '../helpers/seed.js';

const RUNS = { numRuns: 200, seed: Number(process.env.FC_SEED ?? 20261128) };
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Dataset;
const entities = entitiesOfDataset(read(SEED_FILE), read(NAMES_FIXTURE));
const matcher = createMatcher(entities);

describe('fold', () => {
  it.each([
    ['İlkay Yıldırım', 'ilkay yildirim'],
    ['IŞIK', 'isik'],
    ['Straße', 'strasse'],
    ['José'.normalize('NFD'), 'jose'],
    ['Netanyahu’s', 'netanyahu'],
    ["Hamas' Political Bureau", 'hamas political bureau'],
    ["L'Orient-Le Jour", 'l orient le jour'],
    ['U.N.', 'un'],
    ['\u200BSergey\u200F\u202ALavrov\u202C', 'sergeylavrov'],
    ['Sergey\u00A0Lavrov', 'sergey lavrov'],
    ['أبو مرزوق', 'ابو مرزوق'],
    ['إسماعيل', 'اسماعيل'],
    ['مَرْزُوق', 'مرزوق'],
    ['حمـــاس', 'حماس'],
    ['هنية', 'هنيه'],
    ['موسى', 'موسي'],
    ['ﻣﺮﺯﻭﻕ', 'مرزوق'],
    ['٢٠٢٤', '2024'],
    ['Сергей Ёлкин', 'сергей елкин'],
    ['ΣΟΦΟΚΛΗΣ', 'σοφοκλησ'],
    ['ﬁnance', 'finance'],
    ['ＡＢＣ', 'abc'],
  ])('%j → %j', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        expect(fold(fold(s))).toBe(fold(s));
      }),
      RUNS,
    );
  });
});

describe('latin and skeleton', () => {
  it.each([
    ['Сергей Лавров', 'sergey lavrov'],
    ['أبو مرزوق', 'bw mrzwq'],
    ['Κυριάκος Μητσοτάκης', 'kyriakos mitsotakis'],
    ['Мария Захарова', 'mariya zakharova'],
  ])('latin(%j) = %j', (input, expected) => {
    expect(latin(input)).toBe(expected);
  });

  it.each([
    ['Sergey', 'Sergei'],
    ['Сергей', 'Sergei'],
    ['Mohammed', 'Mohammad'],
    ['محمد', 'Mohammed'],
    ['Лавров', 'Lavrov'],
    ['בנימין', 'Binyamin'],
    ['Haniyeh', 'Haniya'],
  ])('%j and %j share a skeleton', (a, b) => {
    expect(skeleton(a)).toBe(skeleton(b));
  });

  it('search keys hold folded, Latin and run-together forms', () => {
    const keys = searchKeys(["L'Orient", 'Сергей Лавров']);
    expect(keys.keys.split(' ')).toEqual(
      expect.arrayContaining(['orient', 'lorient', 'сергей', 'sergey', 'lavrov']),
    );
    expect(keys.skeletons.split(' ')).toEqual(expect.arrayContaining(['srk', 'lbrb']));
    expect(nameKeys('')).toEqual({ folded: '', latin: '', skeleton: '' });
  });
});

describe('matcher: names as people type and paste them', () => {
  const cases = NAME_CASES.filter((c) => !c.searchOnly);

  it('has the table of the issue (at least 40 cases)', () => {
    expect(NAME_CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('$query → $first ($why)', ({ query, first, at }) => {
    const [hit] = matcher.match(query, { at });
    expect(hit?.id).toBe(first);
  });

  it('says why a hit came: tier, field and the stored text', () => {
    expect(matcher.match('Hamas')[0]).toMatchObject({
      tier: 'EXACT',
      field: 'NAME',
      text: 'Hamas',
    });
    expect(matcher.match('Сергей Лавров')[0]).toMatchObject({
      tier: 'EXACT',
      field: 'ALIAS',
      text: 'Сергей Лавров',
    });
    expect(matcher.match('Lorient')[0]).toMatchObject({ tier: 'FUZZY', text: "L'Orient-Le Jour" });
    expect(matcher.match('Russian foreign minister')[0]).toMatchObject({
      tier: 'OFFICE',
      field: 'POSITION',
      text: 'Minister of Foreign Affairs',
      position: { of: 'country:RUS' },
    });
  });

  it('ranks exact before prefix before words before fuzzy', () => {
    const hits = matcher.match('Hamas', { limit: 50 });
    const tiers = hits.map((h) => h.tier);
    expect(tiers[0]).toBe('EXACT');
    expect(hits.find((h) => h.id === 'org:hamas-political-bureau')?.tier).toBe('PREFIX');
    expect(hits.find((h) => h.id === 'topic:eradication-of-hamas')?.tier).toBe('WORDS');
    const scores = hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('offers near misses below exact matches', () => {
    const exact = matcher.match('Mohammed bin Abdulrahman Al Thani')[0]!;
    const near = matcher.match('Mohammad bin Abdulrahman')[0]!;
    expect(exact.tier).toBe('EXACT');
    expect(near.tier).toBe('FUZZY');
    expect(near.score).toBeLessThan(exact.score);
  });

  it('finds office holders on a date, and nobody when no one held the post then', () => {
    expect(matcher.match('Qatar prime minister', { at: '2024-07-28' })[0]?.id).toBe(
      'person:mohammed-bin-abdulrahman',
    );
    expect(matcher.match('Qatar prime minister', { at: '2021' })[0]?.id).toBe(
      'person:khalid-bin-khalifa',
    );
    const before = matcher.match('Qatar prime minister', { at: '2019-01-01' });
    expect(before.filter((h) => h.tier === 'OFFICE')).toEqual([]);
  });

  it('filters by type and finds nothing for words of no name', () => {
    expect(matcher.match('Hamas', { types: ['Topic'] })[0]?.id).toBe('topic:eradication-of-hamas');
    expect(matcher.match('zzzz qqqq')).toEqual([]);
    expect(matcher.match('   ')).toEqual([]);
  });

  it('reports duplicates: the same name in another spelling, not other names', () => {
    const found = matcher.duplicates(['Sergei LAVROV', 'Лавров'], {
      type: 'Person',
      exceptId: 'person:someone-new',
    });
    expect(found.map((d) => d.id)).toEqual(['person:sergey-lavrov']);
    expect(
      matcher.duplicates(['Sergey Lavrov'], { type: 'Person', exceptId: 'person:sergey-lavrov' }),
    ).toEqual([]);
  });
});

describe('sameNames: possible duplicates in a dataset', () => {
  it('pairs records of one type that share a name in another spelling or script', () => {
    expect(sameNames(entities)).toEqual([]);
    expect(
      sameNames([
        { id: 'person:a', type: 'Person', name: 'Sergey Lavrov' },
        { id: 'person:b', type: 'Person', name: 'SERGEY LAVRÓV', aliases: ['Сергей Лавров'] },
        { id: 'org:c', type: 'Organization', name: 'Sergey Lavrov' },
        { id: 'person:d', type: 'Person', name: 'Sergei Lavrov' },
      ]),
    ).toEqual([
      { id: 'person:a', name: 'Sergey Lavrov', otherId: 'person:b', otherName: 'SERGEY LAVRÓV' },
    ]);
  });
});

/** A stored name as someone might type it: decomposed or composed, cased, accents and apostrophes changed. */
const variants = (name: string) =>
  fc
    .record({
      form: fc.constantFrom('NFC', 'NFD', 'NFKC', 'NFKD'),
      casing: fc.constantFrom('same', 'lower', 'upper'),
      stripAccents: fc.boolean(),
      apostrophe: fc.constantFrom("'", '’', 'ʼ', '‘'),
    })
    .map(({ form, casing, stripAccents, apostrophe }) => {
      let s = name.replace(/['’ʼ‘]/g, apostrophe);
      if (stripAccents) s = s.normalize('NFD').replace(/\p{M}/gu, '');
      if (casing === 'lower') s = s.toLowerCase();
      if (casing === 'upper') s = s.toUpperCase();
      return s.normalize(form as 'NFC');
    });

describe('property: any stored name, changed as people change it, finds its entity first', () => {
  const stored = entities.flatMap((e) =>
    [e.name, ...(e.aliases ?? [])].map((name) => ({ id: e.id, name })),
  );
  // Names or aliases that two entities share are ambiguous by nature: not a property.
  const owners = new Map<string, Set<string>>();
  for (const { id, name } of stored) {
    const key = fold(name);
    owners.set(key, (owners.get(key) ?? new Set()).add(id));
  }
  const unique = stored.filter(({ name }) => owners.get(fold(name))!.size === 1);

  it('over the seed and the fixture', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(...unique)
          .chain(({ id, name }) => variants(name).map((typed) => ({ id, name, typed }))),
        ({ id, typed }) => {
          const [hit] = matcher.match(typed);
          expect(hit?.id).toBe(id);
          expect(hit?.tier).toBe('EXACT');
        },
      ),
      RUNS,
    );
  });
});
