import { existsSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { codeFingerprint, writeWhole } from '../build/saved.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import { snapshotFolder } from '../knowledge/snapshot.js';
import { Postings } from '../search/postings.js';
import { TextIndex } from '../search/text-index.js';
import { Vocabulary } from '../search/vocabulary.js';
import type { SearchIndexes } from './indexes.js';

/**
 * Search indexes built ahead of time, at `npm run build`, beside the knowledge snapshot: building
 * them means splitting every record and article into words, which is most of what a start costs
 * once the fact base itself is read from its snapshot. They are filed under the fact base's
 * version (a hash of all its files) and a hash of the code that builds them, so any change to
 * either means they are built afresh. The file is a line of JSON (the terms of each index, and
 * where its arrays lie) followed by the arrays themselves.
 */

const FORMAT = 2;
const EXTENSION = '.indexes';
const INDEXES = ['meeting', 'meetingChoice', 'event', 'quote', 'person', 'place', 'topic', 'source'] as const;
type IndexName = (typeof INDEXES)[number];
const ARRAYS = ['offsets', 'docs', 'codes', 'weights', 'maxWeight'] as const;
type ArrayName = (typeof ARRAYS)[number];
const TYPES = {
  offsets: Int32Array,
  docs: Int32Array,
  codes: Uint8Array,
  weights: Float64Array,
  maxWeight: Float64Array,
} as const;

interface Header {
  format: number;
  version: string;
  fingerprint: string;
  vocabulary: string[];
  indexes: Record<IndexName, { items: number; terms: string[] }>;
  /** Where each array lies in the bytes after the header, in bytes from their start. */
  arrays: { index: IndexName; array: ArrayName; offset: number; length: number }[];
  /** Where the vocabulary's frequencies lie, likewise. */
  frequencies: { offset: number; length: number };
}

/** The code that builds the indexes: the engine, the search, and the text rules. */
const fingerprint = () => codeFingerprint(FORMAT, ['src/engine', 'src/search', 'src/text']);

function indexesPath(folder: string, kb: KnowledgeBase): string {
  return join(folder, `${kb.version}-${fingerprint()}${EXTENSION}`);
}

/** Arrays start on 8-byte boundaries, so that each can be read in place. */
const aligned = (n: number) => Math.ceil(n / 8) * 8;

/** Saves the indexes built for a fact base; returns the file's path. */
export function writePrebuiltIndexes(
  kb: KnowledgeBase,
  indexes: SearchIndexes,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const folder = snapshotFolder(env);
  if (!folder) return undefined;
  const path = indexesPath(folder, kb);
  const arrays: Header['arrays'] = [];
  const chunks: ArrayBufferView[] = [];
  let offset = 0;
  for (const index of INDEXES) {
    const postings = indexes[index].postings;
    for (const array of ARRAYS) {
      const data = postings[array];
      arrays.push({ index, array, offset, length: data.length });
      chunks.push(data);
      offset = aligned(offset + data.byteLength);
    }
  }
  const frequencies = indexes.vocabulary.frequencies();
  chunks.push(frequencies);
  const header: Header = {
    format: FORMAT,
    version: kb.version,
    fingerprint: fingerprint(),
    vocabulary: [...indexes.vocabulary.list()],
    indexes: Object.fromEntries(
      INDEXES.map((name) => [
        name,
        { items: indexes[name].size, terms: [...indexes[name].postings.terms()] },
      ]),
    ) as Header['indexes'],
    arrays,
    frequencies: { offset, length: frequencies.length },
  };
  writeWhole(path, (fd) => {
    const head = Buffer.from(`${JSON.stringify(header)}\n`);
    writeSync(fd, head);
    writeSync(fd, Buffer.alloc(aligned(head.length) - head.length));
    let written = 0;
    chunks.forEach((chunk, i) => {
      const at = arrays[i]?.offset ?? header.frequencies.offset;
      if (at > written) writeSync(fd, Buffer.alloc(at - written));
      writeSync(fd, new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      written = at + chunk.byteLength;
    });
  });
  return path;
}

/** The indexes saved for this fact base by this code, or undefined. Never throws. */
export function readPrebuiltIndexes(
  kb: KnowledgeBase,
  env: NodeJS.ProcessEnv = process.env,
): SearchIndexes | undefined {
  const folder = snapshotFolder(env);
  if (!folder) return undefined;
  try {
    const path = indexesPath(folder, kb);
    if (!existsSync(path)) return undefined;
    const bytes = readFileSync(path);
    const end = bytes.indexOf(10);
    const header = JSON.parse(bytes.toString('utf8', 0, end)) as Header;
    if (header.format !== FORMAT || header.version !== kb.version || header.fingerprint !== fingerprint()) {
      return undefined;
    }
    const start = aligned(end + 1);
    // In place when the bytes are aligned (a large file has a buffer of its own); copied otherwise.
    const view = (array: ArrayName | 'frequencies', offset: number, length: number) => {
      const Type = array === 'frequencies' ? Int32Array : TYPES[array];
      const at = bytes.byteOffset + start + offset;
      if (at % Type.BYTES_PER_ELEMENT === 0) return new Type(bytes.buffer, at, length);
      return new Type(bytes.buffer.slice(at, at + length * Type.BYTES_PER_ELEMENT));
    };
    const arrays = new Map(
      header.arrays.map((a) => [`${a.index}.${a.array}`, view(a.array, a.offset, a.length)]),
    );
    const postings = (index: IndexName) =>
      Postings.restore(header.indexes[index].terms, {
        offsets: arrays.get(`${index}.offsets`) as Int32Array,
        docs: arrays.get(`${index}.docs`) as Int32Array,
        codes: arrays.get(`${index}.codes`) as Uint8Array,
        weights: arrays.get(`${index}.weights`) as Float64Array,
        maxWeight: arrays.get(`${index}.maxWeight`) as Float64Array,
      });
    const items: Record<IndexName, unknown[]> = {
      meeting: kb.meetings,
      meetingChoice: kb.meetings,
      event: kb.events,
      quote: kb.quotes,
      person: kb.people,
      place: kb.places,
      topic: kb.topics,
      source: kb.sources,
    };
    if (INDEXES.some((name) => header.indexes[name].items !== items[name].length)) return undefined;
    const counts = view('frequencies', header.frequencies.offset, header.frequencies.length);
    const frequency = new Map(header.vocabulary.map((term, i) => [term, counts[i] as number]));
    const vocabulary = new Vocabulary(header.vocabulary, (term) => frequency.get(term) ?? 0);
    const lookup = () => vocabulary;
    const index = <T>(name: IndexName, records: T[]) => new TextIndex(lookup, records, postings(name));
    return {
      meeting: index('meeting', kb.meetings),
      meetingChoice: index('meetingChoice', kb.meetings),
      event: index('event', kb.events),
      quote: index('quote', kb.quotes),
      person: index('person', kb.people),
      place: index('place', kb.places),
      topic: index('topic', kb.topics),
      source: index('source', kb.sources),
      vocabulary,
    };
  } catch {
    return undefined;
  }
}

/** Removes the prebuilt indexes that the current code did not build. */
export function removeStaleIndexes(env: NodeJS.ProcessEnv = process.env): number {
  const folder = snapshotFolder(env);
  if (!folder || !existsSync(folder)) return 0;
  const stale = readdirSync(folder).filter(
    (n) => n.endsWith(EXTENSION) && !n.endsWith(`-${fingerprint()}${EXTENSION}`),
  );
  for (const name of stale) rmSync(join(folder, name), { force: true });
  return stale.length;
}
