/**
 * What a speaker the linker did not find would be as a new actor: the one rule the
 * review API and `statement-graph extract --dataset` share, so both propose the same
 * kind, name and id for the same words.
 */
import { PRONOUNS, TITLE_WORDS } from './lexicon.js';

export interface ActorProposal {
  type: 'PERSON' | 'ORGANIZATION';
  /** The name without the title the article gives it ("Mohamad Hasan"). */
  name: string;
  /** `person:<slug>` or `org:<slug>`. */
  id: string;
  /** The title written before the name ("Malaysian Foreign Minister"): a post to record by hand. */
  role?: string;
}

/** What a proposal needs of an extracted speaker. */
export interface ProposableSpeaker {
  text: string;
  id?: string;
  form?: string;
  antecedent?: { text: string };
}

/** Words naming an institution rather than a person ("the Malaysian foreign ministry", "Israeli media"). */
const ORG_WORDS =
  /\b(ministry|ministries|department|office|government|council|committee|agency|union|party|movement|organi[sz]ations?|media|police|army|military|court|commission|bureau|news|press|times|post|group|association|institute|university|bank|company|corporation|campaign|embassy|authority|authorities|parliament|senate|congress|cabinet|administration|foundation|house|nations|forces)\b/i;

/** Particles inside personal names ("Mousa Abu Marzouk", "Ursula von der Leyen"). */
const NAME_PARTICLES = /^(al|al-|bin|bint|ibn|de|van|von|der|den|la|le|el|da|di|du|abu|dos|das)$/i;

/** A demonym before a title ("Malaysian", "Israeli", "Chinese", "Turkish"). */
const DEMONYM = /^\p{Lu}\p{Ll}+(an|ian|ese|i|ish|ch)$/u;

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
const nameWord = (w: string) => /^\p{Lu}/u.test(w) || NAME_PARTICLES.test(w);

/**
 * Splits a title written before a name: "Malaysian Foreign Minister Mohamad Hasan" →
 * { role: "Malaysian Foreign Minister", name: "Mohamad Hasan" }. The role is the longest
 * run of title words and demonyms (with "of") that still leaves a capitalised name.
 */
export function splitTitle(words: string): { role?: string; name: string } {
  const tokens = words.trim().split(/\s+/);
  let cut = 0;
  for (let i = 0; i < tokens.length - 1; i++) {
    const w = tokens[i]!;
    const inRole =
      titleWord(w) || DEMONYM.test(w) || (w.toLowerCase() === 'of' && i > 0) || /^[a-z]/.test(w);
    if (!inRole) break;
    // the role ends on a title word ("Foreign Minister"), not on a demonym or "of"
    if (titleWord(w) && w.toLowerCase() !== 'of' && !/^(the|a|an)$/i.test(w)) cut = i + 1;
  }
  const name = tokens.slice(cut).join(' ');
  const role = tokens
    .slice(0, cut)
    .join(' ')
    .replace(/^(the|a|an)\s+/i, '');
  return cut > 0 && role ? { role, name } : { name };
}

/**
 * A new actor for a speaker the graph does not know: a person for a personal name
 * (its title split off as `role`), an organisation for words naming an institution,
 * none for a pronoun, a person's title with no name ("the top Russian diplomat"), or
 * a speaker already linked. A pronoun or title resolved to an earlier mention proposes
 * what that mention names.
 */
export function proposeActor(speaker: ProposableSpeaker | null | undefined): ActorProposal | null {
  if (!speaker || speaker.id) return null;
  const written = speaker.antecedent ?? speaker;
  const form = speaker.antecedent ? undefined : speaker.form;
  if (form === 'PRONOUN') return null;
  const words = written.text
    .trim()
    .replace(/^(the|a|an)\s+/i, '')
    .replace(/[’']s?$/, '')
    .trim();
  if (!words || PRONOUNS.has(words.toLowerCase())) return null;
  if (isOrganisationLike(words)) {
    return { type: 'ORGANIZATION', name: words, id: `org:${slugOf(words)}` };
  }
  if (form === 'TITLE') return null;
  const { role, name } = splitTitle(words);
  const tokens = name.split(/\s+/);
  if (!tokens.every(nameWord) || !/^\p{Lu}/u.test(name)) return null;
  // one word with no title ("Hamas", "Reuters") names an organisation as often as a person;
  // an acronym does not name a person
  const person = (role !== undefined || tokens.length >= 2) && !/^\p{Lu}{2,}$/u.test(name);
  if (!person) return { type: 'ORGANIZATION', name, id: `org:${slugOf(name)}` };
  return { type: 'PERSON', name, id: `person:${slugOf(name)}`, ...(role ? { role } : {}) };
}
