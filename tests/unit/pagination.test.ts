import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { pageRequest, toConnection, type SortSpec } from '../../src/modules/shared/connection.js';
import {
  afterCondition,
  orderClause,
  pageParams,
  sortable,
} from '../../src/modules/shared/keyset.js';
import { LISTS } from '../../src/modules/nodes/nodes.repository.js';
import { STATEMENT_SORTS } from '../../src/modules/statements/statements.repository.js';

/** Pins cursors and keyset conditions: cursors are kept by clients across deployments. */

const DATE: SortSpec = STATEMENT_SORTS.DATE;

describe('keyset conditions', () => {
  it('are a range plus a tie-break, per sort and direction', () => {
    const sorts: Record<string, SortSpec> = {
      ...STATEMENT_SORTS,
      meetingDate: LISTS.Meeting.DATE,
      name: LISTS.Person.NAME!,
    };
    const out = Object.fromEntries(
      Object.entries(sorts).flatMap(([key, sort]) =>
        (['ASC', 'DESC'] as const).map((dir) => [
          `${key} ${dir}`,
          [afterCondition(sort, dir), sortable(sort), orderClause(sort, dir)],
        ]),
      ),
    );
    expect(out).toMatchSnapshot();
  });
});

describe('cursors', () => {
  const rows = [
    { node: { id: 'statement:a' }, sortValue: '2024-07-01' },
    { node: { id: 'statement:b' }, sortValue: '2024-06-01' },
    { node: { id: 'statement:c' }, sortValue: '2024-05-01' },
  ];

  it('encode sort, direction, value and id, and decode back', async () => {
    const page = pageRequest({ first: 2 }, DATE, 'DESC', 'statement');
    expect(page).toEqual({ first: 2, limit: 3, after: null, direction: 'DESC', sortName: 'DATE' });
    const connection = toConnection(rows, page, async () => 3);
    expect(connection.edges.map((e) => e.node.id)).toEqual(['statement:a', 'statement:b']);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const cursor = connection.pageInfo.endCursor!;
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString())).toEqual([
      'DATE',
      'DESC',
      '2024-06-01',
      'statement:b',
    ]);
    const next = pageRequest({ first: 2, after: cursor }, DATE, 'DESC', 'statement');
    expect(pageParams(next)).toEqual({ afterValue: '2024-06-01', afterId: 'statement:b' });
    expect(await connection.totalCount()).toBe(3);
  });

  it('are refused from another order, malformed, or with a value of the wrong type', () => {
    const cursor = toConnection(
      rows,
      pageRequest({ first: 1 }, DATE, 'DESC', 'statement'),
      async () => 0,
    ).pageInfo.endCursor!;
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return [(error as AppError).extensions.code, (error as AppError).extensions.problems];
      }
      return null;
    };
    expect(code(() => pageRequest({ after: cursor }, DATE, 'ASC', 'statement'))).toMatchSnapshot();
    expect(
      code(() => pageRequest({ after: cursor }, STATEMENT_SORTS.CONFIDENCE, 'DESC', 'statement')),
    ).toMatchSnapshot();
    expect(
      code(() => pageRequest({ after: 'nonsense' }, DATE, 'DESC', 'statement')),
    ).toMatchSnapshot();
    const bad = Buffer.from(JSON.stringify(['DATE', 'DESC', 'July', 'statement:x'])).toString(
      'base64url',
    );
    expect(code(() => pageRequest({ after: bad }, DATE, 'DESC', 'statement'))).toMatchSnapshot();
    expect(code(() => pageRequest({ first: 101 }, DATE, 'DESC', 'statement'))).toMatchSnapshot();
    expect(code(() => pageRequest({ first: -1 }, DATE, 'DESC', 'statement'))).toMatchSnapshot();

    // A meeting's cursor of the same order is no position among statements.
    const meeting = toConnection(
      [{ node: { id: 'meeting:m' }, sortValue: '2024-07-01' }],
      pageRequest({ first: 1 }, DATE, 'DESC', 'meeting'),
      async () => 1,
    ).pageInfo.endCursor!;
    expect(code(() => pageRequest({ after: meeting }, DATE, 'DESC', 'statement'))).toEqual([
      'BAD_USER_INPUT',
      [{ path: 'after', message: 'a cursor from another list; start again without it' }],
    ]);
    expect(pageRequest({ after: meeting }, DATE, 'DESC', 'meeting').after).toEqual({
      value: '2024-07-01',
      id: 'meeting:m',
    });
  });
});
