import { MinHeap } from './min-heap.js';
import type { Postings } from './postings.js';

/**
 * The best few records for a query without scoring every record a common word is found in.
 *
 * Words are read rarest first. Once `limit` records are known, a record no word read so far has
 * matched can score at most what the remaining words can add (their best weight times their
 * rarity, times the share of words they make up): when that is below the `limit`-th best score
 * already reached, the remaining words only add to the records found so far that could still
 * reach it: each looked up in the words' sorted lists, or, when they are many, the lists read
 * once against a mark of them. A query with one rare word among common ones ("sister cities
 * because without") then costs about what its rare word costs.
 *
 * With `minMatched`, only records that match at least that many words count: once the words
 * left to read are fewer than that, no record they alone hold can qualify, and they too are only
 * read for the records found so far. Typed text that must match all its words but one is then
 * answered from its rarest two words' lists, however common its other words are.
 *
 * The records kept are then scored again word by word in the query's order, exactly as a full
 * scoring would, and ranked with ties in the order a full scoring would meet them: the result is
 * the same, only cheaper.
 */

/** One query word's terms, and what reading them costs and can add. */
export interface WordPlan {
  /** The word's place in the query. */
  position: number;
  /** Its expansions found in the index, in the order they were given. */
  parts: { expansion: number; start: number; end: number; quality: number; idf: number }[];
  /** Entries a full read goes through. */
  cost: number;
  /** The most the word adds to a record's score. */
  bound: number;
}

/** Per-record working arrays, reused from search to search and left zeroed. */
export interface Tally {
  score: Float64Array;
  weight: Float64Array;
  matched: Uint16Array;
  wordScore: Float64Array;
  wordWeight: Float64Array;
  /**
   * For a narrowed search: 1 for a record it may return, 2 for one it may not, 0 for one not yet
   * decided, which `decide` (when set) then decides, noting it in `decided`.
   */
  allowed: Uint8Array;
  decide?: ((doc: number) => boolean) | undefined;
  decided: number[];
  /** 1 for the records still in the running, while a word is read for them alone. */
  alive: Uint8Array;
  /** The records the word being read has matched so far, in the order it met them. */
  inWord: Int32Array;
  /**
   * The records a search has matched so far, in the order it met them: the first `touchedCount`
   * entries. One array for every search, since a common word matches tens of thousands.
   */
  touched: Int32Array;
  touchedCount: number;
  /** The records still in the running, narrowed in place word by word (see `keepInto`). */
  survivors: Int32Array;
}

/** The records a search has matched so far (see `Tally.touched`). */
export const touchedSoFar = (tally: Tally): Int32Array => tally.touched.subarray(0, tally.touchedCount);

export interface TopHit {
  doc: number;
  score: number;
  weight: number;
  matched: number;
}

/** How far a sum taken in another order may drift: far above rounding, far below any real gap. */
const SLACK = 1e-9;

