import { tokenize } from '../text/normalise.js';
import { STOPWORDS } from './stopwords.js';
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

export interface SearchOptions {
  limit?: number;
  /** Treat the last word as unfinished (autocomplete): it also matches terms it begins. */
  prefixLast?: boolean;
}

/** The words of a query worth searching for, in order. */
export function searchWords(query: string): string[] {
  return tokenize(query).filter((t) => !STOPWORDS.has(t));
}

/**
 * An inverted index over weighted fields. A query word matches a record through the terms it
 * expands to (itself, a prefix completion, a typo correction), weighted by the field it is found
 * in and by how rare the term is. Only records that share a term with the query are scored, so a
 * search costs what its matches cost, not what the whole fact base costs.
 */
export class TextIndex<T> {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly items: T[] = [];

  constructor(
    private readonly vocabulary: Vocabulary,
    docs: Iterable<{ item: T; fields: Field[] }>,
  ) {
    for (const { item, fields } of docs) {
      const doc = this.items.push(item) - 1;
      for (const field of fields) {
        for (const term of tokenize(field.text)) {
          const list = this.postings.get(term) ?? new Map<number, number>();
          this.postings.set(term, list);
          if ((list.get(doc) ?? 0) < field.weight) list.set(doc, field.weight);
        }
      }
    }
  }

  get size(): number {
    return this.items.length;
  }

  /** The terms this index holds, for building the shared vocabulary. */
  static termsOf(fields: Field[]): string[] {
    return fields.flatMap((f) => tokenize(f.text));
  }

  search(query: string | string[], { limit = 10, prefixLast = false }: SearchOptions = {}): SearchResult<T> {
    const words = typeof query === 'string' ? searchWords(query) : query;
    const scores = new Map<number, { score: number; weight: number; matched: number }>();
    const unknown: string[] = [];
    words.forEach((word, position) => {
      const prefix = prefixLast && position === words.length - 1;
      const expansions = this.vocabulary.expand(word, { prefix });
      if (expansions.length === 0) {
        unknown.push(word);
        return;
      }
      // A word counts once per record, through its best-scoring expansion.
      const best = new Map<number, { score: number; weight: number }>();
      for (const { term, quality } of expansions) {
        if (STOPWORDS.has(term)) continue;
        const list = this.postings.get(term);
        if (!list) continue;
        const idf = Math.log(1 + this.items.length / list.size);
        for (const [doc, weight] of list) {
          const score = weight * quality * idf;
          if (score > (best.get(doc)?.score ?? 0)) best.set(doc, { score, weight: weight * quality });
        }
      }
      for (const [doc, value] of best) {
        const entry = scores.get(doc) ?? { score: 0, weight: 0, matched: 0 };
        entry.score += value.score;
        entry.weight += value.weight;
        entry.matched += 1;
        scores.set(doc, entry);
      }
    });
    const hits = [...scores]
      .map(([doc, { score, weight, matched }]) => ({
        item: this.items[doc] as T,
        score: score * (matched / words.length),
        weight,
        matched,
      }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
    return { hits, words, unknown };
  }
}
