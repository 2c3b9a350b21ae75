/**
 * Okapi BM25 over short passages (sentences). A query is a list of groups, one per word the user
 * typed: the word itself and the corpus terms it can mean (its lemma, synonyms, a typo's
 * correction), each with a weight below 1 for anything but the word itself. A group scores a
 * passage by its best term only, so a word and its synonyms never count twice.
 */

import { MinHeap } from './min-heap.js';
import { growableInts, TermChains } from './postings.js';

/** BM25's usual constants: term-frequency saturation and length normalisation. */
const K1 = 1.2;
const B = 0.75;

export interface WeightedTerm {
  term: string;
  weight: number;
}

/** One word of the query and the terms that stand for it. */
export type QueryGroup = readonly WeightedTerm[];

export interface PassageHit {
  /** Position of the passage in the order it was added. */
  index: number;
  score: number;
  /** Which query groups the passage matched, as a bit set (group i → bit i; at most 31 groups). */
  groups: number;
  /** How many query groups it matched. */
  matched: number;
}

/**
 * The index as flat typed arrays, as it is saved and read back: term `t`'s postings are
 * `offsets[t]` to `offsets[t + 1]` in `ids` (passages, increasing) and `tf` (how often the term
 * occurs in each). Three hundred thousand sentences make millions of postings: one pair of arrays
 * per term, or a number per term-frequency where a byte does, would cost the process tens of MB.
 */
export interface Bm25Arrays {
  offsets: Int32Array;
  ids: Int32Array;
  tf: Uint8Array | Uint16Array;
  /** Each passage's length in terms. */
  lengths: Uint16Array;
}

export class Bm25Index {
  private readonly termIds: Map<string, number>;
  private readonly averageLength: number;
  /** BM25's length normalisation of each passage, computed once rather than per posting. */
  private readonly norm: Float64Array;
  /** Per-passage working arrays, made at the first search: an index only read back never needs them. */
  private work?: {
    score: Float64Array;
    mask: Int32Array;
    touched: Int32Array;
    /** The best score of the current group's terms per passage, and the passages it touched. */
    groupScore: Float64Array;
    groupTouched: Int32Array;
  };

  /** An index over `arrays`, whose terms are `terms` in the order of their ids. */
  constructor(
    private readonly termList: readonly string[],
    readonly arrays: Bm25Arrays,
  ) {
    this.termIds = new Map(termList.map((term, id) => [term, id]));
    const { lengths } = arrays;
    let total = 0;
    for (const n of lengths) total += n;
    this.averageLength = lengths.length ? total / lengths.length : 1;
    this.norm = new Float64Array(lengths.length);
    for (let id = 0; id < lengths.length; id++)
      this.norm[id] = K1 * (1 - B + (B * (lengths[id] as number)) / this.averageLength);
  }

  /** `documents[i]` is the list of terms of passage i. */
  static build(documents: Iterable<readonly string[]>): Bm25Index {
    const builder = new Bm25Builder();
    for (const terms of documents) builder.add(terms);
    return builder.build();
  }

  /** The terms, in the order of their ids. */
  terms(): readonly string[] {
    return this.termList;
  }

  get size(): number {
    return this.arrays.lengths.length;
  }

  /** How many passages hold a term. */
  frequency(term: string): number {
    const id = this.termIds.get(term);
    if (id === undefined) return 0;
    const { offsets } = this.arrays;
    return (offsets[id + 1] as number) - (offsets[id] as number);
  }

  has(term: string): boolean {
    return this.termIds.has(term);
  }

  /** Whether passage `index` holds a term. */
  holds(term: string, index: number): boolean {
    const list = this.holding(term);
    const at = lowerBound(list, 0, list.length, index);
    return list[at] === index;
  }

  /** The passages that hold a term, in order. */
  holding(term: string): Int32Array {
    const id = this.termIds.get(term);
    const { offsets, ids } = this.arrays;
    return id === undefined ? ids.subarray(0, 0) : ids.subarray(offsets[id], offsets[id + 1]);
  }

