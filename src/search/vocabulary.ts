import Fuse from 'fuse.js';
import { distanceFrom, MAX_BIT_WORD } from './bit-distance.js';

export interface Expansion {
  term: string;
  /** 1 for the term itself, less for a prefix completion or a typo correction. */
  quality: number;
}

const PREFIX_QUALITY = 0.8;
const MIN_FUZZY_LENGTH = 4;
const MIN_PREFIX_LENGTH = 3;

/** Edit distance with transpositions (optimal string alignment), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      }
      row.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] as number;
}

/**
 * Whether `term` is a believable correction of `typed`. Four-letter words sit one edit away from
 * too many others ("wear" from "war", "year", "near"), so for them only a dropped letter ("Putn"
 * for "Putin") or two letters swapped ("trpi" for "trip") count: both keep every letter typed.
 */
export function plausibleTypo(typed: string, term: string): boolean {
  if (typed.length >= 5) return true;
  if (term.length === typed.length) return isSwap(typed, term);
  if (term.length !== typed.length + 1) return false;
  let i = 0;
  for (const ch of term) if (ch === typed[i]) i++;
  return i === typed.length;
}

/** Whether two words differ only by two neighbouring letters swapped. */
function isSwap(a: string, b: string): boolean {
  const differ: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differ.push(i);
  const [first, second] = differ;
  return (
    differ.length === 2 &&
    first !== undefined &&
    second === first + 1 &&
    a[first] === b[second] &&
    a[second] === b[first]
  );
}

/** How many edits a word of this length may have and still be the same word misspelt. */
export function allowedEdits(length: number): number {
  if (length < MIN_FUZZY_LENGTH) return 0;
  return length < 8 ? 1 : 2;
}

/** How fuse.js ranks the near spellings of a word. */
const FUSE_OPTIONS = { includeScore: true, threshold: 0.4, ignoreLocation: true };

/**
 * The set of terms a fact base knows. Maps a query word to the known terms it may stand for:
 * itself, completions of a prefix, and corrections of a typo. A trigram index finds every known
 * term within the allowed edit distance of a word; fuse.js ranks those few (as it would rank them
 * among all the terms, without scanning the thousands that cannot match), so that "meet" does not
 * become "meeting" and "Iran" does not become "Ukraine".
 */
export class Vocabulary {
  private readonly terms: string[];
  private readonly known: Set<string>;
  private readonly cache = new Map<string, Expansion[]>();
  private readonly longest: number;
  /** Trigram indexes over every term, and over the terms some record holds; built on first use. */
  private trigrams?: TrigramIndex;
  private recordTrigrams?: TrigramIndex;

  /**
   * How many records hold each term (in the order of `terms`): common completions come first,
   * and a term no record holds (a word of an article only) is no correction for a search.
   */
  private readonly frequency: Int32Array;

  constructor(terms: Iterable<string>, frequencyOf: (term: string) => number = () => 1) {
    this.known = new Set(terms);
    this.terms = [...this.known].sort();
    this.longest = this.terms.reduce((n, t) => Math.max(n, t.length), 0);
    this.frequency = Int32Array.from(this.terms, frequencyOf);
  }

  /** How many records hold a term (0 when unknown or not counted). */
  frequencyOf(term: string): number {
    const i = this.indexOf(term);
    return i < this.terms.length && this.terms[i] === term ? (this.frequency[i] as number) : 0;
  }

