import type { DateArgument } from '../../date-argument.js';
import { invalidInput } from '../../errors.js';

/** Checks of exploration arguments; each refusal is BAD_USER_INPUT naming the argument (invalidInput). */

export function boundedInt(path: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidInput([{ path, message: `must be between ${min} and ${max}, not ${value}` }]);
  }
  return value;
}

/** Refuses `path` with `message` when `refused` holds. */
export function refuseIf(refused: boolean, path: string, message: string): void {
  if (refused) throw invalidInput([{ path, message }]);
}

/** What a text longer than `max` characters is told, naming its length. */
export const tooLong = (max: number, length: number) =>
  `must be at most ${max} characters long, not ${length}`;

export function boundedText(path: string, text: string, max: number): string {
  if (text.length > max) {
    throw invalidInput([{ path, message: tooLong(max, text.length) }]);
  }
  return text;
}

/**
 * The days a `from`/`to` pair bounds: the first day of `from` and the last day
 * of `to` (`from: "2024-06", to: "2024-06"` is all of June); refused when `to`
 * ends before `from` begins.
 */
export function checkRange(
  from: DateArgument | null | undefined,
  to: DateArgument | null | undefined,
): { from: string | null; to: string | null } {
  if (from && to && from.start > to.end) {
    throw invalidInput([{ path: 'to', message: `must not be before from (${from.text})` }]);
  }
  return { from: from?.start ?? null, to: to?.end ?? null };
}

/** An id list as given (null stays null: no restriction), refused above `max` ids. */
export function idList(
  path: string,
  ids: readonly string[] | null | undefined,
  max: number,
): string[] | null {
  if (!ids) return null;
  if (ids.length > max) {
    throw invalidInput([{ path, message: `must have at most ${max} ids, not ${ids.length}` }]);
  }
  return [...new Set(ids)];
}
