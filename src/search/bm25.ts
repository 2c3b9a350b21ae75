/**
 * Okapi BM25 over short passages (sentences). A query is a list of groups, one per word the user
 * typed: the word itself and the corpus terms it can mean (its lemma, synonyms, a typo's
 * correction), each with a weight below 1 for anything but the word itself. A group scores a
 * passage by its best term only, so a word and its synonyms never count twice.
 */

import { MinHeap } from './min-heap.js';

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

interface Postings {
  ids: Int32Array;
  tf: Uint16Array;
}

export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
  private readonly lengths: Uint16Array;
  private readonly averageLength: number;
  private readonly score: Float64Array;
  private readonly mask: Int32Array;
  private readonly touched: Int32Array;
  /** The best score of the current group's terms per passage, and the passages it touched. */
  private readonly groupScore: Float64Array;
  private readonly groupTouched: Int32Array;

  /** `documents[i]` is the list of terms of passage i. */
  constructor(documents: readonly (readonly string[])[]) {
    const building = new Map<string, { ids: number[]; tf: number[] }>();
    this.lengths = new Uint16Array(documents.length);
    let total = 0;
    documents.forEach((terms, id) => {
      this.lengths[id] = Math.min(terms.length, 65535);
      total += terms.length;
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [t, n] of counts) {
        let list = building.get(t);
        if (!list) {
          list = { ids: [], tf: [] };
          building.set(t, list);
        }
        list.ids.push(id);
        list.tf.push(n);
      }
    });
    for (const [t, list] of building)
      this.postings.set(t, { ids: Int32Array.from(list.ids), tf: Uint16Array.from(list.tf) });
    this.averageLength = documents.length ? total / documents.length : 1;
    this.score = new Float64Array(documents.length);
    this.mask = new Int32Array(documents.length);
    this.touched = new Int32Array(documents.length);
    this.groupScore = new Float64Array(documents.length);
    this.groupTouched = new Int32Array(documents.length);
  }

  get size(): number {
    return this.lengths.length;
  }

  /** How many passages hold a term. */
  frequency(term: string): number {
    return this.postings.get(term)?.ids.length ?? 0;
  }

  has(term: string): boolean {
    return this.postings.has(term);
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
    const { score, mask, touched, groupScore, groupTouched } = this;
    let count = 0;
    groups.slice(0, 31).forEach((group, g) => {
      // A group counts once per passage: by its best term.
      let inGroup = 0;
      for (const { term, weight } of group) {
        const list = this.postings.get(term);
        if (!list) continue;
        const idf = this.idf(term) * weight;
        const { ids, tf } = list;
        for (const [from, to] of spans(ids, ranges))
          for (let i = from; i < to; i++) {
            const id = ids[i] as number;
            const f = tf[i] as number;
            const norm = f + K1 * (1 - B + (B * (this.lengths[id] as number)) / this.averageLength);
            const s = (idf * f * (K1 + 1)) / norm;
            if (groupScore[id] === 0) groupTouched[inGroup++] = id;
            if (s > (groupScore[id] as number)) groupScore[id] = s;
          }
      }
      const bit = 1 << g;
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
}

/** Passages `start` (inclusive) to `end` (exclusive), as one article's sentences are stored. */
export interface Range {
  start: number;
  end: number;
}

/** The stretches of a sorted postings list that fall in the ranges (all of it without ranges). */
function spans(ids: Int32Array, ranges: readonly Range[] | undefined): [number, number][] {
  if (!ranges) return [[0, ids.length]];
  return ranges.map(({ start, end }) => [lowerBound(ids, start), lowerBound(ids, end)]);
}

function lowerBound(ids: Int32Array, value: number): number {
  let lo = 0;
  let hi = ids.length;
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
