import { stringify } from 'csv-stringify/sync';
import type { Dataset } from '../records/dataset.js';
import { indexDataset } from './slice.js';

export const CSV_COLUMNS = [
  'statement_id',
  'date',
  'date_precision',
  'date_start',
  'date_end',
  'speaker_id',
  'speaker',
  'speaker_type',
  'target_id',
  'target',
  'target_type',
  'stance',
  'kind',
  'language',
  'text',
  'topics',
  'meeting',
  'sources',
  'source_route',
  'confidence',
  'verification',
] as const;

/**
 * Statements as CSV (RFC 4180, CRLF, a header row) for spreadsheets, pandas and R: one
 * row per target of each matching statement, so a stance is a plain column; a
 * statement without a target has one row with the target columns empty. Lists are
 * joined with "; ", a source with its quote type in brackets, and each source route
 * as "a > b". Values a spreadsheet would run as a formula (=, +, -, @ first) are
 * prefixed with a quote (csv-stringify's escape_formulas).
 */
export function statementsCsv(dataset: Dataset, matching: readonly string[]): string {
  const index = indexDataset(dataset);
  const rows: string[][] = [];
  for (const id of matching) {
    const s = index.get(id, 'statement');
    if (!s) continue;
    const date = index.date(s.date);
    const common = {
      statement_id: s.id,
      date: s.date,
      date_precision: date.precision,
      date_start: date.start,
      date_end: date.end,
      // A joint statement: its speakers in the source's order, "; "-joined like every list.
      speaker_id: s.speakers.join('; '),
      speaker: s.speakers.map((x) => index.label(x)).join('; '),
      speaker_type: s.speakers.map((x) => index.typeName(x)).join('; '),
      kind: s.kind,
      language: s.language,
      text: s.text,
      topics: s.topics.join('; '),
      meeting: s.meeting ?? '',
      sources: s.sources.map((x) => `${x.source} (${x.quoteType})`).join('; '),
      source_route: index
        .sourceRoutes(s)
        .map((route) => route.join(' > '))
        .join('; '),
      confidence: String(s.confidence),
      verification: s.verification,
    };
    const targets = s.about.length ? s.about : [null];
    for (const about of targets) {
      const row: Record<string, string> = {
        ...common,
        target_id: about?.target ?? '',
        target: about ? index.label(about.target) : '',
        target_type: about ? index.typeName(about.target) : '',
        stance: about?.stance ?? '',
      };
      rows.push(CSV_COLUMNS.map((c) => row[c]!));
    }
  }
  return stringify(rows, {
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: 'windows',
    escape_formulas: true,
  });
}
