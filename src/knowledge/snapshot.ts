import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { builtPath } from '../build/paths.js';
import { codeFingerprint, writeWhole } from '../build/saved.js';
import { ARTICLES_FOLDER, COLLECTION_FILES } from './files.js';
import { type KnowledgeBase, type KnowledgeRecords, withLookups } from './model.js';

/**
 * A validated fact base saved for the next start: parsing and validating the YAML is most of a
 * one-shot answer's time, and minutes at a hundred thousand meetings. A snapshot is filed under
 * a hash of every YAML file and of the code that validates them, and it names the article files
 * it was checked against and their digest: any edit to any of them, or to the validator, means
 * no snapshot is found and the folder is validated in full. Nothing here parses YAML or loads the
 * schema, so an unchanged fact base starts without them.
 *
 * A snapshot is a line of header, then lines of records in chunks (one huge JSON text would pass
 * the longest string JavaScript can hold). Article texts are not stored: the fact base reads
 * them from their files when it needs them (see `KnowledgeBase.article`).
 */

const FORMAT = 1;
const CHUNK = 5_000;
const EXTENSION = '.snapshot';

type Collection = keyof typeof COLLECTION_FILES;
const COLLECTIONS = Object.keys(COLLECTION_FILES) as Collection[];

interface Header {
  format: number;
  fingerprint: string;
  version: string;
  /** The article files the records were checked against, in the order of the sources. */
  articles: string[];
  articlesDigest: string;
}

/** Where snapshots are kept: `SUMMIT_SNAPSHOTS` (a folder, or `off`), else beside the built code. */
export function snapshotFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const setting = env.SUMMIT_SNAPSHOTS?.trim();
  if (setting === 'off') return undefined;
  return resolve(setting || builtPath('.cache/knowledge'));
}

/** The code that reads and validates a fact base, and the text rules it uses. */
const fingerprint = () => codeFingerprint(FORMAT, ['src/knowledge', 'src/text']);

/** The snapshot's file for the YAML files as they are now; undefined when one is missing. */
function snapshotPath(folder: string, dir: string): string | undefined {
  const hash = createHash('sha256').update(fingerprint());
  for (const file of Object.values(COLLECTION_FILES)) {
    const path = join(dir, file);
    if (!existsSync(path)) return undefined;
    hash.update(file).update(readFileSync(path));
  }
  return join(folder, `${hash.digest('hex').slice(0, 32)}${EXTENSION}`);
}

/** A digest of the article files' names and contents; undefined when one is missing. */
function articlesDigest(dir: string, files: string[]): string | undefined {
  const hash = createHash('sha256');
  for (const file of files) {
    const path = join(dir, ARTICLES_FOLDER, file);
    if (!existsSync(path)) return undefined;
    hash.update(file).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * The fact base saved for this folder as it is now, or undefined: no snapshot, or any file
 * differs from what was validated. Never throws; the caller then validates in full.
 */
export function readSnapshot(
  dirInput: string,
  env: NodeJS.ProcessEnv = process.env,
): KnowledgeBase | undefined {
  const folder = snapshotFolder(env);
  if (!folder) return undefined;
  try {
    const dir = resolve(dirInput);
    const path = snapshotPath(folder, dir);
    if (!path || !existsSync(path)) return undefined;
    const buffer = readFileSync(path);
    let start = buffer.indexOf(10);
    const header = JSON.parse(buffer.toString('utf8', 0, start)) as Header;
    if (header.format !== FORMAT || header.fingerprint !== fingerprint()) return undefined;
    if (articlesDigest(dir, header.articles) !== header.articlesDigest) return undefined;
    const records = Object.fromEntries(COLLECTIONS.map((c) => [c, [] as unknown[]])) as Record<
      Collection,
      unknown[]
    >;
    while (start < buffer.length - 1) {
      const end = buffer.indexOf(10, start + 1);
      const line = buffer.toString('utf8', start + 1, end === -1 ? buffer.length : end);
      const chunk = JSON.parse(line) as { c: Collection; r: unknown[] };
      for (const record of chunk.r) records[chunk.c].push(record);
      start = end === -1 ? buffer.length : end;
    }
    return withLookups({
      ...(records as unknown as KnowledgeRecords),
      dir,
      version: header.version,
    });
  } catch {
    return undefined;
  }
}

/** Saves a validated fact base for its folder as it is now; returns the snapshot's path. */
export function writeSnapshot(kb: KnowledgeBase, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const folder = snapshotFolder(env);
  if (!folder) return undefined;
  const path = snapshotPath(folder, kb.dir);
  const files = kb.sources.map((s) => s.file);
  const digest = articlesDigest(kb.dir, files);
  if (!path || !digest) return undefined;
  const header: Header = {
    format: FORMAT,
    fingerprint: fingerprint(),
    version: kb.version,
    articles: files,
    articlesDigest: digest,
  };
  writeWhole(path, (fd) => {
    writeSync(fd, JSON.stringify(header));
    for (const c of COLLECTIONS) {
      const list: unknown[] = kb[c];
      for (let i = 0; i < list.length; i += CHUNK) {
        writeSync(fd, `\n${JSON.stringify({ c, r: list.slice(i, i + CHUNK) })}`);
      }
    }
  });
  return path;
}

/** Removes the snapshots that the current code can no longer read. */
export function removeStaleSnapshots(env: NodeJS.ProcessEnv = process.env): number {
  const folder = snapshotFolder(env);
  if (!folder || !existsSync(folder)) return 0;
  let removed = 0;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (!name.endsWith(EXTENSION) || isCurrent(path)) continue;
    rmSync(path, { force: true });
    removed++;
  }
  return removed;
}

function isCurrent(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(512);
      const read = readSync(fd, head);
      const match = /"fingerprint":"([0-9a-f]+)"/.exec(head.toString('utf8', 0, read));
      return match?.[1] === fingerprint();
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}
