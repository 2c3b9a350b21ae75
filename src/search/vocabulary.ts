import Fuse from 'fuse.js';

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
 * too many others ("wear" from "war", "year", "near"), so for them only a dropped letter counts
 * ("Putn" for "Putin").
 */
export function plausibleTypo(typed: string, term: string): boolean {
  if (typed.length >= 5) return true;
  if (term.length !== typed.length + 1) return false;
  let i = 0;
  for (const ch of term) if (ch === typed[i]) i++;
  return i === typed.length;
}

/** How many edits a word of this length may have and still be the same word misspelt. */
export function allowedEdits(length: number): number {
  if (length < MIN_FUZZY_LENGTH) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * The set of terms a fact base knows. Maps a query word to the known terms it may stand for:
 * itself, completions of a prefix, and corrections of a typo. fuse.js finds the typo
 * candidates; an edit-distance bound then keeps only true misspellings, so that "meet"
 * does not become "meeting" and "Iran" does not become "Ukraine".
 */
export class Vocabulary {
  private readonly terms: string[];
  private readonly known: Set<string>;
  private readonly fuse: Fuse<string>;
  private readonly cache = new Map<string, Expansion[]>();
  private readonly longest: number;

  constructor(terms: Iterable<string>) {
    this.known = new Set(terms);
    this.terms = [...this.known].sort();
    this.fuse = new Fuse(this.terms, { includeScore: true, threshold: 0.4, ignoreLocation: true });
    this.longest = this.terms.reduce((n, t) => Math.max(n, t.length), 0);
  }

  has(term: string): boolean {
    return this.known.has(term);
  }

  get size(): number {
    return this.terms.length;
  }

  /** Terms starting with `prefix`, shortest first (binary search over the sorted terms). */
  completions(prefix: string, limit = 50): string[] {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.terms[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.terms.length && out.length < limit; i++) {
      const term = this.terms[i] as string;
      if (!term.startsWith(prefix)) break;
      out.push(term);
    }
    return out.sort((a, b) => a.length - b.length);
  }

  expand(token: string, { prefix = false } = {}): Expansion[] {
    const key = `${prefix ? 'p' : 'w'}:${token}`;
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
    // A word much longer than every known term cannot be a typo of one; skip the fuzzy scan.
    if (edits > 0 && !this.known.has(token) && token.length <= this.longest + edits) {
      for (const { item } of this.fuse.search(token, { limit: 12 })) {
        const distance = editDistance(token, item, edits);
        if (distance <= edits && !found.has(item)) found.set(item, 0.9 - 0.15 * distance);
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
