import numberToWords from 'number-to-words';
import { MinHeap } from './min-heap.js';
import { type Postings, PostingsBuilder } from './postings.js';
import { STOPWORDS } from './stopwords.js';
import { searchTokens } from './tokens.js';
import { readWord, type TopHit, topHits, touchedSoFar, type WordPlan } from './top-hits.js';
import type { Vocabulary } from './vocabulary.js';

export interface Field {
  text: string;
  /** How much a match in this field counts: names and aliases high, summaries low. */
  weight: number;
}

export interface Hit<T> {
  item: T;
  score: number;
  /** The score without rarity: comparable between indexes of different sizes. */
  weight: number;
  /** How many of the query's search words this record matched. */
  matched: number;
}

export interface SearchResult<T> {
  hits: Hit<T>[];
  /** The query's search words after stop words were dropped. */
  words: string[];
  /** Search words that match no term this fact base knows. */
  unknown: string[];
}

export interface SearchOptions<T = unknown> {
  limit?: number;
  /** Treat the last word as unfinished (autocomplete): it also matches terms it begins. */
  prefixLast?: boolean;
  /**
   * Only these records may be hits (a pool narrowed by place or date): a set, or a test asked
   * only of the records the search meets, which costs nothing for the thousands it never does.
   */
  within?: ReadonlySet<T> | ((item: T) => boolean);
  /**
   * Only the hits that match as many words as the best one does and score at least this share
   * of its score (up to `limit`): what a search for the best few of many matches keeps.
   */
  leaders?: number;
  /**
   * For a search of the best few (`limit` up to 100, no `leaders`): a hit may miss at most this
   * many of the query's words the index knows; when no record qualifies, one more, and so on.
   * Typed text means nearly all its words, and holding a search to them is what keeps a common
   * word from making it read half the index.
   */
  misses?: number;
}

/** Searches for at most this many hits skip what cannot reach them (see top-hits.ts). */
const FEW = 100;

/** The words of a query worth searching for, in order. */
export function searchWords(query: string): string[] {
  // A numeral stands for its number word: "these 2" asks what "these two" does.
  const spelled = (t: string) => (/^\d{1,2}$/.test(t) ? numberToWords.toWords(Number(t)) : '');
  return searchTokens(query).filter((t) => !STOPWORDS.has(t) && !STOPWORDS.has(spelled(t)));
}

/**
 * Per-search working memory, one slot per record, reused from search to search: scoring a
 * common word over a hundred thousand records must not allocate a hundred thousand entries.
 */
class Scratch {
  readonly score: Float64Array;
  readonly weight: Float64Array;
  readonly matched: Uint16Array;
  /** The best score of the current word per record. */
  readonly wordScore: Float64Array;
  readonly wordWeight: Float64Array;
  /** The score with coverage (the share of words matched), and the order of first match. */
  readonly final: Float64Array;
  readonly order: Int32Array;
  /** See `Tally`. */
  readonly allowed: Uint8Array;
  decide?: ((doc: number) => boolean) | undefined;
  readonly decided: number[] = [];
  readonly alive: Uint8Array;
  readonly inWord: Int32Array;
  readonly touched: Int32Array;
  touchedCount = 0;
  readonly survivors: Int32Array;

  constructor(size: number) {
    this.score = new Float64Array(size);
    this.weight = new Float64Array(size);
    this.matched = new Uint16Array(size);
    this.wordScore = new Float64Array(size);
    this.wordWeight = new Float64Array(size);
    this.final = new Float64Array(size);
    this.order = new Int32Array(size);
    this.allowed = new Uint8Array(size);
    this.alive = new Uint8Array(size);
    this.inWord = new Int32Array(size);
    this.touched = new Int32Array(size);
    this.survivors = new Int32Array(size);
  }
}

/**
 * An inverted index over weighted fields. A query word matches a record through the terms it
 * expands to (itself, a prefix completion, a typo correction), weighted by the field it is found
 * in and by how rare the term is. Only records that share a term with the query are scored, so a
 * search costs what its matches cost, not what the whole fact base costs.
 */
