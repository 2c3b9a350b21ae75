import { createHash, type Hash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { builtPath } from './paths.js';

/**
 * What data saved for the next start (a fact base's snapshot, its prebuilt indexes) shares: a
 * fingerprint of the code that made it, so that other code never reads it back, and a write
 * that a reader never sees half of.
 */

const fingerprints = new Map<string, string>();

/** A hash of a save format and of the built code in these folders (`src/engine`…): names and contents. */
export function codeFingerprint(format: number, folders: readonly string[]): string {
  const key = `${format}:${folders.join(',')}`;
  const known = fingerprints.get(key);
  if (known) return known;
  const hash = createHash('sha256').update(String(format));
  for (const folder of folders.map(builtPath)) hashFolder(hash, folder);
  const made = hash.digest('hex').slice(0, 16);
  fingerprints.set(key, made);
  return made;
}

/** Names and contents of a folder's files, its subfolders' (data files beside the code) included. */
function hashFolder(hash: Hash, folder: string): void {
  for (const file of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const path = join(folder, file.name);
    hash.update(file.name);
    if (file.isDirectory()) hashFolder(hash, path);
    else hash.update(readFileSync(path));
  }
}

/** Writes a file aside with `write`, then renames it into place, its folder made first. */
export function writeWhole(path: string, write: (fd: number) => void): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  const fd = openSync(partial, 'w');
  try {
    write(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
}
