import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { cacheFolder } from '../build/cache-file.js';
import { builtPath } from '../build/paths.js';
import { codeFingerprint, writeWhole } from '../build/saved.js';
import shorthand from './data/english-chat.json' with { type: 'json' };
import {
  type English,
  english,
  functionWords,
  greetings,
  meanings,
  nameKinds,
  numberNouns,
  opposites,
  particles,
  phraseNames,
  stopWords,
} from './english.js';
import { foldQuestion } from './fold.js';
import { baseForm } from './morphy.js';
import { SortedTable } from './sorted-table.js';
import { oneEditAway } from './spelling.js';
import {
  type EnglishWord,
  isCommon,
  isNameOnly,
  NOUN_KINDS,
  type NounKind,
  PART_BITS,
  PART_LETTERS,
  partsOf,
} from './word-entry.js';

/**
 * What the words of a question can mean in one fact base: a table derived once from the
 * fact base's vocabulary (every word of its articles and records) and English (english.ts),
 * saved under a hash of that vocabulary beside the other data saved for the next start, and
 * derived again whenever the vocabulary changes (a reload that adds an article included).
 */

export interface Expansion {
  term: string;
  weight: number;
}

export type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv' | 'proper' | 'function';

/** Weights of what a word can mean, below the 1 of the word itself. */
export const EXPANSION_WEIGHTS = {
  /** Another form of the same lemma (allies → ally, met → meet). */
  sameLemma: 0.9,
  /** Chat shorthand spelled out (u → you, abt → about), or two words written as one. */
  shorthand: 0.8,
  /** The least a WordNet synonym or derived word weighs; more specific words weigh less. */
  synonym: 0.6,
  /** A likely typo's correction (whta → what), times what the correction itself means. */
  correction: 0.4,
  /** A number for its ordinal: "their 13 meetings" are the meetings up to "the 13th". */
  ordinal: 0.6,
} as const;