export class TextIndex<T> {
  private readonly position = new Map<T, number>();
  private scratch?: Scratch;

  /** An index over these records, from their postings (built by `TextIndex.build`, or saved). */
  constructor(
    private readonly vocabulary: () => Vocabulary,
    private readonly items: T[],
    readonly postings: Postings,
  ) {
    items.forEach((item, doc) => {
      this.position.set(item, doc);
    });
  }

  /**
   * Builds the index from each record's fields; `tokens` splits a text into terms. The vocabulary
   * is read at search time: it is built from every index's terms, after them.
   */
  static build<T>(
    vocabulary: () => Vocabulary,
    docs: Iterable<{ item: T; fields: Field[] }>,
    tokens: (text: string) => string[] = searchTokens,
  ): TextIndex<T> {
    const builder = new PostingsBuilder();
    const items: T[] = [];
    for (const { item, fields } of docs) {
      const doc = items.push(item) - 1;
      for (const field of fields) {
        if (field.text) for (const term of tokens(field.text)) builder.add(doc, term, field.weight);
      }
    }
    return new TextIndex(vocabulary, items, builder.build());
  }

  get size(): number {
    return this.items.length;
  }

  /** The terms this index holds, for building the shared vocabulary. */
  terms(): IterableIterator<string> {
    return this.postings.terms();
  }

  search(query: string | string[], options: SearchOptions<T> = {}): SearchResult<T> {
    const { limit = 10, prefixLast = false, within, leaders, misses } = options;
    const words = typeof query === 'string' ? searchWords(query) : query;
    this.scratch ??= new Scratch(this.items.length);
    const allowed = within && this.allow(within);
    const scratch = this.scratch;
    if (typeof within === 'function') scratch.decide = (doc) => within(this.items[doc] as T);
    const { plans, unknown } = this.plan(words, prefixLast);
    const narrowed = allowed !== undefined;
    let found: TopHit[] = [];
    if (leaders === undefined && limit <= FEW) {
      for (let need = Math.max(1, plans.length - (misses ?? plans.length)); need >= 1; need--) {
        found = topHits(this.postings, plans, words.length, limit, this.scratch, narrowed, need);
        if (found.length > 0) break;
      }
    } else found = this.scoreAll(plans, words.length, { limit, leaders, narrowed });
    for (const marked of [allowed ?? [], scratch.decided]) {
      marked.forEach((doc) => {
        scratch.allowed[doc] = 0;
      });
    }
    scratch.decided.length = 0;
    scratch.decide = undefined;
    const hits = found.map(({ doc, score, weight, matched }) => ({
      item: this.items[doc] as T,
      score,
      weight,
      matched,
    }));
    return { hits, words, unknown };
  }

  /** Each word's terms in the index (itself, completions, corrections), in query order. */
  private plan(words: string[], prefixLast: boolean): { plans: WordPlan[]; unknown: string[] } {
    const { offsets, maxWeight } = this.postings;
    const plans: WordPlan[] = [];
    const unknown: string[] = [];
    words.forEach((word, position) => {
      const expansions = this.vocabulary().expand(word, {
        prefix: prefixLast && position === words.length - 1,
        inRecords: true,
      });
      if (expansions.length === 0) {
        unknown.push(word);
        return;
      }
      const plan: WordPlan = { position, parts: [], cost: 0, bound: 0 };
      expansions.forEach(({ term, quality }, expansion) => {
        if (STOPWORDS.has(term)) return;
        const id = this.postings.id(term);
        if (id < 0) return;
        const start = offsets[id] as number;
        const end = offsets[id + 1] as number;
        const idf = Math.log(1 + this.items.length / (end - start));
        plan.parts.push({ expansion, start, end, quality, idf });
        plan.cost += end - start;
        plan.bound = Math.max(plan.bound, (maxWeight[id] as number) * quality * idf);
      });
      if (plan.parts.length > 0) plans.push(plan);
    });
    return { plans, unknown };
  }