export function topHits(
  postings: Postings,
  plans: WordPlan[],
  words: number,
  limit: number,
  tally: Tally,
  narrowed: boolean,
  minMatched = 1,
): TopHit[] {
  const order = [...plans].sort((a, b) => a.cost - b.cost);
  tally.touchedCount = 0;
  const final = (doc: number) => (tally.score[doc] as number) * ((tally.matched[doc] as number) / words);
  /** Once the remaining words can bring no new record in, the records that can still make it. */
  let alive: Int32Array | undefined;
  order.forEach((plan, i) => {
    if (!alive) readWord(postings, plan, tally, narrowed ? tally.allowed : undefined, true);
    else if (alive.length * Math.log2(plan.cost + 2) < plan.cost) lookUpFor(postings, plan, tally, alive);
    else readForSome(postings, plan, tally, alive);
    const rest = order.slice(i + 1);
    const found = alive ?? touchedSoFar(tally);
    if (rest.length === 0) return;
    // Only records sure to be hits set the bar: without `limit` of them, no record is ruled out.
    const kth =
      kthBest(found, final, limit, (doc) => (tally.matched[doc] as number) >= minMatched) * (1 - SLACK);
    const restBound = rest.reduce((n, r) => n + r.bound, 0);
    // A record no word has matched yet matches at most the rest of the words, and scores at most
    // what they add.
    if (!alive && rest.length >= minMatched && restBound * (rest.length / words) >= kth) return;
    // A record found so far matches at most those as well, and scores at most its score so far
    // plus all of that.
    alive = keepInto(
      tally.survivors,
      found,
      (doc) =>
        (tally.matched[doc] as number) + rest.length >= minMatched &&
        ((tally.score[doc] as number) + restBound) *
          (((tally.matched[doc] as number) + rest.length) / words) >=
          kth,
    );
  });
  const candidates = keepInto(
    tally.survivors,
    alive ?? touchedSoFar(tally),
    (doc) => (tally.matched[doc] as number) >= minMatched,
  );
  const floor = kthBest(candidates, final, limit) * (1 - SLACK);
  const kept = keepInto(tally.survivors, candidates, (doc) => final(doc) >= floor);
  touchedSoFar(tally).forEach((doc) => {
    tally.score[doc] = 0;
    tally.weight[doc] = 0;
    tally.matched[doc] = 0;
  });
  const inQueryOrder = [...plans].sort((a, b) => a.position - b.position);
  // Common words can leave thousands tied at the last place: keep the best `limit` as they come,
  // in ascending order so that each look-up goes on from where the one before it stopped.
  const worst = new MinHeap<Ranked>((a, b) => ahead(b, a));
  const from = inQueryOrder.map((plan) => Int32Array.from(plan.parts, (part) => part.start));
  kept.sort().forEach((doc) => {
    const ranked = exactly(postings, inQueryOrder, doc, words, from);
    if (worst.size < limit) worst.push(ranked);
    else if (ahead(ranked, worst.peek() as Ranked) < 0) worst.replaceTop(ranked);
  });
  return worst
    .drain()
    .reverse()
    .map((x) => x.hit);
}

type Ranked = ReturnType<typeof exactly>;

/** Negative when `a` ranks before `b`: by score, then as a full scoring first meets them. */
const ahead = (a: Ranked, b: Ranked) =>
  b.hit.score - a.hit.score || a.first - b.first || a.expansion - b.expansion || a.hit.doc - b.hit.doc;

/**
 * Reads every entry of a word's terms and adds the word's best score to each record it matches:
 * to every record, or only to those `only` marks; with `collect`, the records it matches first
 * are added to `tally.touched`.
 */
export function readWord(
  postings: Postings,
  plan: WordPlan,
  tally: Tally,
  only: Uint8Array | undefined,
  collect = false,
): void {
  const { docs, codes, weights } = postings;
  const { wordScore, wordWeight, score: total, weight: totalWeight, matched, inWord } = tally;
  let count = 0;
  for (const { start, end, quality, idf } of plan.parts) {
    for (let j = start; j < end; j++) {
      const doc = docs[j] as number;
      if (only && only[doc] !== 1 && !admitted(tally, only, doc)) continue;
      const weight = weights[codes[j] as number] as number;
      const score = weight * quality * idf;
      if (score > (wordScore[doc] as number)) {
        if (wordScore[doc] === 0) inWord[count++] = doc;
        wordScore[doc] = score;
        wordWeight[doc] = weight * quality;
      }
    }
  }
  for (let i = 0; i < count; i++) {
    const doc = inWord[i] as number;
    if (collect && matched[doc] === 0) tally.touched[tally.touchedCount++] = doc;
    total[doc] = (total[doc] as number) + (wordScore[doc] as number);
    totalWeight[doc] = (totalWeight[doc] as number) + (wordWeight[doc] as number);
    matched[doc] = (matched[doc] as number) + 1;
    wordScore[doc] = 0;
    wordWeight[doc] = 0;
  }
}

/** Whether a narrowed search may return a record it has not decided yet (see `Tally.allowed`). */
function admitted(tally: Tally, only: Uint8Array, doc: number): boolean {
  if (only[doc] !== 0 || !tally.decide || only === tally.alive) return false;
  const verdict = tally.decide(doc) ? 1 : 2;
  only[doc] = verdict;
  tally.decided.push(doc);
  return verdict === 1;
}

/**
 * The docs of `from` that `keep` accepts, written to the start of `into` in order, and viewed
 * there. `from` may be that same stretch of `into`: no doc is written past where it was read.
 */
function keepInto(into: Int32Array, from: Int32Array, keep: (doc: number) => boolean): Int32Array {
  let n = 0;
  from.forEach((doc) => {
    if (keep(doc)) into[n++] = doc;
  });
  return into.subarray(0, n);
}

