import { describe, expect, it } from 'vitest';
import { markdown, type BenchResults } from '../../bench/report.js';

const run = (queriesOn: string): BenchResults => ({
  startedAt: '2026-12-01T10:47:06.969Z',
  machine: { cpus: 'cpu', cores: 2, memoryGb: 24, node: 'v20', neo4j: '5.26' },
  size: 100_000,
  records: 136_043,
  durationSeconds: 10,
  ingest: [
    {
      method: 'floor (UNWIND … CREATE)',
      statements: 100_000,
      records: 136_043,
      seconds: 30,
      statementsPerSecond: 3300,
    },
    {
      method: 'ours (importer)',
      statements: 100_000,
      records: 136_043,
      seconds: 33,
      statementsPerSecond: 2970,
    },
  ],
  load: [],
  queries: [{ name: 'page-of-100', description: 'the 100 newest statements' }],
  queriesOn,
});

describe('the bench report', () => {
  it('of a run without queries has the ingests and no empty query sections', () => {
    const md = markdown(run('none'));
    expect(md).toContain('- ours / floor: **0.90×**');
    expect(md).toContain('No query runs (`--queries-on none`).');
    expect(md).not.toContain('## Query mix');
    expect(md).not.toContain('Peak RSS');
  });

  it('of a run with queries has its query sections', () => {
    const md = markdown(run('ours'));
    expect(md).toContain('## Query mix');
    expect(md).toContain('Peak RSS of our API under load');
  });
});
