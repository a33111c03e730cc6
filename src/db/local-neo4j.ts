import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * The embedded Neo4j of tools/neo4j-local, run as a plain child JVM so that it
 * can be stopped by PID. Maven only resolves the classpath (once); the JVM is
 * started directly.
 */

export const TOOL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../tools/neo4j-local');
const CLASSES = join(TOOL_DIR, 'target/classes');
const MAIN_CLASS_FILE = join(CLASSES, 'statementgraph/LocalNeo4j.class');
const CLASSPATH_FILE = join(TOOL_DIR, 'target/classpath.txt');
const SOURCES = [
  join(TOOL_DIR, 'pom.xml'),
  join(TOOL_DIR, 'src/main/java/statementgraph/LocalNeo4j.java'),
];
const READY = /^NEO4J_READY (bolt:\/\/\S+)$/;
const START_TIMEOUT_MS = 120_000;

export class LocalNeo4jError extends Error {}

export interface LocalNeo4jOptions {
  dataDir: string;
  port: number;
  heap?: string;
  password?: string;
  /** Page cache size in MB (default 128). */
  pagecacheMb?: number;
  /** Load APOC Core (the benchmark's peer needs it). */
  apoc?: boolean;
  /** Where progress and diagnostics go (stderr by default). */
  log?: (line: string) => void;
}

export interface LocalNeo4j {
  readonly uri: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export function requireJavaAndMaven(): void {
  const missing = ['java', 'mvn'].filter(
    (tool) => spawnSync(tool, ['-version'], { stdio: 'ignore' }).error !== undefined,
  );
  if (missing.length > 0) {
    throw new LocalNeo4jError(
      `Cannot start the local Neo4j: ${missing.join(' and ')} not found on PATH. ` +
        'Install JDK 17 and Maven 3 (Debian: apt-get install openjdk-17-jdk-headless maven), ' +
        'or set NEO4J_URI to a running Neo4j 5.26, or use `docker compose up`.',
    );
  }
}

const STAMP_FILE = join(TOOL_DIR, 'target/built-from.sha256');

/** Hash of the launcher's sources; the build is current when the stamp matches it. */
function sourcesHash(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES) hash.update(readFileSync(file));
  return hash.digest('hex');
}

function isBuilt(): boolean {
  return (
    existsSync(MAIN_CLASS_FILE) &&
    existsSync(CLASSPATH_FILE) &&
    existsSync(STAMP_FILE) &&
    readFileSync(STAMP_FILE, 'utf8') === sourcesHash()
  );
}

