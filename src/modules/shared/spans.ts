/**
 * Spans of an article's stored text. Offsets count Unicode code points (not
 * UTF-16 units), end exclusive, as the extractor and brat standoff files do.
 */

export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

/** Text by code points. */
export class CodePoints {
  readonly chars: string[];
  constructor(readonly text: string) {
    this.chars = Array.from(text);
  }
  get length() {
    return this.chars.length;
  }
  slice(start: number, end: number): string {
    return this.chars.slice(start, end).join('');
  }
  /** Whether a span lies inside the text. */
  holds(start: number, end: number): boolean {
    return (
      Number.isInteger(start) &&
      Number.isInteger(end) &&
      start >= 0 &&
      start < end &&
      end <= this.length
    );
  }
  span(start: number | null, end: number | null): TextSpan | null {
    return start === null || end === null || !this.holds(start, end)
      ? null
      : { start, end, text: this.slice(start, end) };
  }
}

/** Spans as REPORTED_IN stores them: "212-270", or "10-40,52-90" for an interrupted quote. */
export const evidenceOf = (spans: ReadonlyArray<{ start: number; end: number }>) =>
  spans.map((s) => `${s.start}-${s.end}`).join(',');

/** Stored evidence to spans with their text; spans outside the text are left out. */
export function evidenceSpans(
  text: CodePoints | null,
  evidence: string | null | undefined,
): TextSpan[] {
  if (!text || !evidence) return [];
  return evidence.split(',').flatMap((part) => {
    const [start, end] = part.split('-').map(Number) as [number, number];
    return text.span(start, end) ?? [];
  });
}
