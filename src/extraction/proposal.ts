/**
 * What a speaker the linker did not find would be as a new actor: the one rule the
 * review API and `statement-graph extract --dataset` share, so both propose the same
 * kind, name and id for the same words.
 */
import { countryNamed, countryOfCapital } from '../names/demonyms.js';
import { isDemonymWord, ONE_WORD_ORGANISATIONS, PRONOUNS, TITLE_WORDS } from './lexicon.js';

export interface ActorProposal {
  type: 'PERSON' | 'ORGANIZATION' | 'COUNTRY';
  /** The name without the title the article gives it ("Mohamad Hasan"); a country's short name ("Russia"). */
  name: string;
  /** `person:<slug>`, `org:<slug>`, or `country:<ISO 3166-1 alpha-3>` ("country:RUS"). */
  id: string;
  /** The title written before the name ("Malaysian Foreign Minister"): a post to record by hand. */
  role?: string;
  /** A country's ISO 3166-1 alpha-3 code. */
  iso?: string;
}

/** What a proposal needs of an extracted speaker. */
export interface ProposableSpeaker {
  text: string;
  id?: string;
  form?: string;
  antecedent?: { text: string };
  joint?: { text: string; id?: string }[];
}

/**
 * The names of a joint speaker ("Qatar and Egypt", "Norway, Iceland and Denmark"), or
 * null: two or more capitalised names joined by commas and "and". A country's own name
 * with "and" in it ("Trinidad and Tobago" where the table has it) is one name.
 */
export function jointNames(words: string): string[] | null {
  const bare = words.trim().replace(/^the\s+/i, '');
  if (!/\sand\s/.test(bare) || countryNamed(bare) || isOrganisationLike(bare)) return null;
  const names = bare.split(/\s*,\s*(?:and\s+)?|\s+and\s+/).map((n) => n.trim());
  if (names.length < 2 || !names.every((n) => /^\p{Lu}/u.test(n))) return null;
  return names;
}

/**
 * The actors a speaker the graph does not fully know is written as: each name of a joint
 * speaker linked or proposed on its own (none when one of them can be neither), else the
 * one `proposeActor` gives. For the dataset file, which records joint speakers; the
 * review API proposes one actor per candidate and leaves a joint speaker to the reviewer.
 */
export function proposeSpeakers(
  speaker: ProposableSpeaker | null | undefined,
): Array<{ id: string; proposal?: ActorProposal }> {
  if (!speaker) return [];
  if (speaker.joint && !speaker.antecedent) {
    const members = speaker.joint.map((m) => {
      if (m.id) return { id: m.id };
      const proposal = proposeActor({ text: m.text, form: 'NAME' });
      return proposal ? { id: proposal.id, proposal } : null;
    });
    return members.every((m) => m !== null) ? members : [];
  }
  if (speaker.id) return [{ id: speaker.id }];
  const proposal = proposeActor(speaker);
  return proposal ? [{ id: proposal.id, proposal }] : [];
}

/** Words naming an institution rather than a person ("the Malaysian foreign ministry", "Israeli media"). */
const ORG_WORDS =
  /\b(ministry|ministries|department|office|government|council|committee|agency|union|party|movement|organi[sz]ations?|media|police|army|military|court|commission|bureau|news|press|times|post|group|association|institute|university|bank|company|corporation|campaign|embassy|authority|authorities|parliament|senate|congress|cabinet|administration|foundation|house|nations|forces)\b/i;

/** Particles inside personal names ("Mousa Abu Marzouk", "Ursula von der Leyen"). */
const NAME_PARTICLES = /^(al|al-|bin|bint|ibn|de|van|von|der|den|la|le|el|da|di|du|abu|dos|das)$/i;

export function slugOf(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'untitled';
}

/** True when the words name an institution (a ministry, a party, the media), never a person. */
export function isOrganisationLike(words: string): boolean {
  return ORG_WORDS.test(words);
}

