/** Colours, shapes and words shared by the graph, the cards and the timeline. */

import type { PartialDate, Stance } from './api.js';

/** Each at least 4.5:1 against white, so white text on them and them on white both pass WCAG AA. */
export const STANCE_COLOURS: Record<Stance, string> = {
  SUPPORTIVE: '#15803d',
  CRITICAL: '#c81e1e',
  NEUTRAL: '#4b5563',
  MIXED: '#a34d06',
};

/** Stance told apart without colour: a sign in text, a line style in the graph. */
export const STANCE_SIGNS: Record<Stance, string> = {
  SUPPORTIVE: '+',
  CRITICAL: '−',
  NEUTRAL: '○',
  MIXED: '±',
};

export const STANCE_LINES: Record<Stance, 'solid' | 'dashed' | 'dotted' | 'double'> = {
  SUPPORTIVE: 'solid',
  CRITICAL: 'dashed',
  NEUTRAL: 'dotted',
  MIXED: 'double',
};

/** "+ supportive", "− critical": the stance in words with its sign. */
export const stanceText = (stance: Stance) => `${STANCE_SIGNS[stance]} ${stance.toLowerCase()}`;

export const STANCES = Object.keys(STANCE_COLOURS) as Stance[];

export interface TypeStyle {
  /** For a legend and headings: "People". */
  plural: string;
  singular: string;
  colour: string;
  shape: string;
}

/** Node types as `neighborhood` names them (GraphNode.type and __typename). */
export const TYPE_STYLES: Record<string, TypeStyle> = {
  Person: { singular: 'Person', plural: 'People', colour: '#2563eb', shape: 'ellipse' },
  Organization: {
    singular: 'Organisation',
    plural: 'Organisations',
    colour: '#7c3aed',
    shape: 'round-rectangle',
  },
  Country: { singular: 'Country', plural: 'Countries', colour: '#0f766e', shape: 'hexagon' },
  Place: { singular: 'Place', plural: 'Places', colour: '#78716c', shape: 'round-pentagon' },
  Topic: { singular: 'Topic', plural: 'Topics', colour: '#db2777', shape: 'diamond' },
  Meeting: { singular: 'Meeting', plural: 'Meetings', colour: '#a16207', shape: 'round-triangle' },
  Source: { singular: 'Source', plural: 'Sources', colour: '#334155', shape: 'barrel' },
  Statement: {
    singular: 'Statement',
    plural: 'Statements',
    colour: '#f8fafc',
    shape: 'round-rectangle',
  },
};

export const typeStyle = (type: string): TypeStyle =>
  TYPE_STYLES[type] ?? { singular: type, plural: type, colour: '#94a3b8', shape: 'ellipse' };

/** SearchType (search's argument) for a __typename. */
export const SEARCH_TYPE_OF: Record<string, string> = {
  Person: 'PERSON',
  Organization: 'ORGANIZATION',
  Country: 'COUNTRY',
  Place: 'PLACE',
  Statement: 'STATEMENT',
  Meeting: 'MEETING',
  Topic: 'TOPIC',
  Source: 'SOURCE',
};

/** Actors have statements and so timelines. */
export const isActor = (type: string) =>
  type === 'Person' || type === 'Organization' || type === 'Country';

/** "DIRECT_QUOTE" → "Direct quote". */
export const humanize = (value: string) =>
  value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "28 July 2024", "July 2024", "2024": only as precise as the date is known. */
export function formatDate(date: Pick<PartialDate, 'text'>): string {
  if (date.text.includes('/')) return bounds(date.text, formatDate);
  const [year, month, day] = date.text.split('-');
  const monthName = month === undefined ? undefined : MONTHS[Number(month) - 1];
  if (monthName === undefined) return year ?? date.text;
  if (day === undefined) return `${monthName} ${year}`;
  return `${Number(day)} ${monthName} ${year}`;
}

/** A statement's date known by bounds only (format 2): "../2024-07-28" reads "by 28 July 2024". */
function bounds(text: string, format: (date: { text: string }) => string): string {
  const [from = '..', to = '..'] = text.split('/');
  if (from === '..' && to === '..') return 'date unknown';
  if (from === '..') return `by ${format({ text: to })}`;
  if (to === '..') return `from ${format({ text: from })}`;
  return `${format({ text: from })} – ${format({ text: to })}`;
}

export const PRECISION_WORDS: Record<PartialDate['precision'], string> = {
  DAY: 'exact day',
  MONTH: 'month only',
  YEAR: 'year only',
  BOUNDED: 'not dated: within these bounds',
  UNKNOWN: 'not dated',
};

const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3));

/** "28 Jul 2024", "Jul 2024", "2024". */
export function shortDate(date: Pick<PartialDate, 'text'>): string {
  if (date.text.includes('/')) return bounds(date.text, shortDate);
  const [year, month, day] = date.text.split('-');
  const monthName = month === undefined ? undefined : SHORT_MONTHS[Number(month) - 1];
  if (monthName === undefined) return year ?? date.text;
  return day === undefined ? `${monthName} ${year}` : `${Number(day)} ${monthName} ${year}`;
}

/** At most `max` characters, cut at a word where one is near. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
