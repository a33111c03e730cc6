import { cpus, totalmem } from 'node:os';
import type { IngestResult } from './ingest.js';

export interface LoadResult {
  target: 'ours' | 'floor' | 'peer';
  concurrency: number;
  requests: number;
  errors: number;
  non2xx: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  /** Cypher queries sent per request (from the servers' own counters). */
  cypherPerRequest: number;
  /** Peak resident memory of the server process during the run, MB. */
  rssMb: number;
  /** Set when the run sent one query alone instead of the mix. */
  query?: string;
}

/** A query a target answered with an error before the runs: left out of its mix. */
export interface Failure {
  target: LoadResult['target'];
  query: string;
  message: string;
}

export interface BenchResults {
  startedAt: string;
  machine: { cpus: string; cores: number; memoryGb: number; node: string; neo4j: string };
  size: number;
  records: number;
  durationSeconds: number;
  ingest: IngestResult[];
  load: LoadResult[];
  queries: Array<{ name: string; description: string }>;
  /** The database the queries ran on: the one our importer filled, or the bulk importer's. */
  queriesOn?: string;
  failures?: Failure[];
}

export function machine(): BenchResults['machine'] {
  return {
    cpus: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    neo4j: '5.26.30 Community (embedded, tools/neo4j-local)',
  };
}

/** The size from which the issue's targets are claimed; below it the report says so. */
const TARGETS_FROM = 100_000;

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** The Markdown report: tables, then each target against its target figures. */
export function markdown(r: BenchResults): string {
  const mix = r.load.filter((l) => !l.query);
  const single = r.load.filter((l) => l.query);
  const ingest = (m: string) => r.ingest.find((i) => i.method.startsWith(m));
  const ours = ingest('ours');
  const floor = ingest('floor');
  const row = ingest('row');
  const lines = [
    `# Benchmark — ${r.size.toLocaleString('en')} statements (${r.records.toLocaleString('en')} records)`,
    '',
    `Run ${r.startedAt} on ${r.machine.cores} × ${r.machine.cpus}, ${r.machine.memoryGb} GiB, Node ${r.machine.node}, Neo4j ${r.machine.neo4j}.`,
    '',
    ...(r.size < TARGETS_FROM
      ? [
          `The targets below are claimed from ${TARGETS_FROM.toLocaleString('en')} statements up (README → Benchmarks): at this size fixed costs (our GraphQL layer's per request, Neo4j's start and index builds) dominate.`,
          '',
        ]
      : []),
    '## Ingest',
    '',
    '| method | statements | seconds | statements/s |',
    '|---|---:|---:|---:|',
    ...r.ingest.map(
      (i) =>
        `| ${i.method} | ${i.statements.toLocaleString('en')} | ${fmt(i.seconds, 2)} | ${fmt(i.statementsPerSecond, 0)} |`,
    ),
    '',
  ];
  if (ours && floor) {
    lines.push(
      `- ours / floor: **${fmt(ours.statementsPerSecond / floor.statementsPerSecond, 2)}×** the floor's rate (target ≥ 0.9)`,
    );
  }
  if (ours && row) {
    lines.push(
      `- ours / row-at-a-time: **${fmt(ours.statementsPerSecond / row.statementsPerSecond, 1)}×** (target ≥ 50×)`,
    );
  }
  lines.push('');
  const bulk = ingest('bulk');
  if (bulk) {
    lines.push(
      `- bulk (fresh database): **${fmt(bulk.statementsPerSecond, 0)} statements/s** from the dataset file to an indexed database (target ≥ 20,000); ${Object.entries(
        bulk.phases ?? {},
      )
        .map(([phase, s]) => `${phase} ${fmt(s, 1)} s`)
        .join(', ')}`,
      '',
    );
  }
  if (r.queriesOn === 'none') {
    lines.push('No query runs (`--queries-on none`).', '');
    return lines.join('\n');
  }
  lines.push(
    `## Query mix (${r.durationSeconds} s per run, autocannon on loopback)`,
    '',
    ...r.queries.map((q) => `- **${q.name}**: ${q.description}`),
    '',
    `On the database ${r.queriesOn === 'bulk' ? 'the bulk importer' : 'our importer'} filled; every target queries the same one.`,
    '',
    ...(r.failures ?? []).flatMap((f) => [
      `- **${f.target} fails ${f.query}** (left out of its mix and runs): ${f.message.replace(/\|/g, '\\|')}`,
    ]),
    ...(r.failures?.length ? [''] : []),
    '| target | concurrency | req/s | p50 ms | p90 ms | p99 ms | errors | non-2xx | Cypher/request | server RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...mix.map(
      (l) =>
        `| ${l.target} | ${l.concurrency} | ${fmt(l.requestsPerSecond)} | ${fmt(l.p50)} | ${fmt(l.p90)} | ${fmt(l.p99)} | ${l.errors} | ${l.non2xx} | ${fmt(l.cypherPerRequest, 2)} | ${fmt(l.rssMb, 0)} |`,
    ),
    '',
    '| concurrency | p50 ours/floor (target ≤ 1.3) | throughput ours/peer (target ≥ 1.5) |',
    '|---:|---:|---:|',
  );
  for (const c of [...new Set(r.load.map((l) => l.concurrency))]) {
    const at = (t: LoadResult['target']) =>
      r.load.find((l) => l.target === t && l.concurrency === c);
    const o = at('ours');
    const f = at('floor');
    const p = at('peer');
    lines.push(
      `| ${c} | ${o && f ? fmt(o.p50 / f.p50, 2) : '–'} | ${o && p ? fmt(o.requestsPerSecond / p.requestsPerSecond, 2) : '–'} |`,
    );
  }
  lines.push(
    '',
    '### Each query alone (one connection): p50 ms, and Cypher queries per request',
    '',
    '| query | ours | floor | peer | ours/floor | ours Cypher/request |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const name of [...new Set(single.map((l) => l.query!))]) {
    const at = (t: LoadResult['target']) => single.find((l) => l.target === t && l.query === name);
    const [o, f, p] = [at('ours'), at('floor'), at('peer')];
    lines.push(
      `| ${name} | ${fmt(o?.p50 ?? NaN)} | ${fmt(f?.p50 ?? NaN)} | ${fmt(p?.p50 ?? NaN)} | ${o && f ? fmt(o.p50 / f.p50, 2) : '–'} | ${fmt(o?.cypherPerRequest ?? NaN, 2)} |`,
    );
  }
  const peak = Math.max(0, ...r.load.filter((l) => l.target === 'ours').map((l) => l.rssMb));
  lines.push(
    '',
    `Peak RSS of our API under load: **${fmt(peak, 0)} MB** (target < 250 MB).`,
    '',
    '![latency](latency.svg)',
    '',
  );
  return lines.join('\n');
}

