import type { Plugin } from 'graphql-yoga';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ExportRunner } from './export-runner.js';
import { statementFilterFromParams } from './filter-input.js';
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, isExportFormat } from './formats.js';

export const EXPORT_PATH = '/export/';

const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  QUERY_TOO_COMPLEX: 400,
  DATABASE_UNAVAILABLE: 503,
};

/** An error as the API answers one: `{ errors: [{ message, extensions: { code } }] }`. */
export function errorResponse(error: AppError): Response {
  const { http, ...extensions } = error.extensions as {
    http?: { status?: number; headers?: Record<string, string> };
  };
  return Response.json(
    { errors: [{ message: error.message, extensions }] },
    { status: http?.status ?? STATUS[error.code] ?? 500, headers: http?.headers ?? {} },
  );
}

/**
 * Download endpoints: `GET /export/<format>?<StatementFilter fields>` answers the
 * slice as a file (see formats.ts), with the `statements` query's filter and its
 * reader-token rules. The file is written by `exports` (in production a child process
 * with its own memory limit, see export-runner.ts) and sent once whole.
 */
export function exportDownloads(
  exports: ExportRunner,
  authorizeRead: (request: Request) => unknown,
  logger: Logger,
): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (!url.pathname.startsWith(EXPORT_PATH)) return;
      const format = url.pathname.slice(EXPORT_PATH.length);
      try {
        if (!isExportFormat(format))
          throw new AppError(
            'NOT_FOUND',
            `No export format "${format}"; one of ${EXPORT_FORMAT_NAMES.join(', ')}.`,
          );
        if (request.method !== 'GET') {
          return endResponse(
            Response.json(
              { errors: [{ message: 'Exports are downloaded with GET.' }] },
              { status: 405, headers: { allow: 'GET' } },
            ),
          );
        }
        authorizeRead(request);
        const filter = statementFilterFromParams(url.searchParams);
        const started = performance.now();
        const { contentType, extension } = EXPORT_FORMATS[format];
        const file = await exports.run({
          format,
          filter,
          description: `Statement Graph export: ${url.search || 'the whole graph'}`,
        });
        logger.info(
          {
            format,
            statements: file.statements,
            bytes: file.body.byteLength,
            ms: Math.round(performance.now() - started),
          },
          'export',
        );
        return endResponse(
          new Response(file.body, {
            headers: {
              'content-type': contentType,
              'content-disposition': `attachment; filename="statement-graph${extension}"`,
              'cache-control': 'no-store',
              'x-content-type-options': 'nosniff',
            },
          }),
        );
      } catch (error) {
        if (error instanceof AppError) {
          if (error.code === 'EXPORT_TOO_LARGE')
            logger.warn({ format, url: url.search }, error.message);
          return endResponse(errorResponse(error));
        }
        // Anything unexpected stays masked, as yoga masks it for GraphQL.
        logger.error({ err: error }, 'export failed');
        return endResponse(
          Response.json({ errors: [{ message: 'Unexpected error.' }] }, { status: 500 }),
        );
      }
    },
  };
}
