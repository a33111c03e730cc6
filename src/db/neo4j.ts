import neo4j, {
  isDate,
  isDateTime,
  isInt,
  isLocalDateTime,
  Neo4jError,
  type Driver,
  type ManagedTransaction,
} from 'neo4j-driver';
import { AppError } from '../errors.js';

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string | undefined;
}

export function createDriver({ uri, user, password }: Neo4jConnection): Driver {
  return neo4j.driver(uri, password ? neo4j.auth.basic(user, password) : undefined, {
    // Counts and ids stay far below 2^53; plain numbers keep resolvers free of Integer.
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    maxTransactionRetryTime: 5_000,
  });
}

const PING_TIMEOUT_MS = 2_000;

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

/** A transaction as repositories see it: plain rows in, plain rows out. */
export interface Tx {
  run(cypher: string, params?: Params): Promise<Row[]>;
}

/**
 * The one gateway to Neo4j: every query names the database, reads run as read
 * transactions, writes as write transactions, and each query is counted.
 */
export interface Database {
  read(cypher: string, params?: Params): Promise<Row[]>;
  write(cypher: string, params?: Params): Promise<Row[]>;
  readTx<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  writeTx<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  ping(): Promise<boolean>;
  readonly driver: Driver;
  readonly name: string;
}

export interface DatabaseOptions {
  database: string;
  txTimeoutMs: number;
  onQuery?: (mode: 'read' | 'write') => void;
}

export function createDatabase(driver: Driver, options: DatabaseOptions): Database {
  const { database, txTimeoutMs, onQuery } = options;
  const txConfig = { timeout: txTimeoutMs };

  const wrap = (tx: ManagedTransaction, mode: 'read' | 'write'): Tx => ({
    async run(cypher, params = {}) {
      onQuery?.(mode);
      const rows: Handover<Row[]> = { value: undefined };
      // Rows are built as records arrive and leave through `rows`, not through the result's promise.
      await new Promise<void>((resolve, reject) => {
        let built: Row[] | null = [];
        tx.run(cypher, params).subscribe({
          onNext: (record) => {
            // Each value converted where it lies (see `plainInPlace`), with no copy through toObject.
            const row: Row = {};
            const keys = record.keys as string[];
            for (let i = 0; i < keys.length; i += 1) row[keys[i]!] = plainInPlace(record.get(i));
            built!.push(row);
          },
          onCompleted: () => {
            rows.value = built!;
            built = null;
            resolve();
          },
          onError: (error) => {
            built = null;
            reject(error);
          },
        });
      });
      return handOver(rows);
    },
  });

  async function inSession<T>(mode: 'read' | 'write', work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = driver.session({
      database,
      defaultAccessMode: mode === 'read' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const result: Handover<T> = { value: undefined };
    const transaction = async (tx: ManagedTransaction) => {
      result.value = await work(wrap(tx, mode));
    };
    try {
      if (mode === 'read') await session.executeRead(transaction, txConfig);
      else await session.executeWrite(transaction, txConfig);
    } catch (error) {
      throw translateError(error);
    } finally {
      await session.close();
    }
    return handOver(result);
  }

  return {
    driver,
    name: database,
    read: (cypher, params) => inSession('read', (tx) => tx.run(cypher, params)),
    write: (cypher, params) => inSession('write', (tx) => tx.run(cypher, params)),
    readTx: (work) => inSession('read', work),
    writeTx: (work) => inSession('write', work),
    /**
     * One attempt, never retried: a readiness probe must say 503 at once while
     * Neo4j is down, not after the driver's retry window (queries keep that
     * window, so they ride out a short restart).
     */
    async ping() {
      const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
      try {
        await session.run('RETURN 1', {}, { timeout: PING_TIMEOUT_MS });
        return true;
      } catch {
        return false;
      } finally {
        await session.close().catch(() => {});
      }
    },
  };
}

/**
 * A value on its way out of the driver. V8's young-generation collector keeps alive what a
 * finished query's driver objects still reach (the result's observer, a transaction's callbacks
 * and the promises the driver settles) until the next full collection, so a value handed back
 * through them outlives its request and is copied and promoted: measured on a page of 100
 * statements, half of what the driver decoded (README, Benchmarks). The driver's callbacks
 * write into a holder instead, which `handOver` empties as it reads it.
 */
interface Handover<T> {
  value: T | undefined;
}

function handOver<T>(holder: Handover<T>): T {
  const { value } = holder;
  holder.value = undefined;
  return value as T;
}

/** Maps what Neo4j says to the codes clients see; anything else stays masked. */
export function translateError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof Neo4jError) {
    if (
      error.code === 'ServiceUnavailable' ||
      error.code === 'SessionExpired' ||
      error.code === 'Neo.TransientError.General.DatabaseUnavailable'
    ) {
      return new AppError(
        'DATABASE_UNAVAILABLE',
        'The database is unavailable; try again shortly.',
      );
    }
    if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return new AppError('CONFLICT', 'A node with that id already exists.');
    }
    if (
      error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') ||
      error.code === 'Neo.TransientError.Transaction.LockClientStopped' ||
      // The driver reports a lock wait cut short by the timeout as a client error.
      error.code === 'Neo.ClientError.Transaction.LockClientStopped'
    ) {
      return new AppError('QUERY_TOO_COMPLEX', 'The query took too long and was stopped.');
    }
  }
  return error;
}

/** Neo4j values to JSON-friendly ones: Date → "YYYY-MM-DD", DateTime → ISO string. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (isInt(value)) return value.toNumber();
  if (isDate(value)) return String(value);
  if (isDateTime(value) || isLocalDateTime(value)) return new Date(String(value)).toISOString();
  // A loop, not Object.fromEntries(Object.entries(…)): no pair arrays per key on every row.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = toPlain((value as Record<string, unknown>)[key]);
  return out;
}

/**
 * `toPlain` for a value the driver just decoded and nobody else holds: its lists and maps are
 * converted where they lie instead of copied (a page of 100 is thousands of small lists, and
 * copying them was a sizeable share of the garbage each request left). Other objects (the
 * driver's classes) are converted as `toPlain` converts them.
 */
function plainInPlace(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      if (item === undefined || (item !== null && typeof item === 'object'))
        value[i] = plainInPlace(item);
    }
    return value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return toPlain(value);
  const map = value as Record<string, unknown>;
  for (const key of Object.keys(map)) {
    const item = map[key];
    if (item === undefined || (item !== null && typeof item === 'object'))
      map[key] = plainInPlace(item);
  }
  return map;
}

export const int = (n: number) => neo4j.int(n);
