import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKnowledge } from '../scripts/synthetic/generate.js';

/** Synthetic fact bases live here between runs (git-ignored). */
export const DATA_DIR = fileURLToPath(new URL('../../bench/.data/', import.meta.url));
const SEED = 1;
const STAMP = '.generated';

/** A hash of the generator's code: a changed generator means the data is made again. */
function generatorVersion(): string {
  const folder = fileURLToPath(new URL('../scripts/synthetic/', import.meta.url));
  const hash = createHash('sha256');
  // The generator's word lists sit in a folder of their own: they are part of it too.
  const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  for (const name of files.map((e) => join(e.parentPath, e.name)).sort())
    hash.update(name.slice(folder.length)).update(readFileSync(name));
  return hash.digest('hex').slice(0, 16);
}

/** The folder of the synthetic fact base of `meetings` meetings, generated first if missing or stale. */
export function syntheticFactBase(meetings: number, log: (line: string) => void): string {
  const dir = join(DATA_DIR, String(meetings));
  const stamp = JSON.stringify({ meetings, seed: SEED, generator: generatorVersion() });
  const stampPath = join(dir, STAMP);
  if (existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp) return dir;
  log(`generating ${meetings} synthetic meetings in ${dir}…`);
  const started = performance.now();
  const made = generateKnowledge(dir, { meetings, seed: SEED });
  writeFileSync(stampPath, stamp);
  log(
    `  ${made.quotes} quotes, ${made.sources} articles, ${(made.bytes / 1e6).toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return dir;
}
