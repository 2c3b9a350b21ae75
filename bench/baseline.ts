import Fuse from 'fuse.js';
import type { KnowledgeBase } from '../src/knowledge/model.js';

/**
 * The naive engine Summit is measured against: every record of every kind (as the YAML files
 * hold them) in one fuse.js index over every field, with fuse.js's default options, searched
 * with the whole question each time.
 */

export interface BaselineRecord {
  type: 'source' | 'person' | 'place' | 'topic' | 'meeting' | 'event' | 'quote';
  id: string;
  [field: string]: unknown;
}

/** Every path to a string in the records (`date.evidence.text`), for fuse.js's keys. */
function stringPaths(records: object[]): string[] {
  const paths = new Set<string>();
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string' || typeof value === 'number') {
      if (path) paths.add(path);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, path);
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
    }
  };
  for (const record of records) walk(record, '');
  return [...paths].filter((p) => p !== 'type');
}

export interface BaselineOptions {
  /**
   * Index about this many records, evenly spread over the fact base (and `include`): fuse.js
   * scans every record for every search, so its time and memory grow in proportion, and a
   * sample's figures times `scale` are the whole fact base's. A whole large fact base takes
   * minutes a search.
   */
  keep?: number;
  /** Records the sample must hold, as `type:id`: the ones the benchmark queries look for. */
  include?: ReadonlySet<string>;
}

export class Baseline {
  readonly fuse: Fuse<BaselineRecord>;
  readonly keys: string[];
  /** All records ÷ records indexed. */
  readonly scale: number;

  constructor(kb: KnowledgeBase, { keep, include }: BaselineOptions = {}) {
    const all: BaselineRecord[] = [
      // A source's record is its entry in sources.yaml; the article text is a file, not a field.
      ...kb.sources.map((r) => ({ ...r, type: 'source' as const })),
      ...kb.people.map((r) => ({ ...r, type: 'person' as const })),
      ...kb.places.map((r) => ({ ...r, type: 'place' as const })),
      ...kb.topics.map((r) => ({ ...r, type: 'topic' as const })),
      ...kb.meetings.map((r) => ({ ...r, type: 'meeting' as const })),
      ...kb.events.map((r) => ({ ...r, type: 'event' as const })),
      ...kb.quotes.map((r) => ({ ...r, type: 'quote' as const })),
    ];
    const step = keep && all.length > keep ? all.length / keep : 1;
    const records =
      step === 1 ? all : all.filter((r, i) => i % step < 1 || include?.has(`${r.type}:${r.id}`));
    this.scale = all.length / records.length;
    this.keys = stringPaths(records);
    this.fuse = new Fuse(records, { keys: this.keys });
  }

  /** The best record for a query, as the naive engine would answer with it. */
  first(query: string): BaselineRecord | undefined {
    return this.fuse.search(query)[0]?.item;
  }
}
