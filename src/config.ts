import { z } from 'zod';

/** The only reader of process.env. Every bad variable is reported at once. */

/** The API's V8 heap cap by default; scripts/start.sh has the same default. */
export const API_HEAP_MB_DEFAULT = 192;

/**
 * A whole number from `min` to `max`, written in decimal digits. One message names the range and
 * the value given, whatever is wrong with it (`abc`, `1.5`, `-3`, out of range), instead of
 * zod's own (`expected number, received NaN`).
 */
const wholeNumber = (min: number, max: number) =>
  z.string().transform((text, ctx) => {
    const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
    if (value >= min && value <= max) return value;
    ctx.addIssue({
      code: 'custom',
      message: `must be a whole number from ${min} to ${max}, not ${JSON.stringify(text)}`,
    });
    return z.NEVER;
  });

const port = wholeNumber(1, 65535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const env = z.object({
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, 'must be a bolt:// or neo4j:// URI')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9.-]*$/)
    .default('neo4j'),
  NEO4J_DATA_DIR: z.string().min(1).default('.data/neo4j'),
  NEO4J_LOCAL_PORT: port.default(7687),
  NEO4J_LOCAL_HEAP: z
    .string()
    .regex(/^\d+[mMgG]$/, 'must be a JVM size such as 1g or 512m')
    .default('1g'),
  NEO4J_TX_TIMEOUT_MS: wholeNumber(100, 600_000).default(15_000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_FILE: z.string().min(1).default('seed/statement-graph.json'),
  SEED_ON_EMPTY: bool.default(true),
  API_TOKENS: z.string().optional(),
  REQUIRE_READER_TOKEN: bool.default(false),
  CORS_ORIGINS: z.string().optional(),
  MAX_BODY_BYTES: wholeNumber(1024, 100 * 1024 * 1024)
    // Room for an article of ARTICLE_MAX_BYTES in a mutation, with the JSON around it.
    .default(3 * 1024 * 1024),
  ARTICLE_MAX_BYTES: wholeNumber(1024, 100 * 1024 * 1024).default(2 * 1024 * 1024),
  ARTICLE_FETCH_TIMEOUT_MS: wholeNumber(100, 120_000).default(10_000),
  ARTICLE_FETCH_MAX_REDIRECTS: wholeNumber(0, 20).default(5),
  ARTICLE_FETCH_ALLOW_LOOPBACK: bool.default(false),
  QUERY_MAX_DEPTH: wholeNumber(2, 100).default(12),
  QUERY_MAX_COST: wholeNumber(100, 10_000_000).default(50_000),
  QUERY_MAX_ALIASES: wholeNumber(0, 1000).default(30),
  QUERY_MAX_TOKENS: wholeNumber(100, 100_000).default(2_000),
  QUERY_MAX_DIRECTIVES: wholeNumber(0, 1000).default(50),
  MAX_CONCURRENT_OPERATIONS: wholeNumber(0, 10_000).default(8),
  SUBSCRIPTION_BUFFER: wholeNumber(1, 100_000).default(100),
  MAX_SUBSCRIBERS: wholeNumber(0, 100_000).default(1000),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: bool.default(false),
  WEBHOOK_TIMEOUT_MS: wholeNumber(100, 120_000).default(10_000),
  WEBHOOK_MAX_ATTEMPTS: wholeNumber(1, 20).default(6),
  WEBHOOK_RETRY_BASE_MS: wholeNumber(1, 3_600_000).default(2_000),
  WEBHOOK_QUEUE_SIZE: wholeNumber(1, 1_000_000).default(10_000),
  // Read by scripts/start.sh (node's --max-old-space-size) before this runs; checked here too.
  API_HEAP_MB: wholeNumber(64, 65_536).default(API_HEAP_MB_DEFAULT),
  EXPORT_HEAP_MB: wholeNumber(64, 65_536).default(1536),
  EXPORT_CONCURRENCY: wholeNumber(1, 64).default(1),
  EXPORT_TX_TIMEOUT_MS: wholeNumber(100, 3_600_000).default(120_000),
  EXTRACT_HEAP_MB: wholeNumber(64, 65_536).default(256),
  EXTRACT_CONCURRENCY: wholeNumber(1, 64).default(2),
});

