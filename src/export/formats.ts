import type { Dataset } from '../records/dataset.js';
import { COLLECTIONS } from '../records/record-kinds.js';
import { statementsCsv } from './csv.js';
import type { ExportSlice } from './exporter.js';
import { ftmJsonLines } from './ftm.js';
import { toGexf } from './gexf.js';
import { toGraphml } from './graphml.js';
import { toJsonLd } from './jsonld.js';
import { stanceNetwork } from './network.js';

export interface ExportFormat {
  /** Media type of the file (with charset for text). */
  contentType: string;
  /** File name extension, with its dot. */
  extension: string;
  write(slice: ExportSlice, description: string): string;
}

/** The dataset format (statement-graph/1) as one JSON document: imports back as it is. */
export const datasetJson = (dataset: Dataset) => `${JSON.stringify(dataset, null, 2)}\n`;

/** The dataset format as JSON Lines: a format line, then one record a line with its `type`. */
export const datasetJsonLines = (dataset: Dataset) =>
  [
    JSON.stringify({ format: dataset.format }),
    ...COLLECTIONS.flatMap(([collection, type]) =>
      (dataset[collection] as object[]).map((record) => JSON.stringify({ type, ...record })),
    ),
  ].join('\n') + '\n';

export const EXPORT_FORMAT_NAMES = [
  'json',
  'jsonl',
  'graphml',
  'gexf',
  'ftm',
  'jsonld',
  'csv',
] as const;
export type ExportFormatName = (typeof EXPORT_FORMAT_NAMES)[number];

/** Every export format, by the name the CLI's `--format` and the download URL use. */
export const EXPORT_FORMATS: Record<ExportFormatName, ExportFormat> = {
  json: {
    contentType: 'application/json; charset=utf-8',
    extension: '.json',
    write: ({ dataset }) => datasetJson(dataset),
  },
  jsonl: {
    contentType: 'application/jsonl; charset=utf-8',
    extension: '.jsonl',
    write: ({ dataset }) => datasetJsonLines(dataset),
  },
  graphml: {
    contentType: 'application/graphml+xml; charset=utf-8',
    extension: '.graphml',
    write: ({ dataset, matching }) => toGraphml(stanceNetwork(dataset, matching)),
  },
  gexf: {
    contentType: 'application/gexf+xml; charset=utf-8',
    extension: '.gexf',
    write: ({ dataset, matching }, description) =>
      toGexf(stanceNetwork(dataset, matching), description),
  },
  ftm: {
    contentType: 'application/jsonl; charset=utf-8',
    extension: '.ftm.jsonl',
    write: ({ dataset }) => ftmJsonLines(dataset),
  },
  jsonld: {
    contentType: 'application/ld+json; charset=utf-8',
    extension: '.jsonld',
    write: ({ dataset }) => `${JSON.stringify(toJsonLd(dataset), null, 2)}\n`,
  },
  csv: {
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: '.csv',
    write: ({ dataset, matching }) => statementsCsv(dataset, matching),
  },
};

export const isExportFormat = (name: string): name is ExportFormatName =>
  Object.hasOwn(EXPORT_FORMATS, name);
