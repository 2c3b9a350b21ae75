import { foldForSearch } from '../text/normalise.js';

/** Words too common to name anything on their own, even inside a longer name. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `a an the and or of in on at to for from by with about as is was were be his her their its our
  s st de la le el al mr mrs ms dr pm`.split(/\s+/),
);

export interface PhraseMatch<T> {
  value: T;
  /** Token positions [start, end) in the searched token list. */
  start: number;
  end: number;
  /** 1 for a whole name or alias; less for a single distinctive word of a longer name. */
  quality: number;
}

/**
 * Finds known names inside a question: the longest name or alias wins, and a word that belongs
 * to only one longer name of its kind ("Bocharov", "Shoigu") also finds that name on its own.
 */
export class PhraseMatcher<T> {
  private readonly phrases = new Map<string, { values: Set<T>; quality: number }>();
  /** The first word of every phrase: a window of a question that starts otherwise is no name. */
  private readonly firstWords = new Set<string>();
  private longest = 1;

  /** Adds a name or alias of `value`. */
  add(phrase: string, value: T): void {
    const folded = foldForSearch(phrase);
    const tokens = folded.split(' ').filter(Boolean);
    if (tokens.length === 0 || tokens.every((t) => FUNCTION_WORDS.has(t))) return;
    this.put(folded, value, 1);
    this.longest = Math.max(this.longest, tokens.length);
  }

  /** Call once all phrases of one kind are in: adds each word that names a single value of that kind. */
  addDistinctiveWords(values: Iterable<{ value: T; phrases: string[] }>, exclude: ReadonlySet<string>): void {
    const owners = new Map<string, Set<T>>();
    for (const { value, phrases } of values) {
      for (const phrase of phrases) {
        for (const token of foldForSearch(phrase).split(' ')) {
          if (token.length < 3 || FUNCTION_WORDS.has(token) || exclude.has(token) || /^\d+$/.test(token))
            continue;
          const set = owners.get(token) ?? new Set<T>();
          owners.set(token, set.add(value));
        }
      }
    }
    for (const [token, set] of owners) {
      if (set.size === 1 && !this.phrases.has(token)) this.put(token, [...set][0] as T, 0.7);
    }
  }

  private put(phrase: string, value: T, quality: number): void {
    const entry = this.phrases.get(phrase);
    if (entry && entry.quality > quality) return;
    if (entry && entry.quality === quality) entry.values.add(value);
    else this.phrases.set(phrase, { values: new Set([value]), quality });
    this.firstWords.add(phrase.split(' ', 1)[0] as string);
  }

  /** Every word of the phrases, for typo correction. */
  words(): Set<string> {
    return new Set([...this.phrases.keys()].flatMap((p) => p.split(' ')));
  }

  /** Greedy longest-first matches over the tokens; each token is used by one match at most. */
  match(tokens: string[]): PhraseMatch<T>[] {
    const used = new Array<boolean>(tokens.length).fill(false);
    const found: PhraseMatch<T>[] = [];
    for (let length = Math.min(this.longest, tokens.length); length >= 1; length--) {
      for (let start = 0; start + length <= tokens.length; start++) {
        if (!this.firstWords.has(tokens[start] as string)) continue;
        const taken = used.indexOf(true, start);
        if (taken !== -1 && taken < start + length) continue;
        const entry = this.phrases.get(tokens.slice(start, start + length).join(' '));
        if (!entry) continue;
        for (let i = start; i < start + length; i++) used[i] = true;
        for (const value of entry.values)
          found.push({ value, start, end: start + length, quality: entry.quality });
      }
    }
    return found.sort((a, b) => a.start - b.start);
  }
}
