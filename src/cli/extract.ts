import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { ArticleError } from '../articles/article.errors.js';
import { charsetOf, checkText, decodeBytes } from '../articles/article.text.js';
import { checkDay } from '../calendar.js';
import type { Config } from '../config.js';
import { connectIfReachable } from '../db/connect.js';
import { FORMAT, type Dataset } from '../records/dataset.js';
import { candidatesToDataset, slugOf } from '../extraction/dataset.js';
import { extractArticle } from '../extraction/document.js';
import { createExtractionRepository } from '../extraction/extraction.repository.js';
import { readHtml } from '../extraction/html.js';
import { readTextFile } from '../import/text-file.js';
import { createLinker, entitiesOfDataset } from '../extraction/linker.js';
import type { ExtractedStatement, LinkableEntity, SpeakerLinker } from '../extraction/types.js';

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
    log(`Usage: statement-graph\n${EXTRACT_USAGE}`);
    return 2;
  }
  const day = values.date === undefined ? undefined : checkDay(values.date);
  if (day && !day.ok) {
    log(`--date ${day.message}`);
    return 2;
  }
  const linker = await loadLinker(values.entities, config, log);
  const datasets: Dataset[] = [];
  let failed = 0;
  for (const file of positionals) {
    const html = /^\.x?html?$/i.test(extname(file));
    let raw: string;
    try {
      // The checks the review API makes on an article: UTF-8 (or the charset a page
      // declares, as for a page fetched by URL), not empty, not binary, within ARTICLE_MAX_BYTES.
      raw = checkText(
        html ? await readPage(file) : await readTextFile(file),
        config.articles.maxBytes,
        file,
      );
    } catch (error) {
      const code = error instanceof ArticleError ? `${error.articleCode}: ` : '';
      log(`${file}: ${code}${(error as Error).message}`);
      failed++;
      continue;
    }
    const page = html ? readHtml(raw) : null;
    if (html && !page) {
      log(`${file}: no readable body`);
      failed++;
      continue;
    }
    const text = page?.text ?? raw;
    const date = values.date ?? page?.date ?? undefined;
    const statements = extractArticle({
      text,
      title: page?.title,
      pageTitle: page?.pageTitle,
      publisher: page?.publisher,
      date,
      linker,
    });
    const out = {
      file: basename(file),
      ...(page ? { text } : {}),
      statements: statements.map(outputShape),
    };
    console.log(values.jsonl ? JSON.stringify(out) : JSON.stringify(out, null, 2));
    const base = basename(file, extname(file));
    datasets.push(
      candidatesToDataset(statements, {
        slug: slugOf(`${base}${date ? `-${date}` : ''}`),
        title: page?.title ?? base,
        date,
        publisher: page?.publisher ?? undefined,
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

async function loadLinker(
  entitiesFile: string | undefined,
  config: Config,
  log: (line: string) => void,
): Promise<SpeakerLinker | undefined> {
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
  return createLinker(entities);
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

/** An HTML file in the charset it declares (UTF-8 when it declares none), invalid bytes refused. */
async function readPage(file: string): Promise<string> {
  const bytes = await readFile(file);
  return decodeBytes(bytes, charsetOf(undefined, bytes), file);
}
