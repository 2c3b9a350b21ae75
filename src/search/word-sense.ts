import { plausibleTypo, type Vocabulary } from './vocabulary.js';

/** What the answer layer needs to know about English words (see src/language when it lands). */
export interface WordSense {
  lemma(word: string): string;
  /** Corpus terms the word can mean: itself at weight 1, its other forms and corrections below. */
  expand(word: string): ReadonlyArray<{ term: string; weight: number }>;
  /** An ordinary English word rather than a name. */
  isEnglish(word: string): boolean;
}

/** A typo's correction stands for the word, but well below the word itself. */
const TYPO_WEIGHT = 0.4;
const FORM_WEIGHT = 0.9;

/**
 * Inflection endings of English nouns and verbs (allies → ally, wants → want, talked → talk):
 * a description of English morphology, not of these articles.
 */
const ENDINGS: readonly [string, string][] = [
  ['ies', 'y'],
  ['ied', 'y'],
  ['es', ''],
  ['s', ''],
  ['ed', ''],
  ['ed', 'e'],
  ['ing', ''],
  ['ing', 'e'],
];

/** The word's stem: the shortest form an English ending leaves that the corpus holds. */
function stem(word: string, known: (w: string) => boolean): string {
  for (const [end, add] of ENDINGS) {
    if (word.length > end.length + 2 && word.endsWith(end)) {
      const base = word.slice(0, -end.length) + add;
      if (known(base)) return base;
    }
  }
  return word;
}

/** Word senses from the corpus vocabulary alone: its forms and its typo corrections. */
export function corpusSense(vocabulary: Vocabulary): WordSense {
  const known = (w: string) => vocabulary.has(w);
  const forms = new Map<string, string[]>();
  for (const term of vocabulary.list()) {
    const base = stem(term, known);
    const list = forms.get(base) ?? [];
    list.push(term);
    forms.set(base, list);
  }
  const cache = new Map<string, { term: string; weight: number }[]>();
  return {
    lemma: (word) => stem(word, known),
    isEnglish: () => true,
    expand(word) {
      const cached = cache.get(word);
      if (cached) return cached;
      const out = new Map<string, number>();
      if (known(word)) out.set(word, 1);
      const base = stem(word, (w) => forms.has(w) || known(w));
      for (const form of forms.get(base) ?? []) if (!out.has(form)) out.set(form, FORM_WEIGHT);
      // A word the corpus lacks may be a typo or the start of a longer word ("vlad", "netanjahu").
      if (!out.size && word.length >= 4) {
        for (const e of vocabulary.expand(word, { prefix: true })) {
          const typo = plausibleTypo(word, e.term) || e.term.startsWith(word);
          if (e.quality < 1 && typo && !out.has(e.term)) out.set(e.term, TYPO_WEIGHT * e.quality);
        }
      }
      const list = [...out].map(([term, weight]) => ({ term, weight }));
      if (cache.size > 10_000) cache.clear();
      cache.set(word, list);
      return list;
    },
  };
}