/** English's ordinal of a whole number written in digits: 1st, 2nd, 3rd, 11th, 13th, 21st. */
function ordinalOf(digits: string): string {
  const n = Number(digits);
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${digits}${suffix}`;
}

/**
 * A word that is English already is corrected only when it is rare (heard at most 2^8 times in
 * SUBTLEX's 51 million words) and its correction is 2^8 times more common (wen → when).
 */
const RARE = 8;
const MUCH_MORE_COMMON = 8;
/** log2 of SUBTLEX-US's count, plus one, of a word heard in everyday speech: 2^11, over 2,000 times. */
const EVERYDAY = 12;
/** A name only the corpus knows ranks with words heard about 2^8 times. */
const CORPUS_NAME = 8;
/** Typing in a hurry drops letters (wen, abt): a correction that puts one back ranks higher. */
const DROPPED_LETTER = 4;
/** The parts of a word written as two are words of this many letters or more. */
const SHORTEST_PART = 3;
/** A corpus word counts as a part like an English word heard about 2^20 times. */
const CORPUS_PART = 20;
/** Words of more letters than this are not spell-checked here (the search's typo index does it). */
const LONGEST_CHECKED = 14;
/** A Map, not the JSON object: a question may well say "constructor". */
const CHAT: ReadonlyMap<string, string> = new Map(Object.entries(shorthand.chat));
const FORMAT = 1;
const EXTENSION = '.lexicon';

export class Lexicon {
  /** Corpus term → its lemma ('' when it is one). */
  readonly #terms: SortedTable;
  /** Lemma → the corpus terms that have it, space-separated. */
  readonly #lemmas: SortedTable;
  /** Any word → corpus terms it can mean, as `term:weight` in hundredths, space-separated. */
  readonly #meanings: SortedTable;
  #englishWords?: English;
  readonly #expanded = new Map<string, readonly Expansion[]>();
  /** Corrections found, '' for none: a question asks for the same word's several times over. */
  readonly #corrected = new Map<string, string>();
  /** WordNet synset → the corpus terms that name one of its instances or kinds. */
  #namesOfKind?: Map<string, string[]>;

  constructor(tables: LexiconTables) {
    this.#terms = tables.terms;
    this.#lemmas = tables.lemmas;
    this.#meanings = tables.meanings;
  }

  /** Loaded at the first word the fact base does not use: a question in its words needs none. */
  get #english(): English {
    this.#englishWords ??= english();
    return this.#englishWords;
  }

  /**
   * Loads now what the first unusual question would otherwise load (the English words, the
   * contractions) and runs the spelling corrector once: for programs that answer until stopped,
   * whose every answer has a budget. A one-shot answer skips it.
   */
  prepare(): this {
    foldQuestion("didn't");
    this.correct('qzxv');
    this.#split('qzxvqzxv');
    return this;
  }

  /** Whether the fact base uses this (folded) word. */
  inCorpus(word: string): boolean {
    return this.#terms.has(word);
  }

  /** The word's lemma: flew, flown → fly; allies → ally; met → meet. */
  lemma(word: string): string {
    const term = this.#terms.get(word);
    if (term !== undefined) return term || word;
    const known = this.#english.get(word);
    if (known) return known.lemma;
    return baseForm(word, (base) => this.#terms.has(base) || this.#english.get(base) !== undefined) ?? word;
  }

  /**
   * The corpus terms that are names of the same kind as a name: Hannukah and Chanukah for
   * Passover (Jewish holy days), Paris for London (national capitals). What a question may have
   * meant by a name the articles never use.
   */
  sameKind(word: string): string[] {
    const kinds = nameKinds().get(this.lemma(word))?.split(' ');
    if (!kinds) return [];
    if (!this.#namesOfKind) {
      const named = new Map<string, string[]>();
      for (const [lemma, terms] of this.#lemmas.entries())
        for (const kind of nameKinds().get(lemma)?.split(' ') ?? [])
          named.set(kind, [...(named.get(kind) ?? []), ...terms.split(' ')]);
      this.#namesOfKind = named;
    }
    const names = this.#namesOfKind;
    // Only a name of the corpus: "let" is also a name to WordNet (an army), not to the articles.
    return [...new Set(kinds.flatMap((kind) => names.get(kind) ?? []))].filter(
      (t) => t !== word && this.partOfSpeech(t) === 'proper',
    );
  }

  /** Whether two or three words side by side are one name WordNet knows ("world cup", "white house"). */
  isPhraseName(words: readonly string[]): boolean {
    return phraseNames().get(words.join('_')) !== undefined;
  }

  /** How WordNet defines a noun by a number, if it does: "the 100th anniversary" for centennial. */
  numberDefinition(word: string): string | undefined {
    return numberNouns().get(this.lemma(word));
  }

  /** The corpus terms whose lemma is `lemma`, itself among them when it is one. */
  formsOf(lemma: string): string[] {
    return this.#lemmas.get(lemma)?.split(' ') ?? [];
  }

  /**
   * The corpus terms that say the opposite of a word, in any form, and whether they are opposed
   * as verbs: "allies" for "enemy", "left" (a verb) for "stayed". WordNet's antonyms only.
   */
  opposites(word: string): { term: string; verb: boolean }[] {
    const opposed = opposites().get(this.lemma(word))?.split(' ') ?? [];
    return opposed.flatMap((entry) => {
      const [lemma = '', part] = entry.split(':');
      // A stop word ("be" in "differ, be different") says nothing opposed.
      if (isStopWord(lemma)) return [];
      return this.formsOf(lemma).map((term) => ({ term, verb: part === PART_LETTERS.verb }));
    });
  }

  /** The words chat shorthand or two words written as one stand for, in order: "abt" → about, "idk" → i do not know. */
  spellOut(word: string): string[] | undefined {
    return this.shorthandFor(word) ?? this.#split(word);
  }

  /** The words chat shorthand stands for ("tho" → though), or undefined for a word that is none. */
  shorthandFor(word: string): string[] | undefined {
    return CHAT.get(word)?.split(' ').filter(Boolean);
  }

  /** What a verb and its particle mean as the phrasal verb WordNet lists ("set up": establish), in every form. */
  phrasal(verb: string, particle: string): readonly Expansion[] {
    return this.expand(`${this.lemma(verb)}_${particle}`);
  }

  /**
   * The corpus terms a folded word can mean, best first: itself (1), the corpus's other forms of
   * its lemma (0.9), WordNet synonyms, derived and more specific words (0.4–0.7); chat shorthand
   * and two words written as one (0.8) and typo corrections (0.4) spelled out, including to
   * English words the corpus lacks (u → you). Empty for a word neither the corpus nor English knows.
   */
  expand(word: string): readonly Expansion[] {
    const cached = this.#expanded.get(word);
    if (cached) return cached;
    const found = new Map<string, number>();
    const add = (term: string, weight: number) => {
      if (weight > (found.get(term) ?? 0)) found.set(term, weight);
    };
    this.#meaningsOf(word, add, 1);
    const spelled = this.spellOut(word);
    for (const part of spelled ?? []) {
      add(part, EXPANSION_WEIGHTS.shorthand);
      this.#meaningsOf(part, add, EXPANSION_WEIGHTS.shorthand);
    }
    const correction = spelled ? undefined : this.correct(word);
    if (correction) {
      add(correction, EXPANSION_WEIGHTS.correction);
      this.#meaningsOf(correction, add, EXPANSION_WEIGHTS.correction);
    }
    // "Their 13 meetings" counts up to "the 13th"; "the 2nd meeting" is no count of two.
    const ordinal = /^\d+$/.test(word) ? ordinalOf(word) : undefined;
    if (ordinal && this.#terms.has(ordinal)) add(ordinal, EXPANSION_WEIGHTS.ordinal);
    const expansions = [...found]
      .map(([term, weight]) => ({ term, weight: Math.round(weight * 100) / 100 }))
      .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
    if (this.#expanded.size > 5_000) this.#expanded.clear();
    this.#expanded.set(word, expansions);
    return expansions;
  }

  /**
   * Two words written as one (netanyahuputin from Netanyahu-Putin, climateconference): the split
   * into words of the corpus or common English, corpus words first, then the commonest.
   */
  #split(word: string): string[] | undefined {
    if (word.length < 2 * SHORTEST_PART || this.#terms.has(word) || this.#english.get(word)) return undefined;
    if (!/^[a-z]+$/.test(word)) return undefined;
    const worth = (part: string) => {
      if (this.#terms.has(part)) return CORPUS_PART;
      const known = this.#english.get(part);
      return known && isCommon(known) && known.frequency >= CORPUS_NAME ? known.frequency : 0;
    };
    let best: string[] | undefined;
    let bestScore = 0;
    for (let at = SHORTEST_PART; at <= word.length - SHORTEST_PART; at++) {
      const left = worth(word.slice(0, at));
      const right = left && worth(word.slice(at));
      if (right && left + right > bestScore) {
        best = [word.slice(0, at), word.slice(at)];
        bestScore = left + right;
      }
    }
    return best;
  }

  /** Corpus terms `word` means, at `scale` times their weight. */
  #meaningsOf(word: string, add: (term: string, weight: number) => void, scale: number): void {
    if (this.#terms.has(word)) add(word, scale);
    const lemma = this.lemma(word);
    for (const term of this.formsOf(lemma)) {
      add(term, (term === word ? 1 : EXPANSION_WEIGHTS.sameLemma) * scale);
    }
    for (const key of lemma === word ? [word] : [word, lemma]) {
      for (const pair of this.#meanings.get(key)?.split(' ') ?? []) {
        const colon = pair.lastIndexOf(':');
        add(pair.slice(0, colon), (Number(pair.slice(colon + 1)) / 100) * scale);
      }
    }
  }

  /**
   * The word a typo most likely stands for, one slip away (whta → what, wen → when): a corpus
   * term or a common English word, the most common first. Undefined for a word that needs none.
   */
  correct(word: string): string | undefined {
    if (this.#terms.has(word) || word.length > LONGEST_CHECKED || !/^[a-z]+$/.test(word)) return undefined;
    const known = this.#corrected.get(word);
    if (known !== undefined) return known || undefined;
    const found = this.#correct(word);
    if (this.#corrected.size > 5_000) this.#corrected.clear();
    this.#corrected.set(word, found ?? '');
    return found;
  }

  #correct(word: string): string | undefined {
    const itself = this.#english.get(word);
    if (itself && (!isCommon(itself) || itself.frequency > RARE)) return undefined;
    // An inflection of a known word (hosted → host) is no typo.
    if (!itself && this.lemma(word) !== word) return undefined;
    const floor = itself ? itself.frequency + MUCH_MORE_COMMON : 1;
    let best: string | undefined;
    let bestScore = 0;
    for (const candidate of oneEditAway(word)) {
      const known = this.#english.get(candidate);
      const inCorpus = this.#terms.has(candidate);
      if (!inCorpus && !isCommon(known)) continue;
      const frequency = known ? known.frequency : CORPUS_NAME;
      if (frequency < floor) continue;
      const score = frequency + (inCorpus ? 1 : 0) + (candidate.length > word.length ? DROPPED_LETTER : 0);
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }

  /** An ordinary English word, chat shorthand, or a typo of one: not a name or a thing only the corpus knows. */
  /** A word heard thousands of times in SUBTLEX-US (second, light, free): too everyday to name one thing alone. */
  isEveryday(word: string): boolean {
    return (this.#english.get(word)?.frequency ?? 0) >= EVERYDAY;
  }

  /** Whether the verb has a sense WordNet makes a kind of greeting: "wish" (you a nice evening), "bid" (farewell). */
  isGreeting(word: string): boolean {
    return greetings().get(this.lemma(word)) !== undefined;
  }

  isEnglish(word: string): boolean {
    if (isCommon(this.#english.get(word)) || CHAT.has(word)) return true;
    if (this.#english.get(word)) return false;
    const lemma = this.lemma(word);
    if (lemma !== word) return isCommon(this.#english.get(lemma));
    const correction = this.correct(word);
    return correction !== undefined && isCommon(this.#english.get(correction));
  }

  /**
   * The kind of thing a noun names in its commonest sense, by WordNet: a person (general,
   * winner), a time (week, evening), a quantity (dollar, percent) or a location (city, venue).
   */
  kind(word: string): NounKind | undefined {
    const entry = this.#lemmaEntry(word);
    if (!entry || !(entry.flags & PART_BITS.noun)) return undefined;
    return (Object.keys(NOUN_KINDS) as NounKind[]).find((kind) => entry.flags & PART_BITS[kind]);
  }

  /** Whether saying something is what the verb does, in its commonest senses (say, mention, discuss, thank). */
  isSaying(word: string): boolean {
    return ((this.#lemmaEntry(word)?.flags ?? 0) & PART_BITS.saying) !== 0;
  }

  /** A noun in its plural: another form than its lemma, ending as English plurals end (kinds, cities, meetings). */
  isPlural(word: string): boolean {
    return word.endsWith('s') && word !== this.lemma(word) && this.partOfSpeech(word) === 'noun';
  }

  /** Whether WordNet gives the word a verb's sense, whatever its commonest ("raise", "chat"). */
  isVerb(word: string): boolean {
    return ((this.#lemmaEntry(word)?.flags ?? 0) & PART_BITS.verb) !== 0;
  }

  /** Whether WordNet gives the word an adverb's sense: how or when something was done ("early", "abruptly"). */
  /** Whether WordNet gives the word an adjective's sense, whatever its commonest ("quick", "formal"). */
  isAdjective(word: string): boolean {
    return !isFunctionWord(word) && ((this.#english.get(word)?.flags ?? 0) & PART_BITS.adj) !== 0;
  }

  isAdverb(word: string): boolean {
    return !isFunctionWord(word) && ((this.#english.get(word)?.flags ?? 0) & PART_BITS.adv) !== 0;
  }

  /** What English says of the word's lemma: kinds and flags are filed there ("weeks" as "week"). */
  #lemmaEntry(word: string): EnglishWord | undefined {
    return this.#english.get(this.#english.get(word)?.lemma ?? this.lemma(word));
  }

  isStopWord(word: string): boolean {
    return isStopWord(word);
  }

  /**
   * A function word that WordNet also knows as an adverb (before, after, in, on, since): it says
   * how what follows it relates to the rest, where "of", "at" or "the" only join or point.
   */
  isRelationWord(word: string): boolean {
    return isFunctionWord(word) && ((this.#english.get(word)?.flags ?? 0) & PART_BITS.adv) !== 0;
  }

  isFunctionWord(word: string): boolean {
    return isFunctionWord(word);
  }

  /** The word's part of speech ('proper' for names, 'function' for function words), WordNet's noun first. */
  partOfSpeech(word: string): PartOfSpeech | undefined {
    if (isFunctionWord(word)) return 'function';
    // Shorthand is the words it stands for (n → and, u → you); a typo the word it stands for.
    const spelled = CHAT.get(word)?.split(' ').filter(Boolean);
    if (spelled) return spelled.every(isFunctionWord) ? 'function' : this.partOfSpeech(spelled[0] ?? '');
    const entry = this.#english.get(word) ?? this.#english.get(this.lemma(word));
    if (!entry) {
      if (this.#terms.has(word)) return 'proper';
      const correction = this.correct(word);
      return correction ? this.partOfSpeech(correction) : undefined;
    }
    if (isNameOnly(entry)) return 'proper';
    const parts = partsOf(entry.flags);
    return parts[0] ?? partsOf(this.#english.get(entry.lemma)?.flags ?? 0)[0];
  }
}

/** A stop word of English by wink-nlp (the, what, about, first, say…). */
export function isStopWord(word: string): boolean {
  return stopWords().has(word);
}

/**
 * A closed-class stop word (the, what, about, when, is), as wink-nlp tags it: never the subject
 * of a question, unlike stop words such as "first", "say" or "name".
 */
export function isFunctionWord(word: string): boolean {
  return functionWords().has(word);
}

/**
 * A function word that says nothing but how others relate ("between", "around", "with"): none
 * of WordNet's nouns, verbs or adjectives, unlike "down" in "shot down".
 */
export function isRelationOnly(word: string): boolean {
  return isFunctionWord(word) && !particles().has(word);
}

export interface LexiconTables {
  terms: SortedTable;
  lemmas: SortedTable;
  meanings: SortedTable;
}
const TABLES = ['terms', 'lemmas', 'meanings'] as const;

let last: { key: string; lexicon: Lexicon } | undefined;

/**
 * The lexicon of a fact base whose articles and records hold these words (any text: each is
 * folded and split). Read from where it was saved when the vocabulary is unchanged; derived
 * (some 100 ms) and saved otherwise.
 */
export function buildLexicon(vocabulary: Iterable<string>, env: NodeJS.ProcessEnv = process.env): Lexicon {
  // Filed under the vocabulary as given, so that reading it back folds nothing.
  const given = [...new Set(vocabulary)].sort();
  const key = createHash('sha256').update(fingerprint()).update(given.join('\n')).digest('hex').slice(0, 32);
  if (last?.key === key) return last.lexicon;
  const path = join(lexiconFolder(env), `${fingerprint()}-${key}${EXTENSION}`);
  const tables = readTables(path) ?? deriveAndSave(folded(given), path);
  const lexicon = new Lexicon(tables);
  last = { key, lexicon };
  return lexicon;
}

/** The distinct words of these texts, folded, in order. */
function folded(texts: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) for (const word of foldQuestion(text).split(' ')) if (word) terms.add(word);
  return [...terms].sort();
}

const fingerprint = () => codeFingerprint(FORMAT, ['src/language']);

/**
 * Beside the fact base's snapshot; when snapshots are off, beside the built code: a lexicon
 * depends only on the words it was derived from and this code, so it is never stale.
 */
function lexiconFolder(env: NodeJS.ProcessEnv): string {
  return cacheFolder(env) ?? builtPath(join('.cache', 'language'));
}

/** Removes the lexicons that other code derived. */
export function removeStaleLexicons(env: NodeJS.ProcessEnv = process.env): number {
  const folder = lexiconFolder(env);
  if (!existsSync(folder)) return 0;
  const stale = readdirSync(folder).filter(
    (n) => n.endsWith(EXTENSION) && !n.startsWith(`${fingerprint()}-`),
  );
  for (const name of stale) rmSync(join(folder, name), { force: true });
  return stale.length;
}

function readTables(path: string): LexiconTables | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const bytes = readFileSync(path);
    const tables: Partial<LexiconTables> = {};
    let at = 0;
    for (const table of TABLES) {
      const length = bytes.readInt32LE(at);
      tables[table] = SortedTable.fromBytes(bytes.subarray(at + 4, at + 4 + length));
      at += 4 + length;
    }
    return tables as LexiconTables;
  } catch {
    return undefined;
  }
}

function deriveAndSave(terms: readonly string[], path: string): LexiconTables {
  const tables = deriveTables(terms);
  try {
    writeWhole(path, (fd) => {
      for (const table of TABLES) {
        const bytes = tables[table].toBytes();
        const length = Buffer.alloc(4);
        length.writeInt32LE(bytes.length);
        writeSync(fd, length);
        writeSync(fd, bytes);
      }
    });
  } catch {
    // Unwritable (a read-only image): derived again at the next start.
  }
  return tables;
}

function deriveTables(terms: readonly string[]): LexiconTables {
  const words = english();
  const corpus = new Set(terms);
  const lemmaOf = (term: string) =>
    words.get(term)?.lemma ??
    baseForm(term, (base) => corpus.has(base) || words.get(base) !== undefined) ??
    term;
  const byLemma = new Map<string, string[]>();
  const termLemmas: [string, string][] = [];
  for (const term of terms) {
    const lemma = lemmaOf(term);
    termLemmas.push([term, lemma === term ? '' : lemma]);
    const members = byLemma.get(lemma);
    if (members) members.push(term);
    else byLemma.set(lemma, [term]);
  }
  // Words that can mean a corpus term: those WordNet relates to the term or to its lemma. Each
  // term has one lemma, so each word meets each term once, in its lemma's group.
  const related = meanings();
  const meaning = new Map<string, string>();
  const closed = functionWords();
  for (const [lemma, members] of byLemma) {
    // Function words (be, have, about) relate to hundreds of words, none of which a question means by them.
    if (closed.has(lemma)) continue;
    const weights = new Map<string, number>();
    for (const key of new Set([lemma, ...members])) {
      for (const pair of related.get(key)?.split(' ') ?? []) {
        const colon = pair.lastIndexOf(':');
        const word = pair.slice(0, colon);
        const weight = Number(pair.slice(colon + 1));
        if (weight > (weights.get(word) ?? 0)) weights.set(word, weight);
      }
    }
    for (const [word, weight] of weights) {
      const listed = members.map((term) => `${term}:${weight}`).join(' ');
      const before = meaning.get(word);
      meaning.set(word, before ? `${before} ${listed}` : listed);
    }
  }
  return {
    terms: SortedTable.of(termLemmas),
    lemmas: SortedTable.of([...byLemma].map(([lemma, members]) => [lemma, members.join(' ')])),
    meanings: SortedTable.of(meaning),
  };
}