  private working() {
    const n = this.size;
    this.work ??= {
      score: new Float64Array(n),
      mask: new Int32Array(n),
      touched: new Int32Array(n),
      groupScore: new Float64Array(n),
      groupTouched: new Int32Array(n),
    };
    return this.work;
  }

  /** Inverse document frequency, always positive. */
  idf(term: string): number {
    const n = this.frequency(term);
    return Math.log(1 + (this.size - n + 0.5) / (n + 0.5));
  }

  /**
   * The best passages for a query; `within` keeps only the passages it accepts (a source, a
   * meeting's article).
   */
  search(
    groups: readonly QueryGroup[],
    limit = 10,
    within?: (index: number) => boolean,
    ranges?: readonly Range[],
  ): PassageHit[] {
    const { score, mask, touched, groupScore, groupTouched } = this.working();
    const { offsets, ids, tf } = this.arrays;
    const { norm } = this;
    let count = 0;
    groups.slice(0, 31).forEach((group, g) => {
      const bit = 1 << g;
      const present = group.filter(({ term }) => this.termIds.has(term));
      const only = present.length === 1 ? (present[0] as WeightedTerm) : undefined;
      if (only) {
        // One term: its score is the group's, added straight to each passage's.
        const t = this.termIds.get(only.term) as number;
        const idf = this.idf(only.term) * only.weight;
        for (const [from, to] of spans(ids, offsets[t] as number, offsets[t + 1] as number, ranges))
          for (let i = from; i < to; i++) {
            const id = ids[i] as number;
            const f = tf[i] as number;
            if (mask[id] === 0) touched[count++] = id;
            mask[id] = (mask[id] as number) | bit;
            score[id] = (score[id] as number) + (idf * f * (K1 + 1)) / (f + (norm[id] as number));
          }
        return;
      }
      // A group counts once per passage: by its best term.
      let inGroup = 0;
      for (const { term, weight } of present) {
        const t = this.termIds.get(term) as number;
        const idf = this.idf(term) * weight;
        for (const [from, to] of spans(ids, offsets[t] as number, offsets[t + 1] as number, ranges))
          for (let i = from; i < to; i++) {
            const id = ids[i] as number;
            const f = tf[i] as number;
            const s = (idf * f * (K1 + 1)) / (f + (norm[id] as number));
            if (groupScore[id] === 0) groupTouched[inGroup++] = id;
            if (s > (groupScore[id] as number)) groupScore[id] = s;
          }
      }
      for (let i = 0; i < inGroup; i++) {
        const id = groupTouched[i] as number;
        if (mask[id] === 0) touched[count++] = id;
        mask[id] = (mask[id] as number) | bit;
        score[id] = (score[id] as number) + (groupScore[id] as number);
        groupScore[id] = 0;
      }
    });
    // The `limit` best by a heap whose top is the worst kept: no object for every passage touched.
    const heap = new MinHeap<PassageHit>((a, b) => a.score - b.score || b.index - a.index);
    for (let i = 0; i < count; i++) {
      const id = touched[i] as number;
      const value = score[id] as number;
      const bits = mask[id] as number;
      score[id] = 0;
      mask[id] = 0;
      if (heap.size === limit && value <= (heap.peek() as PassageHit).score) continue;
      if (within && !within(id)) continue;
      const hit = { index: id, score: value, groups: bits, matched: bitCount(bits) };
      if (heap.size < limit) heap.push(hit);
      else heap.replaceTop(hit);
    }
    return heap.drain().reverse();
  }

