import type { Dataset } from '../import/dataset.js';

const COLUMNS = [
  'id',
  'date',
  'date_precision',
  'speaker_id',
  'speaker',
  'kind',
  'text',
  'about',
  'topics',
  'meeting',
  'sources',
  'confidence',
  'verification',
] as const;

/** RFC 4180: quote every field that needs it, double the quotes inside. */
const field = (value: string) =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/** Statements as CSV for spreadsheets: one row per statement, links as `id (detail); …`. */
export function statementsCsv(dataset: Dataset): string {
  const names = new Map<string, string>();
  for (const a of [...dataset.people, ...dataset.organizations, ...dataset.countries])
    names.set(a.id, a.name);
  const precision = (date: string) =>
    date.length === 4 ? 'YEAR' : date.length === 7 ? 'MONTH' : 'DAY';
  const rows = dataset.statements.map((s) => [
    s.id,
    s.date,
    precision(s.date),
    s.speaker,
    names.get(s.speaker) ?? '',
    s.kind,
    s.text,
    s.about.map((a) => `${a.target} (${a.stance})`).join('; '),
    s.topics.join('; '),
    s.meeting ?? '',
    s.sources.map((x) => `${x.source} (${x.quoteType})`).join('; '),
    String(s.confidence),
    s.verification,
  ]);
  return (
    [COLUMNS as readonly string[], ...rows].map((row) => row.map(field).join(',')).join('\r\n') +
    '\r\n'
  );
}