  /** The position of the first term not before `prefix` (binary search over the sorted terms). */
  private indexOf(prefix: string): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.terms[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  has(term: string): boolean {
    return this.known.has(term);
  }

  get size(): number {
    return this.terms.length;
  }

  /** Every known term, sorted. */
  list(): readonly string[] {
    return this.terms;
  }

  /** How many records hold each term, in the order of `list()`. */
  frequencies(): Int32Array {
    return this.frequency;
  }

  /**
   * Terms starting with `prefix`, shortest first: all of them, or when there are more than
   * `limit`, the ones most records hold (a large fact base knows hundreds of rare names that
   * begin like a common word).
   */
  completions(prefix: string, limit = 50): string[] {
    const start = this.indexOf(prefix);
    let end = start;
    while (end < this.terms.length && (this.terms[end] as string).startsWith(prefix)) end++;
    const range = Array.from({ length: end - start }, (_, i) => start + i);
    const chosen =
      range.length <= limit
        ? range
        : range
            .sort((a, b) => (this.frequency[b] as number) - (this.frequency[a] as number) || a - b)
            .slice(0, limit);
    return chosen
      .sort((a, b) => a - b)
      .map((i) => this.terms[i] as string)
      .sort((a, b) => a.length - b.length);
  }

  /** Known terms within `edits` of `token` (with `inRecords`, only terms some record holds), sorted. */
  near(token: string, edits: number, { inRecords = false } = {}): string[] {
    // Built on the first misspelt word: a one-shot answer with none never pays for it.
    const index = inRecords ? this.recordTrigramIndex() : this.allTrigramIndex();
    return index.near(token, edits).map((i) => this.terms[i] as string);
  }

  private allTrigramIndex(): TrigramIndex {
    this.trigrams ??= new TrigramIndex(this.terms, () => true);
    return this.trigrams;
  }

  /** Builds now what the first misspelt word would otherwise wait for. */
  prepare(): void {
    this.allTrigramIndex();
    this.recordTrigramIndex();
  }

  private recordTrigramIndex(): TrigramIndex {
    if (!this.recordTrigrams) {
      const all = this.frequency.every((n) => n > 0);
      this.recordTrigrams = all
        ? this.allTrigramIndex()
        : new TrigramIndex(this.terms, (i) => (this.frequency[i] as number) > 0);
    }
    return this.recordTrigrams;
  }

  /**
   * The terms a typed word may stand for. With `inRecords`, corrections are only sought among the
   * terms some record holds: a search can match nothing through a word of an article alone, and
   * in a large fact base most words are such names.
   */
  expand(token: string, { prefix = false, inRecords = false } = {}): Expansion[] {
    const key = `${prefix ? 'p' : 'w'}${inRecords ? 'r' : 'a'}:${token}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const found = new Map<string, number>();
    if (this.known.has(token)) found.set(token, 1);
    if (prefix && token.length >= MIN_PREFIX_LENGTH) {
      for (const term of this.completions(token, 20)) {
        if (!found.has(term)) found.set(term, PREFIX_QUALITY * (0.5 + (0.5 * token.length) / term.length));
      }
    }
    const edits = allowedEdits(token.length);
    // A word much longer than every known term cannot be a typo of one; skip the fuzzy search.
    if (edits > 0 && !this.known.has(token) && token.length <= this.longest + edits) {
      // A slip of one letter is far likelier than two: two edits are tried only when no known
      // term is one away, which also spares the costliest search where a term is that near.
      let candidates = this.near(token, 1, { inRecords });
      if (candidates.length === 0 && edits > 1) candidates = this.near(token, edits, { inRecords });
      if (candidates.length > 0) {
        for (const { item } of new Fuse(candidates, FUSE_OPTIONS).search(token, { limit: 12 })) {
          const distance = editDistance(token, item, edits);
          if (distance <= edits && !found.has(item)) found.set(item, 0.9 - 0.15 * distance);
        }
      }
    }
    const result = [...found]
      .map(([term, quality]) => ({ term, quality }))
      .sort((a, b) => b.quality - a.quality);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, result);
    return result;
  }
}

/**
 * For each term length and trigram, the terms of that length that hold it, and where. A word of n
 * letters has n + 2 trigrams (padded at both ends) and one edit touches at most four of them
 * (three, or four for two swapped letters); a trigram no edit touched is still there, moved by at
 * most one place per edit. So a term within k edits keeps all but 4k of the word's trigram
 * occurrences, each within k places of where the word has it: reading the lists of the word's
 * rarest trigrams (until they hold a few more than 4k occurrences) and counting the occurrences
 * found near their place finds every candidate, while skipping the long lists of common trigrams
 * and most of the terms in the others. An exact edit distance then keeps only the true ones.
 */
class TrigramIndex {
  /**
   * Term length → the entries (`term index × 64 + place`) of each trigram, one trigram's after
   * another in one array, and where each trigram's start: a small array of its own for each of
   * hundreds of thousands of trigrams would cost more than the entries.
   */
  private readonly byLength: { slots: Map<number, number>; starts: Int32Array; entries: Int32Array }[] = [];
  /** A small number for each character, so that a trigram is a number and not a string to build. */
  private readonly alphabet = new Map<number, number>();
  private readonly shared: Uint8Array;

  /** Indexes the terms `include` accepts (by position); results are positions among all `terms`. */
  constructor(
    private readonly terms: string[],
    include: (i: number) => boolean,
  ) {
    const lists: Map<number, number[]>[] = [];
    terms.forEach((term, i) => {
      if (!include(i)) return;
      lists[term.length] ??= new Map();
      const byGram = lists[term.length] as Map<number, number[]>;
      for (const { gram, places } of this.trigramsOf(term)) {
        const entries = places.map((place) => i * PLACES + Math.min(place, ANY_PLACE));
        const list = byGram.get(gram);
        if (list) list.push(...entries);
        else byGram.set(gram, entries);
      }
    });
    lists.forEach((byGram, length) => {
      const slots = new Map<number, number>();
      const starts = new Int32Array(byGram.size + 1);
      const entries = new Int32Array([...byGram.values()].reduce((n, list) => n + list.length, 0));
      let at = 0;
      for (const [gram, list] of byGram) {
        starts[slots.size] = at;
        slots.set(gram, slots.size);
        entries.set(list, at);
        at += list.length;
      }
      starts[slots.size] = at;
      this.byLength[length] = { slots, starts, entries };
    });
    this.shared = new Uint8Array(terms.length);
  }

  /**
   * A word's distinct trigrams and where each is, the word padded so that its first and last
   * letters count too. Past 998 distinct characters, the rarer ones share a number: lists then
   * hold a few terms more, never fewer.
   */
  private trigramsOf(word: string): { gram: number; places: number[] }[] {
    const codes = [0, 0];
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      let code = this.alphabet.get(c);
      if (code === undefined) {
        code = Math.min(this.alphabet.size + 1, 999);
        this.alphabet.set(c, code);
      }
      codes.push(code);
    }
    codes.push(0, 0);
    const grams: { gram: number; places: number[] }[] = [];
    for (let i = 0; i + 3 <= codes.length; i++) {
      const gram = ((codes[i] as number) * 1000 + (codes[i + 1] as number)) * 1000 + (codes[i + 2] as number);
      const known = grams.find((g) => g.gram === gram);
      if (known) known.places.push(i);
      else grams.push({ gram, places: [i] });
    }
    return grams;
  }

  /** Indexes of the terms within `edits` of `token`, ascending. */
  near(token: string, edits: number): number[] {
    const lengths: number[] = [];
    for (let n = Math.max(1, token.length - edits); n <= token.length + edits; n++) lengths.push(n);
    // The word's trigrams, rarest first, each with where its lists lie for the lengths a
    // correction can have (as offsets: most lists are only measured, never read).
    const grams = this.trigramsOf(token)
      .map(({ gram, places }) => {
        const lists: { entries: Int32Array; start: number; end: number }[] = [];
        let size = 0;
        for (const n of lengths) {
          const packed = this.byLength[n];
          const slot = packed?.slots.get(gram);
          if (!packed || slot === undefined) continue;
          const start = packed.starts[slot] as number;
          const end = packed.starts[slot + 1] as number;
          lists.push({ entries: packed.entries, start, end });
          size += end - start;
        }
        return { places, lists, size };
      })
      .sort((a, b) => a.size - b.size);
    // k edits touch at most 4k of the word's trigram occurrences: read the rarest trigrams until
    // they hold a few more than that, and a correction keeps all but 4k of those occurrences.
    const read: typeof grams = [];
    let occurrences = 0;
    for (const gram of grams) {
      if (occurrences >= 4 * edits + EXTRA_TRIGRAMS) break;
      read.push(gram);
      occurrences += gram.places.length;
    }
    const needed = occurrences - 4 * edits;
    const { shared, terms } = this;
    if (needed < 1) return terms.flatMap((term, i) => (editDistance(token, term, edits) <= edits ? [i] : []));
    const touched: number[] = [];
    for (const { places, lists } of read) {
      // Of this trigram's occurrences in the word, how many a term has within k places.
      const kept = (entries: Int32Array, from: number, to: number) => {
        let count = 0;
        for (const p of places) {
          for (let j = from; j < to; j++) {
            const place = (entries[j] as number) % PLACES;
            if (place === ANY_PLACE || Math.abs(place - p) <= edits) {
              count++;
              break;
            }
          }
        }
        return count;
      };
      for (const { entries, start, end: last } of lists) {
        // A term's entries lie together in the list.
        for (let j = start; j < last; ) {
          const i = Math.floor((entries[j] as number) / PLACES);
          let end = j + 1;
          while (end < last && Math.floor((entries[end] as number) / PLACES) === i) end++;
          const count = kept(entries, j, end);
          if (count > 0) {
            if (shared[i] === 0) touched.push(i);
            shared[i] = Math.min(255, (shared[i] as number) + count);
          }
          j = end;
        }
      }
    }
    const distanceTo =
      token.length <= MAX_BIT_WORD ? distanceFrom(token) : (term: string) => editDistance(token, term, edits);
    const out: number[] = [];
    for (const i of touched) {
      if ((shared[i] as number) >= needed && distanceTo(terms[i] as string) <= edits) out.push(i);
      shared[i] = 0;
    }
    return out.sort((a, b) => a - b);
  }
}

/** Places a trigram entry can record; a later place is recorded as the last, and matches any. */
const PLACES = 64;
const ANY_PLACE = PLACES - 1;

/** Trigram occurrences read beyond the 4k that k edits may touch: each makes a candidate keep one more. */
const EXTRA_TRIGRAMS = 3;
