import type { Attribution } from './score.js';

/**
 * The regular-expression baseline the issue compares against: quotes with a
 * "Name said" beside them, and "Name said (that) …" sentences. Nothing else.
 */
const NAME = String.raw`((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*|[Hh]e|[Ss]he|[Tt]hey)`;
const VERB = String.raw`(said|says|told\s+\w+|added|asked|explained|noted|wrote)`;
const QUOTE = /[“"]([^”"]{3,}?)[”"]/g;
const AFTER = new RegExp(String.raw`^,?\s*(?:${NAME}\s+${VERB}|${VERB}\s+${NAME})`);
const BEFORE = new RegExp(String.raw`${NAME}\s+${VERB}[,:]?\s*$`);
const INDIRECT = new RegExp(String.raw`${NAME}\s+${VERB}\s+(that\s+)?([^.“”"]{10,})\.`, 'g');

export function regexBaseline(text: string): Attribution[] {
  const out: {
    content: [number, number];
    cue: [number, number] | null;
    source: [number, number] | null;
  }[] = [];
  for (const m of text.matchAll(QUOTE)) {
    const start = m.index + 1;
    const end = start + m[1]!.length;
    const after = text.slice(end + 1, end + 80);
    const a = AFTER.exec(after);
    if (a) {
      const base = end + 1 + a.index + a[0].indexOf(a[1] ?? a[4]!);
      const name = a[1] ?? a[4]!;
      const verb = a[2] ?? a[3]!;
      const cueAt = end + 1 + a.index + a[0].indexOf(verb);
      out.push({
        content: [start, end],
        source: [base, base + name.length],
        cue: [cueAt, cueAt + verb.length],
      });
      continue;
    }
    const before = text.slice(Math.max(0, m.index - 80), m.index);
    const b = BEFORE.exec(before);
    if (b) {
      const off = Math.max(0, m.index - 80) + b.index;
      const cueAt = off + b[0].indexOf(b[2]!, b[1]!.length);
      out.push({
        content: [start, end],
        source: [off, off + b[1]!.length],
        cue: [cueAt, cueAt + b[2]!.length],
      });
    }
  }
  for (const m of text.matchAll(INDIRECT)) {
    const cueAt = m.index + m[0].indexOf(m[2]!, m[1]!.length);
    const start = m.index + m[0].lastIndexOf(m[4]!);
    if (out.some((o) => o.content[0] < start + m[4]!.length && start < o.content[1])) continue;
    out.push({
      content: [start, start + m[4]!.length],
      source: [m.index, m.index + m[1]!.length],
      cue: [cueAt, cueAt + m[2]!.length],
    });
  }
  // UTF-16 → code points
  const cp = (i: number) => [...text.slice(0, i)].length;
  const part = (r: [number, number]) => [{ start: cp(r[0]), end: cp(r[1]) }];
  return out.map((o) => ({
    content: part(o.content),
    cue: o.cue ? part(o.cue) : null,
    source: o.source ? part(o.source) : null,
  }));
}
