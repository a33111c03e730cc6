import { GraphQLError } from 'graphql';

/** Stable codes clients can branch on; messages may change, codes do not. */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'DATABASE_UNAVAILABLE'
  | 'QUERY_TOO_COMPLEX';

export interface FieldProblem {
  path: string;
  message: string;
}

export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: { problems?: FieldProblem[] } = {},
  ) {
    super(message, { extensions: { code, ...details } });
  }
}

export const badInput = (message: string, problems?: FieldProblem[]) =>
  new AppError('BAD_USER_INPUT', message, problems ? { problems } : {});

export const notFound = (what: string, id: string) =>
  new AppError('NOT_FOUND', `No ${what} with id "${id}".`);
