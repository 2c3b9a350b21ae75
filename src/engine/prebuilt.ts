import {
  type CacheKind,
  readCacheFile,
  removeStaleCacheFiles,
  sectionAs,
  writeCacheFile,
} from '../build/cache-file.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import { Bm25Index } from '../search/bm25.js';
import { Postings } from '../search/postings.js';
import { TextIndex } from '../search/text-index.js';
import { Vocabulary } from '../search/vocabulary.js';
import type { Engine } from './engine.js';
import type { SearchIndexes } from './indexes.js';
import { PassageIndex } from './passages.js';

/**
 * Search indexes built ahead of time, at `npm run build`, beside the knowledge snapshot: building
 * them means splitting every record and article into words, and every article into sentences,
 * which is most of what a start costs once the fact base itself is read from its snapshot. They
 * are a cache file (see cache-file.ts) filed under the fact base's version (a hash of all its
 * files) and made by the code that builds them, so any change to either means they are built
 * afresh. The header holds the terms of each index; the sections, their arrays.
 */

const INDEXES: CacheKind = { name: 'indexes', format: 4, code: ['src/engine', 'src/search', 'src/text'] };
const RECORD_INDEXES = [
  'meeting',
  'meetingChoice',
  'event',
  'quote',
  'person',
  'place',
  'topic',
  'source',
] as const;
type IndexName = (typeof RECORD_INDEXES)[number];
/** The arrays saved, in the order of the sections; how each is read back is `readPrebuiltIndexes`'. */
const POSTINGS = ['offsets', 'docs', 'codes', 'weights', 'maxWeight'] as const;
const PASSAGES = [
  'line',
  'paragraphIndex',
  'start',
  'end',
  'leadStart',
  'speakerLine',
  'role',
  'numbered',
  'firsts',
] as const;
const BM25 = ['offsets', 'ids', 'tf', 'lengths'] as const;

interface Meta {
  vocabulary: string[];
  indexes: Record<IndexName, { items: number; terms: string[] }>;
  passages: {
    sources: number;
    terms: string[];
    /** Whether term frequencies needed two bytes. */
    wideTf: boolean;
    exceptions: [number, string][];
  };
}

/** What a prebuilt file gives back: the record indexes, and every article's sentences. */
export type PrebuiltIndexes = SearchIndexes & { passages: PassageIndex };

/** Saves an engine's indexes, its passage index included; returns the file's path. */
export function writePrebuiltIndexes(
  engine: Engine,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const { kb, searchIndexes: indexes, passages } = engine;
  const sections: ArrayBufferView[] = [indexes.vocabulary.frequencies()];
  for (const name of RECORD_INDEXES)
    for (const array of POSTINGS) sections.push(indexes[name].postings[array]);
  for (const array of PASSAGES) sections.push(passages.arrays[array]);
  for (const array of BM25) sections.push(passages.index.arrays[array]);
  const meta: Meta = {
    vocabulary: [...indexes.vocabulary.list()],
    indexes: Object.fromEntries(
      RECORD_INDEXES.map((name) => [
        name,
        { items: indexes[name].size, terms: [...indexes[name].postings.terms()] },
      ]),
    ) as Meta['indexes'],
    passages: {
      sources: kb.sources.length,
      terms: [...passages.index.terms()],
      wideTf: passages.index.arrays.tf instanceof Uint16Array,
      exceptions: [...passages.exceptions],
    },
  };
  return writeCacheFile(INDEXES, kb.version, meta, sections, env);
}

/** The indexes saved for this fact base by this code, or undefined. Never throws. */
export function readPrebuiltIndexes(
  kb: KnowledgeBase,
  env: NodeJS.ProcessEnv = process.env,
): PrebuiltIndexes | undefined {
  const saved = readCacheFile<Meta>(INDEXES, kb.version, env);
  if (!saved) return undefined;
  try {
    const { meta } = saved;
    const sections = saved.sections.values();
    const next = () => sections.next().value as Buffer;
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
    if (RECORD_INDEXES.some((name) => meta.indexes[name].items !== items[name].length)) return undefined;
    if (meta.passages.sources !== kb.sources.length) return undefined;
    const counts = sectionAs(Int32Array, next());
    const frequency = new Map(meta.vocabulary.map((term, i) => [term, counts[i] as number]));
    const vocabulary = new Vocabulary(meta.vocabulary, (term) => frequency.get(term) ?? 0);
    const lookup = () => vocabulary;
    const postings = new Map(
      RECORD_INDEXES.map((name) => [
        name,
        Postings.restore(meta.indexes[name].terms, {
          offsets: sectionAs(Int32Array, next()),
          docs: sectionAs(Int32Array, next()),
          codes: sectionAs(Uint8Array, next()),
          weights: sectionAs(Float64Array, next()),
          maxWeight: sectionAs(Float64Array, next()),
        }),
      ]),
    );
    const index = <T>(name: IndexName, records: T[]) =>
      new TextIndex(lookup, records, postings.get(name) as Postings);
    const passageArrays = {
      line: sectionAs(Uint32Array, next()),
      paragraphIndex: sectionAs(Int32Array, next()),
      start: sectionAs(Uint32Array, next()),
      end: sectionAs(Uint32Array, next()),
      leadStart: sectionAs(Uint32Array, next()),
      speakerLine: sectionAs(Int32Array, next()),
      role: sectionAs(Uint8Array, next()),
      numbered: sectionAs(Uint8Array, next()),
      firsts: sectionAs(Int32Array, next()),
    };
    const bm25 = {
      offsets: sectionAs(Int32Array, next()),
      ids: sectionAs(Int32Array, next()),
      tf: meta.passages.wideTf ? sectionAs(Uint16Array, next()) : sectionAs(Uint8Array, next()),
      lengths: sectionAs(Uint16Array, next()),
    };
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
      passages: new PassageIndex(
        kb,
        new Bm25Index(meta.passages.terms, bm25),
        passageArrays,
        new Map(meta.passages.exceptions),
      ),
    };
  } catch {
    return undefined;
  }
}

/** Removes the prebuilt indexes that the current code did not build. */
export function removeStaleIndexes(env: NodeJS.ProcessEnv = process.env): number {
  return removeStaleCacheFiles(INDEXES, env);
}
