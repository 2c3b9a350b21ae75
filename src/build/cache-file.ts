import { existsSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { knowledgeSettings } from '../settings.js';
import { builtPath } from './paths.js';
import { codeFingerprint, writeWhole } from './saved.js';

/**
 * The one format of the files saved for the next start (a fact base's snapshot, its prebuilt
 * indexes): where they live, how they are named, and how a reader knows one is whole and its own.
 *
 * A file is named `<key>-<fingerprint>.<kind>`: the key says what it was made from (a fact base's
 * version, a hash of its files), the fingerprint which code made it (the kind's format number and
 * the built code in its folders), so any change to either means the file is not found, and stale
 * files are known by name alone. Inside, one line of JSON (the header: layout, kind, fingerprint,
 * what the kind records about itself, and where each section lies) and then the sections, each on
 * an 8-byte boundary so that typed arrays can be read in place. A CRC-32 of everything after the
 * header, checked on reading, catches a damaged or cut file.
 */

/** The layout described above; the kinds' own formats are numbered apart. */
const LAYOUT = 1;

export interface CacheKind {
  /** The file extension, and the kind named in the header. */
  readonly name: string;
  /** What this kind stores and how: raise it on any change to that. */
  readonly format: number;
  /** Built code whose change makes this kind's files stale (`src/knowledge`…). */
  readonly code: readonly string[];
}

interface Header<Meta> {
  layout: number;
  kind: string;
  fingerprint: string;
  meta: Meta;
  /** Where each section lies, in bytes from the end of the header's padding. */
  sections: { offset: number; length: number }[];
  crc: number;
}

/** What a cache file holds: the kind's own header fields, and its sections in order. */
export interface CacheContents<Meta> {
  meta: Meta;
  sections: Buffer[];
}

/** Where cache files are kept: `SUMMIT_SNAPSHOTS` (a folder, or `off`), else beside the built code. */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const setting = knowledgeSettings(env).SUMMIT_SNAPSHOTS;
  if (setting === 'off') return undefined;
  return resolve(setting || builtPath('.cache/knowledge'));
}

const fingerprint = (kind: CacheKind) => codeFingerprint(kind.format, kind.code);

function pathOf(kind: CacheKind, key: string, env: NodeJS.ProcessEnv): string | undefined {
  const folder = cacheFolder(env);
  return folder && join(folder, `${key}-${fingerprint(kind)}.${kind.name}`);
}

const aligned = (n: number) => Math.ceil(n / 8) * 8;

/** Saves a cache file; returns its path, or undefined when caching is off. */
export function writeCacheFile<Meta>(
  kind: CacheKind,
  key: string,
  meta: Meta,
  sections: readonly (ArrayBufferView | string)[],
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const path = pathOf(kind, key, env);
  if (!path) return undefined;
  const bytes = sections.map((s) =>
    typeof s === 'string' ? Buffer.from(s) : new Uint8Array(s.buffer, s.byteOffset, s.byteLength),
  );
  const places: Header<Meta>['sections'] = [];
  let crc = 0;
  let offset = 0;
  const padding = (n: number) => Buffer.alloc(aligned(n) - n);
  const body: Uint8Array[] = [];
  for (const section of bytes) {
    places.push({ offset, length: section.byteLength });
    for (const part of [section, padding(section.byteLength)]) {
      crc = crc32(part, crc);
      body.push(part);
    }
    offset += aligned(section.byteLength);
  }
  const header: Header<Meta> = {
    layout: LAYOUT,
    kind: kind.name,
    fingerprint: fingerprint(kind),
    meta,
    sections: places,
    crc,
  };
  writeWhole(path, (fd) => {
    const head = Buffer.from(`${JSON.stringify(header)}\n`);
    writeSync(fd, head);
    writeSync(fd, padding(head.length));
    for (const part of body) writeSync(fd, part);
  });
  return path;
}

/** The cache file of this kind and key, whole and made by this code; undefined otherwise. Never throws. */
export function readCacheFile<Meta>(
  kind: CacheKind,
  key: string,
  env: NodeJS.ProcessEnv = process.env,
): CacheContents<Meta> | undefined {
  try {
    const path = pathOf(kind, key, env);
    if (!path || !existsSync(path)) return undefined;
    const bytes = readFileSync(path);
    const end = bytes.indexOf(10);
    const header = JSON.parse(bytes.toString('utf8', 0, end)) as Header<Meta>;
    const start = aligned(end + 1);
    if (
      header.layout !== LAYOUT ||
      header.kind !== kind.name ||
      header.fingerprint !== fingerprint(kind) ||
      crc32(bytes.subarray(start)) !== header.crc
    ) {
      return undefined;
    }
    const sections = header.sections.map(({ offset, length }) =>
      bytes.subarray(start + offset, start + offset + length),
    );
    return { meta: header.meta, sections };
  } catch {
    return undefined;
  }
}

type TypedArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;
type TypedArrayOf<T extends TypedArray> = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  new (buffer: ArrayBufferLike): T;
  readonly BYTES_PER_ELEMENT: number;
};

/**
 * A section as a typed array: in place where its bytes are aligned for it (a large file has a
 * buffer of its own), a copy where they are not (a small one shares Node's buffer pool).
 */
export function sectionAs<T extends TypedArray>(Type: TypedArrayOf<T>, section: Buffer): T {
  const length = section.byteLength / Type.BYTES_PER_ELEMENT;
  if (section.byteOffset % Type.BYTES_PER_ELEMENT === 0)
    return new Type(section.buffer, section.byteOffset, length);
  return new Type(section.buffer.slice(section.byteOffset, section.byteOffset + section.byteLength));
}

/** Removes this kind's files that other code made; returns how many. */
export function removeStaleCacheFiles(kind: CacheKind, env: NodeJS.ProcessEnv = process.env): number {
  const folder = cacheFolder(env);
  if (!folder || !existsSync(folder)) return 0;
  const current = `-${fingerprint(kind)}.${kind.name}`;
  const stale = readdirSync(folder).filter((n) => n.endsWith(`.${kind.name}`) && !n.endsWith(current));
  for (const name of stale) rmSync(join(folder, name), { force: true });
  return stale.length;
}