const titleWord = (w: string) => TITLE_WORDS.has(w.toLowerCase().replace(/[’']s$/, ''));
const nameWord = (w: string) =>
  /^\p{Lu}/u.test(w) || NAME_PARTICLES.test(w) || /^(al|el|ad|as|ash|at|ar|an)-\p{Lu}/u.test(w);

/**
 * Splits a title written before a name: "Malaysian Foreign Minister Mohamad Hasan" →
 * { role: "Malaysian Foreign Minister", name: "Mohamad Hasan" }. The role is the longest
 * run of title words and demonyms (with "of"), and of capitalised words a title word
 * follows ("Health Minister", "Trade Minister"), that still leaves a capitalised name.
 */
export function splitTitle(words: string): { role?: string; name: string } {
  const tokens = words.trim().split(/\s+/);
  const endsTitle = (w: string) => titleWord(w) && !/^(the|a|an|of)$/i.test(w);
  // a portfolio before its title word: capitalised words up to one, before the name
  const portfolio = (i: number) => {
    for (let j = i + 1; j < tokens.length - 1; j++) {
      if (endsTitle(tokens[j]!)) return true;
      if (!/^\p{Lu}/u.test(tokens[j]!)) return false;
    }
    return false;
  };
  let cut = 0;
  for (let i = 0; i < tokens.length - 1; i++) {
    const w = tokens[i]!;
    const inRole =
      titleWord(w) ||
      isDemonymWord(w) ||
      (w.toLowerCase() === 'of' && i > 0) ||
      /^[a-z]/.test(w) ||
      (/^\p{Lu}/u.test(w) && portfolio(i));
    if (!inRole) break;
    // the role ends on a title word ("Foreign Minister"), not on a demonym or "of"
    if (endsTitle(w)) cut = i + 1;
  }
  const name = tokens.slice(cut).join(' ');
  const role = tokens
    .slice(0, cut)
    .join(' ')
    .replace(/^(the|a|an)\s+/i, '');
  return cut > 0 && role ? { role, name } : { name };
}

/**
 * A new actor for a speaker the graph does not know: a country for a country's name
 * ("Russia", "the United States": `country:<ISO code>` from the name matcher's table),
 * an organisation for words naming an institution ("the Russian foreign ministry") or
 * an institution known by one word ("the Kremlin", "Hamas") or an acronym, a person
 * for any other personal name, with or without a title ("Lavrov said": a lone name
 * that speaks is a person's surname; its title split off as `role`); none for a
 * pronoun, a person's title with no name ("the top Russian diplomat"), or a speaker
 * already linked. A pronoun, title or surname resolved to an earlier mention proposes
 * what that mention names, so one person gets one proposal.
 */
export function proposeActor(speaker: ProposableSpeaker | null | undefined): ActorProposal | null {
  if (!speaker || speaker.id || (speaker.joint && !speaker.antecedent)) return null;
  const written = speaker.antecedent ?? speaker;
  const form = speaker.antecedent ? undefined : speaker.form;
  if (form === 'PRONOUN') return null;
  const words = written.text
    .trim()
    .replace(/^(the|a|an)\s+/i, '')
    .replace(/[’']s?$/, '')
    .trim();
  if (!words || PRONOUNS.has(words.toLowerCase())) return null;
  const country = countryNamed(words) ?? countryOfCapital(words);
  if (country) {
    return { type: 'COUNTRY', name: country.name, id: `country:${country.iso}`, iso: country.iso };
  }
  if (isOrganisationLike(words)) {
    return { type: 'ORGANIZATION', name: words, id: `org:${slugOf(words)}` };
  }
  if (form === 'TITLE') return null;
  const { role, name } = splitTitle(words);
  const tokens = name.split(/\s+/);
  if (!tokens.every(nameWord) || !/^\p{Lu}/u.test(name)) return null;
  const organisation =
    role === undefined &&
    ((tokens.length === 1 && ONE_WORD_ORGANISATIONS.has(name.toLowerCase())) ||
      /^[\p{Lu}.&-]{2,}$/u.test(name));
  if (organisation) return { type: 'ORGANIZATION', name, id: `org:${slugOf(name)}` };
  return { type: 'PERSON', name, id: `person:${slugOf(name)}`, ...(role ? { role } : {}) };
}