  /** Scores every record any word matches; for long result lists, where nothing can be skipped. */
  private scoreAll(
    plans: WordPlan[],
    words: number,
    { limit, leaders, narrowed }: { limit: number; leaders: number | undefined; narrowed: boolean },
  ): TopHit[] {
    const s = this.scratch as Scratch;
    // Records in the order they were first matched: ties keep that order, as a stable sort would.
    s.touchedCount = 0;
    for (const plan of plans) readWord(this.postings, plan, s, narrowed ? s.allowed : undefined, true);
    const touched = touchedSoFar(s);
    touched.forEach((doc, i) => {
      s.final[doc] = (s.score[doc] as number) * ((s.matched[doc] as number) / words);
      s.order[doc] = i;
    });
    const chosen =
      leaders === undefined ? topByScore(touched, s, limit) : leadersOf(touched, s, leaders, limit);
    const found = chosen.map((doc) => ({
      doc,
      score: s.final[doc] as number,
      weight: s.weight[doc] as number,
      matched: s.matched[doc] as number,
    }));
    touched.forEach((doc) => {
      s.score[doc] = 0;
      s.weight[doc] = 0;
      s.matched[doc] = 0;
    });
    return found;
  }

  /**
   * Marks the records a narrowed search may return; returns them, to unmark afterwards. A test
   * marks none: it is asked of each record as the search meets it.
   */
  private allow(within: ReadonlySet<T> | ((item: T) => boolean)): number[] {
    const docs: number[] = [];
    if (typeof within === 'function') return docs;
    const mask = (this.scratch as Scratch).allowed;
    for (const item of within) {
      const doc = this.position.get(item);
      if (doc !== undefined && mask[doc] === 0) {
        mask[doc] = 1;
        docs.push(doc);
      }
    }
    return docs;
  }
}

/**
 * The `limit` best of `docs` by score, best first; equal scores keep their order in `docs`. A
 * full sort when few records matched; otherwise one pass that keeps only the best `limit`.
 */
function topByScore(docs: Int32Array, s: Scratch, limit: number): number[] {
  if (limit <= 0) return [];
  const { final, order } = s;
  if (docs.length <= limit * 4) {
    return plainArray(docs)
      .sort((a, b) => (final[b] as number) - (final[a] as number))
      .slice(0, limit);
  }
  // Worst kept first: a lower score, or the same score and matched later.
  const worse = (a: number, b: number) =>
    (final[a] as number) - (final[b] as number) || (order[b] as number) - (order[a] as number);
  const heap = new MinHeap<number>(worse);
  docs.forEach((doc) => {
    if (heap.size < limit) heap.push(doc);
    else if (worse(doc, heap.peek() as number) > 0) heap.replaceTop(doc);
  });
  return heap.drain().reverse();
}

/** The hits as good as the best one (see `SearchOptions.leaders`), best first. */
function leadersOf(docs: Int32Array, s: Scratch, share: number, limit: number): number[] {
  const { final, matched } = s;
  let best = -1;
  docs.forEach((doc) => {
    if (best === -1 || (final[doc] as number) > (final[best] as number)) best = doc;
  });
  if (best === -1) return [];
  const floor = (final[best] as number) * share;
  const most = matched[best];
  return plainArray(docs, (doc) => matched[doc] === most && (final[doc] as number) >= floor)
    .sort((a, b) => (final[b] as number) - (final[a] as number))
    .slice(0, limit);
}

/**
 * The docs (those `keep` accepts) as a plain array, whose sort is stable: ties keep the order in
 * which they were met.
 */
function plainArray(docs: Int32Array, keep: (doc: number) => boolean = () => true): number[] {
  const list: number[] = [];
  docs.forEach((doc) => {
    if (keep(doc)) list.push(doc);
  });
  return list;
}
