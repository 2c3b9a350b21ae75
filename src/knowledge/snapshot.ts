import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type CacheKind,
  cacheFolder,
  readCacheFile,
  removeStaleCacheFiles,
  writeCacheFile,
} from '../build/cache-file.js';
import { ARTICLES_FOLDER, COLLECTION_FILES } from './files.js';
import { type KnowledgeBase, type KnowledgeRecords, withLookups } from './model.js';

/**
 * A validated fact base saved for the next start: parsing and validating the YAML is most of a
 * one-shot answer's time, and minutes at a hundred thousand meetings. A snapshot is a cache file
 * (see cache-file.ts) filed under a hash of every YAML file, and it names the article files it was
 * checked against and their digest: any edit to any of them, or to the validator, means no
 * snapshot is found and the folder is validated in full. Nothing here parses YAML or loads the
 * schema, so an unchanged fact base starts without them.
 *
 * Its sections are records in chunks of JSON (one huge JSON text would pass the longest string
 * JavaScript can hold). Article texts are not stored: the fact base reads them from their files
 * when it needs them (see `KnowledgeBase.article`).
 */

/** The code that reads and validates a fact base, and the text rules it uses. */
const SNAPSHOT: CacheKind = { name: 'snapshot', format: 2, code: ['src/knowledge', 'src/text'] };
const CHUNK = 5_000;

type Collection = keyof typeof COLLECTION_FILES;
const COLLECTIONS = Object.keys(COLLECTION_FILES) as Collection[];

interface Meta {
  version: string;
  /** The article files the records were checked against, in the order of the sources. */
  articles: string[];
  articlesDigest: string;
}

/** A hash of the YAML files as they are now; undefined when one is missing. */
function snapshotKey(dir: string): string | undefined {
  const hash = createHash('sha256');
  for (const file of Object.values(COLLECTION_FILES)) {
    const path = join(dir, file);
    if (!existsSync(path)) return undefined;
    hash.update(file).update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 32);
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
  if (!cacheFolder(env)) return undefined;
  try {
    const dir = resolve(dirInput);
    const key = snapshotKey(dir);
    const saved = key && readCacheFile<Meta>(SNAPSHOT, key, env);
    if (!saved) return undefined;
    const { meta, sections } = saved;
    if (articlesDigest(dir, meta.articles) !== meta.articlesDigest) return undefined;
    const records = Object.fromEntries(COLLECTIONS.map((c) => [c, [] as unknown[]])) as Record<
      Collection,
      unknown[]
    >;
    for (const section of sections) {
      const chunk = JSON.parse(section.toString('utf8')) as { c: Collection; r: unknown[] };
      for (const record of chunk.r) records[chunk.c].push(record);
    }
    return withLookups({
      ...(records as unknown as KnowledgeRecords),
      dir,
      version: meta.version,
    });
  } catch {
    return undefined;
  }
}

/** Saves a validated fact base for its folder as it is now; returns the snapshot's path. */
export function writeSnapshot(kb: KnowledgeBase, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = snapshotKey(kb.dir);
  const files = kb.sources.map((s) => s.file);
  const digest = articlesDigest(kb.dir, files);
  if (!key || !digest) return undefined;
  const chunks: string[] = [];
  for (const c of COLLECTIONS) {
    const list: unknown[] = kb[c];
    for (let i = 0; i < list.length; i += CHUNK)
      chunks.push(JSON.stringify({ c, r: list.slice(i, i + CHUNK) }));
  }
  const meta: Meta = { version: kb.version, articles: files, articlesDigest: digest };
  return writeCacheFile(SNAPSHOT, key, meta, chunks, env);
}

/** Removes the snapshots that the current code can no longer read. */
export function removeStaleSnapshots(env: NodeJS.ProcessEnv = process.env): number {
  return removeStaleCacheFiles(SNAPSHOT, env);
}