/** Compiles the launcher and resolves Neo4j's jars through Maven, once. */
export async function buildLocalNeo4j(log: (line: string) => void = stderrLine): Promise<void> {
  if (isBuilt()) return;
  requireJavaAndMaven();
  log(
    'Preparing the local Neo4j with Maven (the first run downloads Neo4j 5.26, ~100 MB: a minute or two)…',
  );
  const args = [
    '-B',
    'compile',
    'dependency:build-classpath',
    `-Dmdep.outputFile=${CLASSPATH_FILE}`,
  ];
  const maven = spawn('mvn', args, { cwd: TOOL_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  let downloads = 0;
  const tail: string[] = [];
  for (const stream of [maven.stdout, maven.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      if (line.startsWith('Downloaded from')) {
        downloads += 1;
        if (downloads % 25 === 0) log(`  … ${downloads} files downloaded`);
      }
    });
  }
  const code = await new Promise<number | null>((done) => maven.on('close', done));
  if (code === 0 && existsSync(MAIN_CLASS_FILE) && existsSync(CLASSPATH_FILE)) {
    writeFileSync(STAMP_FILE, sourcesHash());
  }
  if (!isBuilt()) {
    throw new LocalNeo4jError(
      `Maven could not build tools/neo4j-local (exit ${code}):\n${tail.join('\n')}`,
    );
  }
  log(`Local Neo4j ready to start (${downloads} files downloaded).`);
}

const APOC_DIR = join(TOOL_DIR, 'apoc');
const APOC_PLUGINS = join(APOC_DIR, 'target/plugins');

/** Downloads APOC Core and its dependencies into tools/neo4j-local/apoc/target/plugins, once. */
async function buildApoc(log: (line: string) => void): Promise<void> {
  if (existsSync(APOC_PLUGINS) && readdirSync(APOC_PLUGINS).some((f) => f.startsWith('apoc-core')))
    return;
  log('Downloading APOC Core with Maven (once)…');
  const args = [
    '-B',
    '-q',
    'dependency:copy-dependencies',
    `-DoutputDirectory=${APOC_PLUGINS}`,
    '-DincludeScope=runtime',
  ];
  const maven = spawn('mvn', args, { cwd: APOC_DIR, stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((done) => maven.on('close', done));
  if (code !== 0) throw new LocalNeo4jError(`Maven could not fetch APOC (exit ${code}).`);
}

export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = options.log ?? stderrLine;
  await buildLocalNeo4j(log);
  if (options.apoc) await buildApoc(log);
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  // APOC's extensions are found on the classpath, its procedures in the plugin folder: it needs both.
  const classpath = [
    CLASSES,
    readFileSync(CLASSPATH_FILE, 'utf8').trim(),
    ...(options.apoc ? [`${APOC_PLUGINS}/*`] : []),
  ].join(':');
  const args = [
    `-Xmx${options.heap ?? '1g'}`,
    '-XX:+UseG1GC',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-cp',
    classpath,
    'statementgraph.LocalNeo4j',
    '--home',
    dataDir,
    '--port',
    String(options.port),
    ...(options.password ? ['--password', options.password] : []),
    ...(options.pagecacheMb ? ['--pagecache-mb', String(options.pagecacheMb)] : []),
    ...(options.apoc ? ['--plugins', APOC_PLUGINS] : []),
  ];
  // stdin stays open: the JVM shuts down when it closes, so it never outlives us.
  const jvm = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const uri = await waitUntilReady(jvm, options.port);
  log(`Local Neo4j listening on ${uri} (pid ${jvm.pid}, data in ${dataDir})`);
  return { uri, pid: jvm.pid!, stop: () => stopProcess(jvm) };
}

function waitUntilReady(jvm: ChildProcess, port: number): Promise<string> {
  const errors: string[] = [];
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => {
      jvm.kill('SIGKILL');
      reject(
        new LocalNeo4jError(`The local Neo4j did not start within ${START_TIMEOUT_MS / 1000}s.`),
      );
    }, START_TIMEOUT_MS);
    createInterface({ input: jvm.stderr! }).on('line', (line) => {
      errors.push(line);
      if (errors.length > 40) errors.shift();
    });
    createInterface({ input: jvm.stdout! }).on('line', (line) => {
      const ready = READY.exec(line.trim());
      if (ready) {
        clearTimeout(timer);
        resolveReady(ready[1]!);
      }
    });
    jvm.on('error', (error) => {
      clearTimeout(timer);
      reject(new LocalNeo4jError(`Cannot run java: ${error.message}`));
    });
    jvm.on('exit', (code) => {
      clearTimeout(timer);
      const text = errors.join('\n');
      const hint = /BindException|Address already in use/.test(text)
        ? ` Port ${port} is in use: set NEO4J_LOCAL_PORT to a free port, or stop the other server.`
        : /FileLockException|store_lock|is locked/i.test(text)
          ? ' Its data folder is in use by another Neo4j process.'
          : '';
      reject(
        new LocalNeo4jError(
          `The local Neo4j exited with code ${code} before it was ready.${hint}\n${text}`,
        ),
      );
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(killer);
}

/** A free TCP port on 127.0.0.1, for tests that start their own Neo4j. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function stderrLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

export interface BulkImportOptions {
  /** The local Neo4j's data folder (NEO4J_DATA_DIR): its `neo4j` database must not exist yet. */
  dataDir: string;
  nodes: Array<{ name: string; header: string; data: string }>;
  relationships: Array<{ name: string; header: string; data: string }>;
  arrayDelimiter: string;
  multiline: boolean;
  heap?: string;
  /** Off-heap memory for the importer's caches (default 2g: the machine is shared). */
  offHeap?: string;
  log?: (line: string) => void;
}

/**
 * Neo4j's offline importer (`neo4j-admin database import full`, in the
 * neo4j-import-tool jar that org.neo4j:neo4j already brings) run on the same
 * classpath as the launcher, into the folder the launcher starts from.
 */
export async function bulkImportLocal(options: BulkImportOptions): Promise<void> {
  const log = options.log ?? stderrLine;
  await buildLocalNeo4j(log);
  const home = resolve(options.dataDir);
  mkdirSync(join(home, 'conf'), { recursive: true });
  const group = (flag: string, g: BulkImportOptions['nodes'][number]) =>
    `--${flag}=${g.name}=${g.header},${g.data}`;
  const args = [
    `-Xmx${options.heap ?? '1g'}`,
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '-cp',
    [CLASSES, readFileSync(CLASSPATH_FILE, 'utf8').trim()].join(':'),
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    // The database first: the file lists of --nodes and --relationships take every argument after them.
    'neo4j',
    `--array-delimiter=U+${options.arrayDelimiter.codePointAt(0)!.toString(16).padStart(4, '0').toUpperCase()}`,
    `--multiline-fields=${options.multiline}`,
    `--max-off-heap-memory=${options.offHeap ?? '2g'}`,
    `--report-file=${join(home, 'import.report')}`,
    ...options.nodes.map((g) => group('nodes', g)),
    ...options.relationships.map((g) => group('relationships', g)),
  ];
  const tool = spawn('java', args, {
    env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: join(home, 'conf') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  for (const stream of [tool.stdout!, tool.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (/^IMPORT DONE|^Imported:|nodes$|relationships$|properties$/.test(line.trim()))
        log(`  ${line.trim()}`);
    });
  }
  const code = await new Promise<number | null>((done) => tool.on('close', done));
  if (code !== 0) {
    throw new LocalNeo4jError(`The offline import failed (exit ${code}):\n${tail.join('\n')}`);
  }
}
