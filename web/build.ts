/**
 * Builds the explorer into web/dist/: index.html, and assets/ with content-hashed
 * names (served as immutable) and a .gz beside each text file. `npm run build:web`;
 * `--if-stale` skips the build when web/ has not changed since the last one.
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const WEB = dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = join(WEB, 'dist');
const STAMP = 'build.json';

export interface WebBuildResult {
  dir: string;
  /** False when `ifStale` found the build up to date. */
  built: boolean;
  files: string[];
}

/** Builds into `outDir` (web/dist/), replacing it whole so a running server never sees half a build. */
export async function buildWeb({
  outDir = WEB_DIST,
  ifStale = false,
}: { outDir?: string; ifStale?: boolean } = {}): Promise<WebBuildResult> {
  const inputs = await inputsHash();
  if (ifStale) {
    const stamp = await readStamp(outDir);
    if (stamp?.inputs === inputs) return { dir: outDir, built: false, files: stamp.files };
  }

  const tmp = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  const assets = join(tmp, 'assets');
  await mkdir(assets, { recursive: true });
  try {
    const result = await build({
      entryPoints: { app: join(WEB, 'src/main.ts'), styles: join(WEB, 'styles.css') },
      outdir: assets,
      entryNames: '[name]-[hash]',
      bundle: true,
      format: 'esm',
      minify: true,
      sourcemap: 'linked',
      target: ['chrome109', 'firefox115', 'safari16'],
      metafile: true,
      logLevel: 'silent',
    });
    const names: Record<string, string> = {};
    // `app-3FJQ2K7A.js` is entry `app` (the key in entryPoints), hashed.
    for (const [file, output] of Object.entries(result.metafile.outputs)) {
      if (output.entryPoint === undefined) continue;
      names[basename(file).replace(/-[A-Z0-9]+(\.[a-z]+)$/, '$1')] = basename(file);
    }
    const favicon = await readFile(join(WEB, 'favicon.svg'));
    names['favicon.svg'] = `favicon-${contentHash(favicon)}.svg`;
    await writeFile(join(assets, names['favicon.svg']), favicon);

    const html = (await readFile(join(WEB, 'index.html'), 'utf8')).replace(
      /\{\{asset:([a-z.]+)\}\}/g,
      (_, name: string) => {
        const file = names[name];
        if (file === undefined) throw new Error(`web/index.html names an unknown asset: ${name}`);
        return `/assets/${file}`;
      },
    );
    await writeFile(join(tmp, 'index.html'), html);

    const files = await compressAll(tmp);
    await writeFile(join(tmp, STAMP), `${JSON.stringify({ inputs, files }, null, 2)}\n`);
    await swapIn(tmp, outDir);
    return { dir: outDir, built: true, files };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Everything under web/ but the build, and the versions of what gets bundled. */
async function inputsHash(): Promise<string> {
  const hash = createHash('sha256');
  const require = createRequire(import.meta.url);
  for (const pkg of ['cytoscape', 'esbuild']) {
    hash.update(`${pkg}@${await versionOf(require.resolve(pkg))}\n`);
  }
  for (const file of await listFiles(WEB)) {
    hash.update(`${relative(WEB, file)}\n`).update(await readFile(file));
  }
  return hash.digest('hex');
}

/** The version in the package.json nearest above a package's entry file (not every package exports it). */
async function versionOf(entry: string): Promise<string> {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(await readFile(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.version !== undefined && pkg.name !== undefined) return pkg.version;
  }
  throw new Error(`no package.json above ${entry}`);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path !== WEB_DIST && !entry.name.startsWith('dist.'))
        files.push(...(await listFiles(path)));
    } else files.push(path);
  }
  return files;
}

async function readStamp(dir: string): Promise<{ inputs: string; files: string[] } | null> {
  try {
    return JSON.parse(await readFile(join(dir, STAMP), 'utf8')) as {
      inputs: string;
      files: string[];
    };
  } catch {
    return null;
  }
}

/** Writes `<file>.gz` beside every text file of 1 KiB or more; returns the files, relative. */
async function compressAll(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const file of await listFiles(dir)) {
    files.push(relative(dir, file));
    if (!/\.(html|js|css|svg|map)$/.test(file)) continue;
    const body = await readFile(file);
    if (body.byteLength < 1024) continue;
    await writeFile(`${file}.gz`, await promisify(gzip)(body, { level: 9 }));
  }
  return files;
}

const contentHash = (body: Uint8Array) =>
  createHash('sha256')
    .update(body)
    .digest('base64url')
    .replace(/[-_]/g, '')
    .slice(0, 8)
    .toUpperCase();

/**
 * Replaces `outDir` by `tmp` with two renames. When another build finishes in
 * between, its output (from the same inputs, or newer ones) is kept.
 */
async function swapIn(tmp: string, outDir: string): Promise<void> {
  const old = `${outDir}.old-${process.pid}-${Date.now()}`;
  if (existsSync(outDir)) await rename(outDir, old).catch(ignoreMissing);
  try {
    await rename(tmp, outDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }
  await rm(old, { recursive: true, force: true });
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ifStale = process.argv.includes('--if-stale');
  buildWeb({ ifStale }).then(
    ({ dir, built, files }) => {
      const where = relative(process.cwd(), dir) || '.';
      console.log(
        built ? `explorer built into ${where}/ (${files.length} files)` : `${where}/ is up to date`,
      );
    },
    (error: unknown) => {
      console.error(`build:web: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
