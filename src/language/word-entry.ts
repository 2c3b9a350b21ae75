import { PARTS, type Part } from './wordnet.js';

/** What the English words table says of a word, and how it is saved there. */

export const PART_BITS: Record<
  Part | 'proper' | 'stop' | 'function' | 'person' | 'time' | 'quantity' | 'location' | 'saying',
  number
> = {
  noun: 1,
  verb: 2,
  adj: 4,
  adv: 8,
  proper: 16,
  stop: 32,
  /** A closed-class word: pronoun, determiner, preposition, conjunction, auxiliary, particle, or adverb like when or how. */
  function: 64,
  /** A noun whose commonest sense WordNet files as a person (general, minister, winner). */
  person: 128,
  /** … as a time (week, year, hour, evening). */
  time: 256,
  /** … as a quantity, money's units among them (dollar, percent, ton). */
  quantity: 512,
  /** A verb one of whose two commonest senses WordNet files as communication (say, mention, discuss, thank). */
  saying: 1024,
  /** A noun whose commonest sense WordNet files as a location (city, place, town, venue). */
  location: 2048,
};

/** WordNet's lexicographer file of verbs of telling, asking, ordering and singing. */
export const VERB_COMMUNICATION = 32;

/** The kinds of thing a noun names, by WordNet's lexicographer files. */
export const NOUN_KINDS = { person: 18, time: 28, quantity: 23, location: 15 } as const;
export type NounKind = keyof typeof NOUN_KINDS;
/**
 * The frequency class is stored as one printable character, the flags as two: five bits and the rest,
 * from these codes on: every character stays below U+0100, so that V8 keeps the table (2.2
 * million characters) with one byte per character, not two.
 */
const FLAG_BASE = 48;
const FLAG_BITS = 5;
const CLASS_BASE = 97;

export interface EnglishWord {
  /** log2 of how often the word is heard in SUBTLEX-US, plus one; 0 for a word only WordNet knows. */
  frequency: number;
  /** PART_BITS of the word. */
  flags: number;
  /** Its lemma, the word itself when it is one. */
  lemma: string;
}

export function encodeWord({ frequency, flags, lemma }: EnglishWord, word: string): string {
  const low = flags & ((1 << FLAG_BITS) - 1);
  return (
    String.fromCharCode(CLASS_BASE + frequency, FLAG_BASE + low, FLAG_BASE + (flags >> FLAG_BITS)) +
    (lemma === word ? '' : lemma)
  );
}

export function decodeWord(value: string, word: string): EnglishWord {
  return {
    frequency: value.charCodeAt(0) - CLASS_BASE,
    flags: value.charCodeAt(1) - FLAG_BASE + ((value.charCodeAt(2) - FLAG_BASE) << FLAG_BITS),
    lemma: value.length > 3 ? value.slice(3) : word,
  };
}

/** An ordinary word: any but a name. */
export const isCommon = (entry: EnglishWord | undefined): boolean =>
  entry !== undefined && !isNameOnly(entry);

/** A word WordNet knows only as a name (London), or that people write capitalised nearly always. */
export const isNameOnly = (entry: EnglishWord): boolean =>
  (entry.flags & PART_BITS.proper) !== 0 && (entry.flags & PART_BITS.stop) === 0;

/** WordNet's own letters for the parts of speech. */
export const PART_LETTERS: Record<Part, string> = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' };

/** The parts of speech in a word's flags. */
export const partsOf = (flags: number): Part[] => PARTS.filter((part) => (flags & PART_BITS[part]) !== 0);
