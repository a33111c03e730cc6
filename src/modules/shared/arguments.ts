import { badInput } from '../../errors.js';

/** Checks of exploration arguments; each refusal is BAD_USER_INPUT naming the argument. */

export function boundedInt(path: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const message = `must be between ${min} and ${max}, got ${value}`;
    throw badInput(`${path} ${message}.`, [{ path, message }]);
  }
  return value;
}

export function checkRange(from: string | null | undefined, to: string | null | undefined): void {
  if (from && to && from > to) {
    const message = `must not be before from (${from})`;
    throw badInput(`to ${message}.`, [{ path: 'to', message }]);
  }
}

/** An id list as given (null stays null: no restriction), refused above `max` ids. */
export function idList(
  path: string,
  ids: readonly string[] | null | undefined,
  max: number,
): string[] | null {
  if (!ids) return null;
  if (ids.length > max) {
    const message = `at most ${max} ids`;
    throw badInput(`${path}: ${message}.`, [{ path, message }]);
  }
  return [...new Set(ids)];
}
