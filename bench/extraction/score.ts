/**
 * Scores predicted attributions against gold ones, as citron (BBC) scores PARC:
 * content by proportional character overlap with one-to-one matching, span edges'
 * whitespace, punctuation and quotation marks not counted, nor a content's leading
 * conjunction ("that", "and", "but": PolNeAR's content spans hold it, our recorded
 * content and its evidence span leave it out, as they leave out the marks); exact-span
 * matches;
 * speaker and cue accuracy over the matched pairs.
 */
import type { Part } from './brat.js';

export interface Attribution {
  content: Part[];
  cue: Part[] | null;
  source: Part[] | null;
}

export interface Tally {
  predicted: number;
  gold: number;
  /** Sums of overlap/|predicted| and overlap/|gold| over matched pairs. */
  precisionSum: number;
  recallSum: number;
  exact: number;
  speakerRight: number;
  speakerTotal: number;
  cueRight: number;
  cueTotal: number;
}

export const emptyTally = (): Tally => ({
  predicted: 0,
  gold: 0,
  precisionSum: 0,
  recallSum: 0,
  exact: 0,
  speakerRight: 0,
  speakerTotal: 0,
  cueRight: 0,
  cueTotal: 0,
});

const EDGE = /[\s\p{P}\p{S}"'“”‘’«»„‚‹›]/u;

/** The counted characters of some parts: each part's edges trimmed. */
export function charSet(chars: readonly string[], parts: readonly Part[]): Set<number> {
  const set = new Set<number>();
  for (const p of parts) {
    let s = Math.max(0, p.start);
    let e = Math.min(chars.length, p.end);
    while (s < e && EDGE.test(chars[s]!)) s++;
    const lead = /^(that|and|but)\s/i.exec(chars.slice(s, Math.min(e, s + 5)).join(''));
    if (lead && e - s > lead[0].length) {
      s += lead[0].length;
      while (s < e && EDGE.test(chars[s]!)) s++;
    }
    while (e > s && EDGE.test(chars[e - 1]!)) e--;
    for (let i = s; i < e; i++) if (!/\s/u.test(chars[i]!)) set.add(i);
  }
  return set;
}

const overlaps = (a: readonly Part[] | null, b: readonly Part[] | null) =>
  !!a && !!b && a.some((x) => b.some((y) => x.start < y.end && y.start < x.end));

export function score(
  chars: readonly string[],
  gold: Attribution[],
  predicted: Attribution[],
  tally: Tally,
): void {
  const g = gold.map((a) => charSet(chars, a.content)).map((set, i) => ({ set, a: gold[i]! }));
  const p = predicted
    .map((a) => charSet(chars, a.content))
    .map((set, i) => ({ set, a: predicted[i]! }));
  tally.gold += g.filter((x) => x.set.size > 0).length;
  tally.predicted += p.filter((x) => x.set.size > 0).length;
  const pairs: { gi: number; pi: number; overlap: number }[] = [];
  g.forEach((gx, gi) => {
    p.forEach((px, pi) => {
      let overlap = 0;
      for (const c of px.set) if (gx.set.has(c)) overlap++;
      if (overlap > 0) pairs.push({ gi, pi, overlap });
    });
  });
  // one-to-one: the largest overlaps first
  pairs.sort((a, b) => b.overlap - a.overlap);
  const gUsed = new Set<number>();
  const pUsed = new Set<number>();
  for (const { gi, pi, overlap } of pairs) {
    if (gUsed.has(gi) || pUsed.has(pi)) continue;
    gUsed.add(gi);
    pUsed.add(pi);
    const gx = g[gi]!;
    const px = p[pi]!;
    tally.precisionSum += overlap / px.set.size;
    tally.recallSum += overlap / gx.set.size;
    if (overlap === gx.set.size && overlap === px.set.size) tally.exact++;
    if (gx.a.source) {
      tally.speakerTotal++;
      if (overlaps(gx.a.source, px.a.source)) tally.speakerRight++;
    }
    if (gx.a.cue) {
      tally.cueTotal++;
      if (overlaps(gx.a.cue, px.a.cue)) tally.cueRight++;
    }
  }
}

export function figures(t: Tally) {
  const precision = t.predicted ? t.precisionSum / t.predicted : 0;
  const recall = t.gold ? t.recallSum / t.gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const ep = t.predicted ? t.exact / t.predicted : 0;
  const er = t.gold ? t.exact / t.gold : 0;
  const exactF1 = ep + er ? (2 * ep * er) / (ep + er) : 0;
  return {
    precision,
    recall,
    f1,
    exactF1,
    speaker: t.speakerTotal ? t.speakerRight / t.speakerTotal : 0,
    cue: t.cueTotal ? t.cueRight / t.cueTotal : 0,
  };
}