/** Every variable the configuration reads (the README's Configuration table lists them). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(env.shape);

export type Role = 'reader' | 'editor';

/** A bearer token and who holds it; `name` is recorded as `updatedBy` on what an editor writes. */
export interface ApiToken {
  readonly name: string;
  readonly role: Role;
  readonly token: string;
}

export const MIN_TOKEN_LENGTH = 24;
const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const TOKEN_VALUE = /^[A-Za-z0-9._~+/=-]+$/;

/**
 * API_TOKENS is `name:role:token` entries separated by commas (the characters a
 * token may use exclude both separators); every bad entry is reported, never its token.
 */
function parseTokens(text: string | undefined, problems: string[]): ApiToken[] {
  if (text === undefined) return [];
  const tokens: ApiToken[] = [];
  text.split(',').forEach((raw, i) => {
    const entry = raw.trim();
    if (entry === '') return;
    const [name = '', role = '', token = '', ...rest] = entry.split(':');
    const at = `API_TOKENS entry ${i + 1}`;
    if (rest.length > 0 || token === '') {
      problems.push(`${at}: must be name:role:token`);
      return;
    }
    if (!TOKEN_NAME.test(name)) {
      problems.push(`${at}: the name must be 1 to 64 letters, digits, ".", "_" or "-"`);
    }
    if (role !== 'reader' && role !== 'editor') {
      problems.push(`${at} (${name}): the role must be reader or editor`);
    }
    if (token.length < MIN_TOKEN_LENGTH || !TOKEN_VALUE.test(token)) {
      problems.push(
        `${at} (${name}): the token must be at least ${MIN_TOKEN_LENGTH} characters of A-Z a-z 0-9 . _ ~ + / = -`,
      );
    }
    if (tokens.some((t) => t.name === name)) problems.push(`${at}: the name ${name} is used twice`);
    if (tokens.some((t) => t.token === token)) problems.push(`${at} (${name}): token used twice`);
    tokens.push({ name, role: role as Role, token });
  });
  return tokens;
}

/** `*` (any origin), or a comma-separated list of origins such as https://explorer.example.org. */
function parseOrigins(text: string | undefined, problems: string[]): string[] | '*' {
  if (text === undefined) return [];
  if (text.trim() === '*') return '*';
  const origins = text
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let valid = false;
    try {
      const url = new URL(origin);
      valid = /^https?:$/.test(url.protocol) && url.origin === origin;
    } catch {
      valid = false;
    }
    if (!valid)
      problems.push(`CORS_ORIGINS: "${origin}" is not an origin such as https://example.org`);
  }
  return origins;
}

