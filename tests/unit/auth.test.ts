import { describe, expect, it } from 'vitest';
import { authenticate, createTokenRegistry } from '../../src/auth.js';
import { AppError } from '../../src/errors.js';

const EDITOR = 'editor-token-0123456789abcdef';
const READER = 'reader-token-0123456789abcdef';

describe('bearer tokens', () => {
  const registry = createTokenRegistry([
    { name: 'alice', role: 'editor', token: EDITOR },
    { name: 'bot', role: 'reader', token: READER },
  ]);

  it('finds the holder of a known token', () => {
    expect(registry.lookup(EDITOR)).toEqual({ name: 'alice', role: 'editor' });
    expect(registry.lookup(READER)).toEqual({ name: 'bot', role: 'reader' });
  });

  it('knows no other token: a prefix, a longer one, or an empty one', () => {
    for (const token of [EDITOR.slice(0, -1), `${EDITOR}x`, '', EDITOR.toUpperCase()]) {
      expect(registry.lookup(token)).toBeNull();
    }
  });

  it('reads "Authorization: Bearer <token>" and refuses anything else', () => {
    expect(authenticate(registry, null)).toBeNull();
    expect(authenticate(registry, '')).toBeNull();
    expect(authenticate(registry, `Bearer ${EDITOR}`)).toEqual({ name: 'alice', role: 'editor' });
    expect(authenticate(registry, `bearer  ${READER} `)).toEqual({ name: 'bot', role: 'reader' });
    for (const header of [`Basic ${EDITOR}`, 'Bearer', `Bearer ${EDITOR} extra`, 'Bearer nope']) {
      const result = authenticate(registry, header);
      expect(result).toBeInstanceOf(AppError);
      expect((result as AppError).extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        http: { status: 401 },
      });
    }
  });
});
