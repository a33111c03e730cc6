/**
 * What the explorer gives away: a CSV of the statements on screen, and the
 * graph as PNG (cytoscape's own png()) or SVG (the cytoscape-svg extension).
 * Files are made in the page and downloaded from a blob: nothing is sent.
 */

import type { Statement } from './api.js';
import { nameOf } from './api.js';
import { occasionText } from './attribution.js';

export const CSV_COLUMNS = [
  'id',
  'speakers',
  'date',
  'precision',
  'kind',
  'stance',
  'text',
  'sources',
  'confidence',
  'onBehalfOf',
  'post',
  'quotes',
  'approximate',
  'occasion',
] as const;

/** RFC 4180: every field quoted, quotes doubled, CRLF between records. */
const field = (value: string) => `"${value.replace(/"/g, '""')}"`;

/**
 * One row per statement: the speakers in the source's order ("Qatar; Egypt"),
 * the date as known with its precision, the stance toward each target ("Hamas:
 * neutral; Eradication of Hamas: critical"), the sources in route order ("TASS →
 * Palestine Chronicle"); then whom the speakers spoke for, the post the source
 * names ("Prime Minister, Israel"), the words quoted inside a paraphrase ("; " between them), whether the
 * wording is approximate, and the occasion within its occasion ("Remarks to
 * reporters · during Sergey Lavrov's visit to Malaysia").
 */
export function statementsCsv(statements: readonly Statement[]): string {
  const rows = statements.map((s) => [
    s.id,
    s.speakers.map(nameOf).join('; '),
    s.date.text,
    s.date.precision,
    s.kind,
    s.about.map((a) => `${nameOf(a.target)}: ${a.stance.toLowerCase()}`).join('; '),
    s.text,
    s.route.map((r) => r.source.publisher ?? r.source.title).join(' → '),
    String(s.confidence),
    s.onBehalfOf ? nameOf(s.onBehalfOf) : '',
    s.post ? `${s.post.title}, ${nameOf(s.post.of)}` : '',
    s.quotes.join('; '),
    String(s.approximate),
    occasionText(s.meeting),
  ]);
  return [CSV_COLUMNS as readonly string[], ...rows]
    .map((row) => row.map(field).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/** Saves `content` as a file called `name`, from a blob URL that is let go afterwards. */
export function download(name: string, content: Blob | string, type: string): void {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "statement-graph-2024-07-28T10-15" plus an extension. */
export const fileName = (extension: string) =>
  `statement-graph-${new Date().toISOString().slice(0, 16).replace(/:/g, '-')}.${extension}`;
