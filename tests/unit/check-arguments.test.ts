import { describe, expect, it } from 'vitest';
import { checkArguments, invalidInput } from '../../src/errors.js';
import { boundedInt } from '../../src/modules/shared/arguments.js';

describe('checkArguments', () => {
  it("answers each check's value when none refuses", () => {
    expect(
      checkArguments(
        () => boundedInt('first', 5, 0, 100),
        () => 'text',
      ),
    ).toEqual([5, 'text']);
  });

  it('throws a refusal alone as it is, and one error for several', () => {
    const alone = invalidInput([{ path: 'after', message: 'not a cursor this API issued' }]);
    expect(() =>
      checkArguments(
        () => 1,
        () => {
          throw alone;
        },
      ),
    ).toThrow(alone);
    expect(() =>
      checkArguments(
        () => boundedInt('depth', 0, 1, 3),
        () => 'fine',
        () => boundedInt('limit', -1, 0, 200),
      ),
    ).toThrow(
      expect.objectContaining({
        message: 'depth: must be between 1 and 3, not 0; limit: must be between 0 and 200, not -1.',
        extensions: {
          code: 'BAD_USER_INPUT',
          problems: [
            { path: 'depth', message: 'must be between 1 and 3, not 0' },
            { path: 'limit', message: 'must be between 0 and 200, not -1' },
          ],
        },
      }),
    );
  });

  it('throws any other error at once', () => {
    let ran = false;
    expect(() =>
      checkArguments(
        () => {
          throw new TypeError('a bug');
        },
        () => (ran = true),
      ),
    ).toThrow(TypeError);
    expect(ran).toBe(false);
  });
});
