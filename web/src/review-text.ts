/**
 * An article's text cut into runs for highlighting. Offsets from the API count
 * code points (an emoji is one), while the page's strings count UTF-16 units:
 * runs are cut on code-point boundaries and converted once.
 */

export interface Mark {
  start: number;
  end: number;
  /** What the span is: the content, the speaker, the cue or the date. */
  role: 'content' | 'speaker' | 'cue' | 'date';
  candidateId: string;
  status: string;
}

export interface Run {
  text: string;
  /** Code-point offset of the run's start. */
  start: number;
  marks: Mark[];
}

/** UTF-16 offsets of each code point boundary: `units[i]` is where code point i starts. */
export function unitOffsets(text: string): number[] {
  const units = [0];
  let at = 0;
  for (const char of text) {
    at += char.length;
    units.push(at);
  }
  return units;
}

/** The text as runs: a new run wherever a mark starts or ends; each run lists the marks over it. */
export function runsOf(text: string, marks: readonly Mark[]): Run[] {
  const units = unitOffsets(text);
  const length = units.length - 1;
  const inside = marks.filter((m) => m.start >= 0 && m.end <= length && m.start < m.end);
  const cuts = new Set([0, length]);
  for (const m of inside) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i]!;
    const end = points[i + 1]!;
    runs.push({
      text: text.slice(units[start], units[end]),
      start,
      marks: inside.filter((m) => m.start <= start && m.end >= end),
    });
  }
  return runs;
}