/** p50 latency against concurrency, one line per target, as a small self-contained SVG. */
export function latencySvg(all: LoadResult[]): string {
  const load = all.filter((l) => !l.query);
  const width = 640;
  const height = 360;
  const m = { left: 60, right: 110, top: 30, bottom: 50 };
  const levels = [...new Set(load.map((l) => l.concurrency))].sort((a, b) => a - b);
  const maxY = Math.max(1, ...load.map((l) => l.p50)) * 1.1;
  const x = (c: number) =>
    m.left + (levels.indexOf(c) / Math.max(1, levels.length - 1)) * (width - m.left - m.right);
  const y = (v: number) => height - m.bottom - (v / maxY) * (height - m.top - m.bottom);
  const colors = { ours: '#d62728', floor: '#2ca02c', peer: '#1f77b4' } as const;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="14">p50 latency (ms) by concurrency</text>`,
    `<line x1="${m.left}" y1="${height - m.bottom}" x2="${width - m.right}" y2="${height - m.bottom}" stroke="black"/>`,
    `<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${height - m.bottom}" stroke="black"/>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const v = (maxY / 4) * i;
    parts.push(`<text x="${m.left - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(0)}</text>`);
    parts.push(
      `<line x1="${m.left}" y1="${y(v)}" x2="${width - m.right}" y2="${y(v)}" stroke="#ddd"/>`,
    );
  }
  for (const c of levels)
    parts.push(`<text x="${x(c)}" y="${height - m.bottom + 18}" text-anchor="middle">${c}</text>`);
  parts.push(
    `<text x="${(width - m.right + m.left) / 2}" y="${height - 12}" text-anchor="middle">concurrent connections</text>`,
  );
  (Object.keys(colors) as Array<keyof typeof colors>).forEach((target, i) => {
    const points = load
      .filter((l) => l.target === target)
      .sort((a, b) => a.concurrency - b.concurrency);
    if (points.length === 0) return;
    parts.push(
      `<polyline fill="none" stroke="${colors[target]}" stroke-width="2" points="${points.map((p) => `${x(p.concurrency)},${y(p.p50)}`).join(' ')}"/>`,
      ...points.map(
        (p) => `<circle cx="${x(p.concurrency)}" cy="${y(p.p50)}" r="3" fill="${colors[target]}"/>`,
      ),
      `<text x="${width - m.right + 10}" y="${m.top + 20 + i * 18}" fill="${colors[target]}">${target}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