  /**
   * `search` when only `candidates` (in order) can pass `within`: the query's terms are looked up
   * for them alone, however many passages hold the terms. Each is scored with the same sums in
   * the same order, and met in the order `search` meets it (at the first group that holds it, that
   * group's first term that does, then by passage), so the hits are those `search` returns.
   */
  searchAmong(
    groups: readonly QueryGroup[],
    limit: number,
    candidates: readonly number[],
    within?: (index: number) => boolean,
  ): PassageHit[] {
    const { offsets, ids, tf } = this.arrays;
    const { norm } = this;
    const query = groups
      .slice(0, 31)
      .map((group) =>
        group
          .filter(({ term }) => this.termIds.has(term))
          .map(({ term, weight }) => ({ t: this.termIds.get(term) as number, idf: this.idf(term) * weight })),
      );
    const scored = candidates.map((id) => {
      let score = 0;
      let bits = 0;
      let met = -1;
      query.forEach((terms, g) => {
        let best = 0;
        terms.forEach(({ t, idf }, j) => {
          const at = lowerBound(ids, offsets[t] as number, offsets[t + 1] as number, id);
          if (at >= (offsets[t + 1] as number) || ids[at] !== id) return;
          if (met < 0) met = g * 65_536 + j;
          const f = tf[at] as number;
          best = Math.max(best, (idf * f * (K1 + 1)) / (f + (norm[id] as number)));
        });
        if (best > 0) {
          score += best;
          bits |= 1 << g;
        }
      });
      return { id, score, bits, met };
    });
    const met = scored.filter((c) => c.bits !== 0).sort((a, b) => a.met - b.met || a.id - b.id);
    const heap = new MinHeap<PassageHit>((a, b) => a.score - b.score || b.index - a.index);
    for (const { id, score, bits } of met) {
      if (heap.size === limit && score <= (heap.peek() as PassageHit).score) continue;
      if (within && !within(id)) continue;
      const hit = { index: id, score, groups: bits, matched: bitCount(bits) };
      if (heap.size < limit) heap.push(hit);
      else heap.replaceTop(hit);
    }
    return heap.drain().reverse();
  }
}

/** Passages `start` (inclusive) to `end` (exclusive), as one article's sentences are stored. */
export interface Range {
  start: number;
  end: number;
}

/**
 * The stretches of a sorted postings list (`ids` from `first` to `last`) that fall in the ranges
 * (all of it without ranges).
 */
function spans(
  ids: Int32Array,
  first: number,
  last: number,
  ranges: readonly Range[] | undefined,
): [number, number][] {
  if (!ranges) return [[first, last]];
  return ranges.map(({ start, end }) => [
    lowerBound(ids, first, last, start),
    lowerBound(ids, first, last, end),
  ]);
}

function lowerBound(ids: Int32Array, first: number, last: number, value: number): number {
  let lo = first;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ids[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function bitCount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Collects passages one at a time (each passage's terms), then lays the postings out term by
 * term. Each term's entries are chained in the order they came, so every list stays sorted by
 * passage, and no list of terms is kept for every passage meanwhile.
 */
export class Bm25Builder {
  private readonly chains = new TermChains();
  private readonly entryTf = growableInts();
  private readonly lengths = growableInts();

  /** Adds the next passage, by its terms. */
  add(terms: readonly string[]): void {
    const doc = this.lengths.push(Math.min(terms.length, 65535));
    const counts = new Map<string, number>();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [term, n] of counts) {
      this.chains.append(this.chains.idOf(term), doc);
      this.entryTf.push(n);
    }
  }

  build(): Bm25Index {
    let most = 0;
    for (let e = 0; e < this.entryTf.length; e++) most = Math.max(most, this.entryTf.data[e] as number);
    const tf = most <= 255 ? new Uint8Array(this.chains.size) : new Uint16Array(this.chains.size);
    const { offsets, docs: ids } = this.chains.layOut((entry, at) => {
      tf[at] = Math.min(this.entryTf.data[entry] as number, 65535);
    });
    const lengths = Uint16Array.from(this.lengths.data.subarray(0, this.lengths.length));
    return new Bm25Index([...this.chains.ids.keys()], { offsets, ids, tf, lengths });
  }
}
