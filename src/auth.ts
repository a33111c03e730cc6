import { createHash, timingSafeEqual } from 'node:crypto';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ApiToken, Role } from './config.js';
import { AppError } from './errors.js';

/** Who is calling: the name and role of the bearer token presented. */
export interface Principal {
  readonly name: string;
  readonly role: Role;
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/**
 * Finds the holder of a token. Both sides are hashed first, so every comparison is
 * of two 32-byte digests in constant time, whatever the presented token's length;
 * and every configured token is compared, so timing does not tell which one matched.
 */
export function createTokenRegistry(tokens: readonly ApiToken[]) {
  const known = tokens.map((t) => ({
    principal: Object.freeze({ name: t.name, role: t.role }),
    digest: digest(t.token),
  }));
  return {
    lookup(token: string): Principal | null {
      const presented = digest(token);
      let found: Principal | null = null;
      for (const entry of known) {
        if (timingSafeEqual(presented, entry.digest)) found = entry.principal;
      }
      return found;
    },
  };
}

export type TokenRegistry = ReturnType<typeof createTokenRegistry>;

/** What the Authorization header says: no credentials, a known principal, or a refusal. */
export function authenticate(
  registry: TokenRegistry,
  header: string | null,
): Principal | null | AppError {
  if (header === null || header.trim() === '') return null;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (!match) {
    return new AppError('UNAUTHENTICATED', 'Send the token as "Authorization: Bearer <token>".');
  }
  return (
    registry.lookup(match[1]!) ?? new AppError('UNAUTHENTICATED', 'The bearer token is not valid.')
  );
}

export interface AuthOptions {
  tokens: readonly ApiToken[];
  /** Reads need a token too (any role); otherwise anyone may read. */
  requireReaderToken: boolean;
}

/**
 * Access control for the whole API, in one place: a bad token is refused before
 * the request is parsed, reads need a token when configured, and mutations need
 * an editor's token. `principalOf` hands the caller to the request's context.
 */
export function createAuth({ tokens, requireReaderToken }: AuthOptions) {
  const registry = createTokenRegistry(tokens);
  const principals = new WeakMap<Request, Principal | null>();

  const plugin: Plugin = {
    onRequestParse({ request }) {
      const result = authenticate(registry, request.headers.get('authorization'));
      if (result instanceof AppError) throw result;
      if (result === null && requireReaderToken) {
        throw new AppError('UNAUTHENTICATED', 'This API needs a bearer token to read.');
      }
      principals.set(request, result);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName)?.operation;
      if (operation !== 'mutation') return;
      const principal = (args.contextValue as { principal?: Principal | null }).principal ?? null;
      if (principal === null) {
        setResultAndStopExecution({
          errors: [new AppError('UNAUTHENTICATED', 'Writing needs an editor token.')],
        });
      } else if (principal.role !== 'editor') {
        setResultAndStopExecution({
          errors: [new AppError('FORBIDDEN', `The ${principal.role} token may not write.`)],
        });
      }
    },
  };

  return {
    plugin,
    principalOf: (request: Request): Principal | null => principals.get(request) ?? null,
    /**
     * Read access outside GraphQL (downloads): the rules a query follows. Throws
     * UNAUTHENTICATED for a bad token, or for none when reads need one.
     */
    authorizeRead(request: Request): Principal | null {
      const result = authenticate(registry, request.headers.get('authorization'));
      if (result instanceof AppError) throw result;
      if (result === null && requireReaderToken) {
        throw new AppError('UNAUTHENTICATED', 'This API needs a bearer token to read.');
      }
      return result;
    },
  };
}
