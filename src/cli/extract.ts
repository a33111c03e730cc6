import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { ArticleError } from '../articles/article.errors.js';
import { takeArticle, type Article } from '../articles/article.intake.js';
import { articleTitle } from '../articles/article.metadata.js';
import { charsetOf, decodeBytes } from '../articles/article.text.js';
import { checkDay } from '../calendar.js';
import type { Config } from '../config.js';
import { connectIfReachable } from '../db/connect.js';
import { FORMAT, type Dataset } from '../records/dataset.js';
import { candidatesToDataset, slugOf } from '../extraction/dataset.js';
import { articleFacts, articleLinkers, extractArticle } from '../extraction/document.js';
import { createExtractionRepository } from '../extraction/extraction.repository.js';
import { entitiesOfDataset } from '../extraction/linker.js';
import type { ExtractedStatement, LinkableEntity } from '../extraction/types.js';
import { articleSourceId } from '../modules/review/review.candidates.js';
import { USAGE_ERROR } from './usage.js';

export const EXTRACT_USAGE = `  extract FILE... [--date YYYY-MM-DD] [--jsonl] [--dataset OUT] [--entities DATASET.json]
      Candidate statements of each article (.txt, or .html: its readable body), one JSON
      object per file (one per line with --jsonl). Offsets are code points into the text.
      Speakers get ids from --entities, else from the graph when one is reachable (never
      started for this). --dataset writes the candidates as a dataset file for review.`;

/** `statement-graph extract`: no logic of its own beyond reading files and printing. */
export async function runExtract(
  args: string[],
  config: Config,
  log: (line: string) => void,
): Promise<number> {
  // an unknown option or one missing its value throws: a usage error (exit 2, see statement-graph.ts)
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      date: { type: 'string' },
      jsonl: { type: 'boolean' },
      dataset: { type: 'string' },
      entities: { type: 'string' },
    },
  });
  if (positionals.length === 0) {
    log(`statement-graph extract: no FILE given\nUsage: statement-graph\n${EXTRACT_USAGE}`);
    return USAGE_ERROR;
  }
  const day = values.date === undefined ? undefined : checkDay(values.date);
  if (day && !day.ok) {
    log(`statement-graph extract: --date ${day.message}`);
    return USAGE_ERROR;
  }
  const linkers = await loadLinkers(values.entities, config, log);
  const datasets: Dataset[] = [];
  let failed = 0;
  for (const file of positionals) {
    let article: Article;
    try {
      article = await readArticle(file, config);
    } catch (error) {
      const why = refusal(error);
      if (!why) throw error;
      log(`${file}: ${why}`);
      failed++;
      continue;
    }
    const facts = articleFacts(article, values.date);
    if (!facts.date) {
      log(
        `${file}: no --date and no date in the article: relative dates ("on Sunday") are read against today`,
      );
    }
    const statements = extractArticle({ ...facts, ...linkers });
    const out = {
      file: basename(file),
      ...(article.format === 'HTML' ? { text: article.text } : {}),
      statements: statements.map(outputShape),
    };
    console.log(values.jsonl ? JSON.stringify(out) : JSON.stringify(out, null, 2));
    const base = basename(file, extname(file));
    const m = article.metadata;
    datasets.push(
      candidatesToDataset(statements, {
        slug: slugOf(`${base}${facts.date ? `-${facts.date}` : ''}`),
        // the id the review API gives the same text: importing and reviewing meet on one Source
        sourceId: articleSourceId(article.textHash),
        title: articleTitle(article.text, m),
        date: facts.date ?? undefined,
        publisher: m.outlet,
        publisherId: (m.outlet && linkers?.linkOutlet(m.outlet)) || undefined,
        url: m.url,
        text: article.text,
        author: m.author,
        credits: m.credits,
      }),
    );
  }
  if (values.dataset) {
    writeFileSync(values.dataset, `${JSON.stringify(mergeDatasets(datasets), null, 2)}\n`);
    log(
      `wrote ${values.dataset}: ${datasets.reduce((n, d) => n + d.statements.length, 0)} candidate statements`,
    );
  }
  return failed > 0 ? 1 : 0;
}

/**
 * A file as the review API takes an article in (src/articles: the same checks, the same
 * text and metadata): .html is a page, read in the charset it declares; anything else is
 * UTF-8 plain text. Binary bytes are refused as binary, before any decoding.
 */
async function readArticle(file: string, config: Config): Promise<Article> {
  const bytes = await readFile(file);
  const html = /^\.x?html?$/i.test(extname(file));
  const raw = decodeBytes(bytes, html ? charsetOf(undefined, bytes) : 'utf-8', file);
  return takeArticle(html ? { html: raw } : { text: raw }, {
    maxBytes: config.articles.maxBytes,
    fetch: config.articles.fetch,
  });
}

const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'a directory, not a file',
  EACCES: 'not readable (permission denied)',
};

/** Why a file was refused, as "CODE: reason"; null for an error that is not the input's. */
function refusal(error: unknown): string | null {
  if (error instanceof ArticleError) return `${error.articleCode}: ${error.message}`;
  const code = (error as NodeJS.ErrnoException).code;
  return code && FILE_PROBLEMS[code] ? `FILE_UNREADABLE: ${FILE_PROBLEMS[code]}` : null;
}

/** The shape the issue fixes for scripts: nothing more. */
function outputShape(s: ExtractedStatement) {
  return {
    text: s.text,
    kind: s.kind,
    content: s.content.map(({ start, end }) => ({ start, end })),
    speaker: s.speaker
      ? {
          text: s.speaker.text,
          start: s.speaker.start,
          end: s.speaker.end,
          ...(s.speaker.id ? { id: s.speaker.id } : {}),
        }
      : null,
    cue: s.cue ? { start: s.cue.start, end: s.cue.end } : null,
    date: s.date
      ? { text: s.date.text, precision: s.date.precision, start: s.date.start, end: s.date.end }
      : null,
    confidence: s.confidence,
  };
}

async function loadLinkers(
  entitiesFile: string | undefined,
  config: Config,
  log: (line: string) => void,
): Promise<ReturnType<typeof articleLinkers> | undefined> {
  let entities: LinkableEntity[] | null = null;
  if (entitiesFile) {
    entities = entitiesOfDataset(JSON.parse(readFileSync(entitiesFile, 'utf8')));
  } else {
    const connection = await connectIfReachable(config);
    if (!connection) {
      log(
        'No graph reachable (NEO4J_URI or the local Neo4j): speakers get no ids. --entities FILE links against a dataset.',
      );
      return undefined;
    }
    try {
      entities = await createExtractionRepository(connection.db).linkableEntities();
    } finally {
      await connection.close();
    }
  }
  return articleLinkers(entities);
}

function mergeDatasets(list: Dataset[]): Dataset {
  const merged: Dataset = {
    format: FORMAT,
    description: 'Candidate statements extracted by statement-graph extract: review, then import.',
    sources: [],
    people: [],
    organizations: [],
    countries: [],
    places: [],
    topics: [],
    positions: [],
    meetings: [],
    statements: [],
  };
  const seen = new Set<string>();
  for (const d of list) {
    for (const key of ['sources', 'people', 'organizations', 'countries', 'statements'] as const) {
      for (const r of d[key]) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        (merged[key] as { id: string }[]).push(r);
      }
    }
  }
  return merged;
}
