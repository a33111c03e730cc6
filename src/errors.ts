import { GraphQLError } from 'graphql';
import type { ArticleErrorCode } from './articles/article.errors.js';
import { formatProblem } from './records/validate.js';

/** Stable codes clients can branch on; messages may change, codes do not. */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'DATABASE_UNAVAILABLE'
  | 'QUERY_TOO_COMPLEX'
  | 'REQUEST_ENTITY_TOO_LARGE'
  | 'BAD_REQUEST'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'SUBSCRIPTION_OVERFLOW'
  | 'TOO_MANY_SUBSCRIBERS'
  | 'EXPORT_TOO_LARGE'
  | ArticleErrorCode;

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * Codes that are about the request as a whole get their HTTP status too (yoga
 * reads `extensions.http` and leaves it out of the response body).
 */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  REQUEST_ENTITY_TOO_LARGE: 413,
  EXPORT_TOO_LARGE: 413,
  BAD_REQUEST: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: { problems?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    const status = HTTP_STATUS[code];
    super(message, {
      extensions: {
        code,
        ...details,
        ...(status
          ? {
              http: {
                status,
                ...(code === 'UNAUTHENTICATED'
                  ? { headers: { 'WWW-Authenticate': 'Bearer realm="statement-graph"' } }
                  : {}),
              },
            }
          : {}),
      },
    });
  }
}

export const badInput = (message: string, problems?: FieldProblem[]) =>
  new AppError('BAD_USER_INPUT', message, problems ? { problems } : {});

/**
 * The one shape of an argument's refusal: BAD_USER_INPUT whose message is its problems,
 * each `path: message` as the import says it (formatProblem), joined by `; `
 * (`filter.nameContains: must be at most 200 characters long, not 612.`), and whose
 * `extensions.problems` lists them.
 */
export function invalidInput(problems: FieldProblem[]): AppError {
  const text = problems.map(formatProblem).join('; ');
  return badInput(/[.?!]$/.test(text) ? text : `${text}.`, problems);
}

/**
 * Runs the checks of one field's arguments, all of them, before refusing: the
 * problems of every check that refuses (BAD_USER_INPUT with `problems`, as
 * invalidInput makes it) become one invalidInput, in the order of the checks;
 * a check refusing alone is thrown as it is. Any other error is thrown at once.
 * Answers each check's value, in order.
 */
export function checkArguments<T extends unknown[]>(...checks: { [K in keyof T]: () => T[K] }): T {
  const values: unknown[] = [];
  const refusals: AppError[] = [];
  for (const check of checks) {
    try {
      values.push(check());
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'BAD_USER_INPUT' && problemsOf(error)))
        throw error;
      refusals.push(error);
      values.push(undefined);
    }
  }
  if (refusals.length > 1) throw invalidInput(refusals.flatMap((r) => problemsOf(r)!));
  if (refusals.length === 1) throw refusals[0]!;
  return values as T;
}

const problemsOf = (error: AppError) => error.extensions.problems as FieldProblem[] | undefined;

export const notFound = (what: string, id: string) =>
  new AppError('NOT_FOUND', `No ${what} with id "${id}".`);