export interface Config {
  readonly neo4j: {
    /** Unset: the service starts the embedded local Neo4j. */
    readonly uri: string | undefined;
    readonly user: string;
    readonly password: string | undefined;
    readonly database: string;
    readonly txTimeoutMs: number;
    readonly local: { readonly dataDir: string; readonly port: number; readonly heap: string };
  };
  readonly http: { readonly host: string; readonly port: number };
  readonly logLevel: z.infer<typeof env>['LOG_LEVEL'];
  readonly seed: { readonly file: string; readonly onEmpty: boolean };
  readonly auth: {
    readonly tokens: readonly ApiToken[];
    /** false: anyone may read; true: reads need a reader or editor token. Writes always need an editor token. */
    readonly requireReaderToken: boolean;
  };
  /** Origins allowed to call the API from a browser; none by default. */
  readonly corsOrigins: readonly string[] | '*';
  readonly limits: {
    readonly maxBodyBytes: number;
    readonly maxDepth: number;
    readonly maxCost: number;
    readonly maxAliases: number;
    readonly maxTokens: number;
    readonly maxDirectives: number;
    /** Queries and mutations executing at once; more wait their turn. 0: no limit. */
    readonly maxConcurrentOperations: number;
  };
  /** Live subscriptions: events held per subscriber that has not read them, and subscribers at once. */
  readonly events: { readonly bufferSize: number; readonly maxSubscribers: number };
  readonly webhooks: {
    readonly allowPrivateTargets: boolean;
    readonly timeoutMs: number;
    readonly maxAttempts: number;
    readonly retryBaseMs: number;
    readonly queueSize: number;
  };
  /**
   * The API's V8 heap cap (set by scripts/start.sh when node starts; main.ts logs the one
   * in force), and the child processes of exports and of article extraction: heap of each,
   * how many at once, and how long an export may read.
   */
  readonly memory: {
    readonly apiHeapMb: number;
    readonly exportHeapMb: number;
    readonly exportConcurrency: number;
    /** An export's read transaction time, ms: a whole-graph download reads far more than a request. */
    readonly exportTxTimeoutMs: number;
    readonly extractHeapMb: number;
    readonly extractConcurrency: number;
  };
  /** Article intake: the size limit of an article, and how a URL is fetched. */
  readonly articles: {
    readonly maxBytes: number;
    readonly fetch: {
      readonly timeoutMs: number;
      readonly maxRedirects: number;
      /** Fetch from 127.0.0.0/8 and ::1 too (tests); private and link-local ranges stay refused. */
      readonly allowLoopback: boolean;
    };
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = env.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, value]) => value !== '')),
  );
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const tokens = parseTokens(source.API_TOKENS || undefined, problems);
  const corsOrigins = parseOrigins(source.CORS_ORIGINS || undefined, problems);
  if (parsed.success && parsed.data.REQUIRE_READER_TOKEN && tokens.length === 0) {
    problems.push('REQUIRE_READER_TOKEN: is true, but API_TOKENS names no token');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return Object.freeze({
    neo4j: Object.freeze({
      uri: e.NEO4J_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      txTimeoutMs: e.NEO4J_TX_TIMEOUT_MS,
      local: Object.freeze({
        dataDir: e.NEO4J_DATA_DIR,
        port: e.NEO4J_LOCAL_PORT,
        heap: e.NEO4J_LOCAL_HEAP,
      }),
    }),
    http: Object.freeze({ host: e.HOST, port: e.PORT }),
    logLevel: e.LOG_LEVEL,
    seed: Object.freeze({ file: e.SEED_FILE, onEmpty: e.SEED_ON_EMPTY }),
    auth: Object.freeze({
      tokens: Object.freeze(tokens.map((t) => Object.freeze(t))),
      requireReaderToken: e.REQUIRE_READER_TOKEN,
    }),
    corsOrigins: corsOrigins === '*' ? '*' : Object.freeze(corsOrigins),
    limits: Object.freeze({
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxDepth: e.QUERY_MAX_DEPTH,
      maxCost: e.QUERY_MAX_COST,
      maxAliases: e.QUERY_MAX_ALIASES,
      maxTokens: e.QUERY_MAX_TOKENS,
      maxDirectives: e.QUERY_MAX_DIRECTIVES,
      maxConcurrentOperations: e.MAX_CONCURRENT_OPERATIONS,
    }),
    events: Object.freeze({
      bufferSize: e.SUBSCRIPTION_BUFFER,
      maxSubscribers: e.MAX_SUBSCRIBERS,
    }),
    webhooks: Object.freeze({
      allowPrivateTargets: e.WEBHOOK_ALLOW_PRIVATE_TARGETS,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
      queueSize: e.WEBHOOK_QUEUE_SIZE,
    }),
    memory: Object.freeze({
      apiHeapMb: e.API_HEAP_MB,
      exportHeapMb: e.EXPORT_HEAP_MB,
      exportConcurrency: e.EXPORT_CONCURRENCY,
      exportTxTimeoutMs: e.EXPORT_TX_TIMEOUT_MS,
      extractHeapMb: e.EXTRACT_HEAP_MB,
      extractConcurrency: e.EXTRACT_CONCURRENCY,
    }),
    articles: Object.freeze({
      maxBytes: e.ARTICLE_MAX_BYTES,
      fetch: Object.freeze({
        timeoutMs: e.ARTICLE_FETCH_TIMEOUT_MS,
        maxRedirects: e.ARTICLE_FETCH_MAX_REDIRECTS,
        allowLoopback: e.ARTICLE_FETCH_ALLOW_LOOPBACK,
      }),
    }),
  });
}