/** Reads a word's lists in full but adds only to `docs`: cheaper than looking each up when they are many. */
function readForSome(postings: Postings, plan: WordPlan, tally: Tally, docs: Int32Array): void {
  docs.forEach((doc) => {
    tally.alive[doc] = 1;
  });
  readWord(postings, plan, tally, tally.alive);
  docs.forEach((doc) => {
    tally.alive[doc] = 0;
  });
}

/** Adds a word's best score to each of `docs` that holds it, looked up by binary search. */
function lookUpFor(postings: Postings, plan: WordPlan, tally: Tally, docs: Int32Array): void {
  docs.forEach((doc) => {
    if (!lookUp(postings, plan, doc)) return;
    tally.score[doc] = (tally.score[doc] as number) + match.score;
    tally.weight[doc] = (tally.weight[doc] as number) + match.weight;
    tally.matched[doc] = (tally.matched[doc] as number) + 1;
  });
}

/** What `lookUp` found, reused from call to call. */
const match = { score: 0, weight: 0, expansion: 0 };

/**
 * A word's best score for one record (the first expansion wins a tie), found by binary search,
 * and the first of its expansions the record holds (where a full scoring first meets it); left
 * in `match`. False when the record holds none of the word's terms.
 *
 * With `from` (a place in each expansion's list), records are looked up in ascending order:
 * each search gallops on from where the previous one stopped, which it then moves up to.
 */
function lookUp(postings: Postings, plan: WordPlan, doc: number, from?: Int32Array): boolean {
  const { docs, codes, weights } = postings;
  match.score = 0;
  let first = -1;
  for (let part = 0; part < plan.parts.length; part++) {
    const { expansion, start, end, quality, idf } = plan.parts[part] as WordPlan['parts'][number];
    let lo = from ? (from[part] as number) : start;
    let hi = end;
    if (from) {
      // Every entry before `lo` is below `doc`: probe 1, 2, 4… entries on for one that is not.
      let probe = lo;
      for (let step = 1; probe < end && (docs[probe] as number) < doc; step *= 2) {
        lo = probe + 1;
        probe = lo + step;
      }
      hi = Math.min(probe, end);
    }
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((docs[mid] as number) < doc) lo = mid + 1;
      else hi = mid;
    }
    if (from) from[part] = lo;
    if (lo === end || docs[lo] !== doc) continue;
    if (first === -1) first = expansion;
    const weight = weights[codes[lo] as number] as number;
    const score = weight * quality * idf;
    if (score > match.score) {
      match.score = score;
      match.weight = weight * quality;
    }
  }
  match.expansion = first;
  return first !== -1;
}

/**
 * A record's score as a full scoring sums it, word by word in query order, and where it was first
 * met; `from` holds each word's places for look-ups in ascending order (see `lookUp`).
 */
function exactly(postings: Postings, plans: WordPlan[], doc: number, words: number, from: Int32Array[]) {
  let score = 0;
  let weight = 0;
  let matched = 0;
  let first = Number.POSITIVE_INFINITY;
  let expansion = 0;
  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i] as WordPlan;
    if (!lookUp(postings, plan, doc, from[i])) continue;
    score += match.score;
    weight += match.weight;
    matched++;
    if (first === Number.POSITIVE_INFINITY) {
      first = plan.position;
      expansion = match.expansion;
    }
  }
  return { hit: { doc, score: score * (matched / words), weight, matched }, first, expansion };
}

/** Scores `kthBest` selects among, reused from call to call and grown as needed. */
let values = new Float64Array(1024);

/** The `k`-th best value of `score` among the `docs` that `counts` (all by default); 0 when fewer count. */
function kthBest(
  docs: Int32Array,
  score: (doc: number) => number,
  k: number,
  counts: (doc: number) => boolean = () => true,
): number {
  if (values.length < docs.length) values = new Float64Array(Math.max(docs.length, values.length * 2));
  let n = 0;
  docs.forEach((doc) => {
    if (counts(doc)) values[n++] = score(doc);
  });
  return n < k ? 0 : select(values, n, n - k);
}

/** The value that would stand at `k` if the first `n` of `a` were sorted ascending (Hoare's quickselect). */
function select(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i++] = a[j] as number;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}
