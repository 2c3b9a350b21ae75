import type { Engine, Understanding } from '../engine/engine.js';
import { type Passage, passageTerms } from '../engine/passages.js';
import { findTargets } from '../engine/targets.js';
import type { Meeting, Quote } from '../knowledge/model.js';
import type { Person, Place } from '../knowledge/schema.js';
import { EXPANSION_WEIGHTS, type Expansion, isFunctionWord, timesOfDay } from '../language/index.js';
import { oneLine } from '../limits.js';
import { distanceFrom } from '../search/bit-distance.js';
import type { QueryGroup } from '../search/bm25.js';
import { hasDateFilter } from '../search/dates.js';
import { STOPWORDS } from '../search/stopwords.js';
import { searchTokens } from '../search/tokens.js';
import { isModelCode } from '../text/normalise.js';
import { parties } from './actors.js';
import { citeSources, echo, listWords, meetingTitle } from './format.js';
import { type Citation, type Reply, reply } from './reply.js';
import { closestMeetings, meetingSuggestions, notFound } from './views.js';

/** A sentence longer than this is cut, so that three fit any reply. */
const SENTENCE_CHARACTERS = 600;
/** The sentences a sentence goes on from are shown before it, cut shorter. */
const LEAD_CHARACTERS = 300;
/** A clipped word's completions ("conf" → conference) stand for it at half weight. */
const PREFIX_WEIGHT = 0.5;
const MAX_COMPLETIONS = 8;
/** Sentences scoring below this share of the best one answer something else. */
const CLOSE_TO_BEST = 0.6;

/**
 * What a group of query terms stands for: an ordinary word, the name of a place or topic, of a
 * person, of one of the two leaders (whom every article is about), or a word of a date.
 */
export type GroupKind = 'word' | 'name' | 'person' | 'leader' | 'date';

/** The words of a question that carry its content, and the corpus terms each can mean. */
export interface QuestionTerms {
  words: string[];
  groups: QueryGroup[];
  kinds: GroupKind[];
  /** The question's word each group stands for ("march", even where the articles never say it). */
  heads: string[];
  /** Content words with no term in the articles or records, in any form or spelling. */
  unknown: string[];
  /** The first `spoken` groups stand for the question's words in their order ("defense minister"). */
  spoken: number;
  /** What kind of thing the question asks for, by its question word. */
  asks?: AnswerType;
  /**
   * The words every question of this kind says ("discuss", "meetings", "topics"), in the forms
   * the articles use: they never decide what a sentence must say, but of sentences found
   * otherwise alike, one that says them answers the question in its own words.
   */
  hints?: QueryGroup[];
  /** Terms of what the question sets aside ("besides Putin, who else …"): a sentence saying one answers less. */
  excluded?: ReadonlySet<string>;
}

/** Who asks for a person, where for a place, when (or what day, what time) for a time. */
export type AnswerType = 'person' | 'place' | 'time';

function answerType(folded: string): AnswerType | undefined {
  if (/^(?:\S+ ){0,3}(?:who|whom|whose)\b/.test(folded)) return 'person';
  if (/^(?:\S+ ){0,3}where\b/.test(folded)) return 'place';
  if (/^(?:\S+ ){0,3}(?:when\b|(?:what|which) (?:day|weekday|time|date|month)\b)/.test(folded)) return 'time';
  return undefined;
}

const typeWords = new WeakMap<Engine, Record<'person' | 'place', Set<string>>>();

/** The words that name a person or a place the records know, but for the two leaders. */
function namesOfType(engine: Engine): Record<'person' | 'place', Set<string>> {
  let known = typeWords.get(engine);
  if (!known) {
    const words = (items: readonly Named[]) =>
      new Set(items.flatMap(nameWords).filter((w) => !STOPWORDS.has(w) && !engine.principalWords.has(w)));
    // Who may be a group as well as a person: a topic named by a proper name (Hezbollah, Assad).
    const groups = [...words(engine.kb.topics)].filter((w) => engine.sense.partOfSpeech(w) === 'proper');
    known = {
      person: new Set([...words(engine.kb.people.filter((p) => !engine.principals.has(p.id))), ...groups]),
      place: words(engine.kb.places),
    };
    typeWords.set(engine, known);
  }
  return known;
}

/** Whether a sentence says a thing of the kind asked for that the question does not ("Shoigu" to "who else"). */
function givesAnswerType(
  engine: Engine,
  terms: QuestionTerms,
  passage: Passage,
  asked: Set<string>,
): boolean {
  if (!terms.asks) return false;
  const tokens = sentenceTerms(passage).filter((t) => !asked.has(t));
  if (terms.asks === 'time') return tokens.some((t) => timesOfDay().has(t));
  // A credit names who took the picture, whoever the records know.
  if (terms.asks === 'person' && passage.role === 'credit') return true;
  const known = namesOfType(engine)[terms.asks];
  return tokens.some((t) => known.has(t));
}

/** A sentence found for a question, with what it matched. */
export interface Found {
  passage: Passage;
  score: number;
  /** How many of the question's content words it matched. */
  matched: number;
  /** Which content words (as a bit set over `QuestionTerms.groups`). */
  groups: number;
}

type Named = { name: string; aliases: string[] } | { label: string; aliases: string[] };

/**
 * The words a record is named by: its name, and its one-word aliases ("Bibi", "Chanukah"). A longer
 * alias ("Iranian-backed forces") is a description whose words name other things too.
 */
const nameWords = (e: Named) => [
  ...new Set([
    ...searchTokens('name' in e ? e.name : e.label),
    ...e.aliases.map((a) => searchTokens(a)).flatMap((t) => (t.length === 1 ? t : [])),
  ]),
];

/** Whether the articles' sentences or the records use a term. */
export function inCorpus(engine: Engine, term: string): boolean {
  return engine.passages.index.has(term) || engine.vocabulary.has(term);
}

/** The least a word of the claim may weigh in the sentence to be stated by it: a synonym or a derived form. */
export const STATED = 0.6;
/** A topic's other name found through one of its aliases: it finds the topic, but states nothing. */
const NEIGHBOUR_NAME_WEIGHT = 0.5;
/** Edits that make one spelling of a word another ("Hanukkah", "Chanukah"). */
const SPELLING_EDITS = 2;

/**
 * What another word of a record's names weighs for the word typed. A person's or a place's names
 * all name it. A topic's aliases are things of that topic ("Quartet" and "Palestinians" of the
 * Israeli–Palestinian peace): typed as one of them, the others find the topic without stating the
 * one asked of, unless they are its other spellings.
 */
function nameWeight(entity: Named | undefined, typed: string, term: string): number {
  if (!entity || !('label' in entity) || searchTokens(entity.label).includes(typed)) return 0.9;
  return distanceFrom(typed)(term) <= SPELLING_EDITS ? 0.9 : NEIGHBOUR_NAME_WEIGHT;
}

const sharedWords = new WeakMap<Engine, Set<string>>();

/** Words in the names of more than one person, place or topic ("president", "minister"): they name no one. */
function sharedNameWords(engine: Engine): Set<string> {
  let shared = sharedWords.get(engine);
  if (!shared) {
    const seen = new Set<string>();
    shared = new Set();
    for (const e of [...engine.kb.people, ...engine.kb.places, ...engine.kb.topics])
      for (const w of nameWords(e)) (seen.has(w) ? shared : seen).add(w);
    sharedWords.set(engine, shared);
  }
  return shared;
}

/** The corpus words that start with a clipped word, a few at most. */
function completions(engine: Engine, start: string): string[] {
  const terms = engine.vocabulary.list();
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((terms[mid] as string) < start) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < terms.length && out.length < MAX_COMPLETIONS; i++) {
    const term = terms[i] as string;
    if (!term.startsWith(start)) break;
    if (term !== start) out.push(term);
  }
  return out;
}

/**
 * How a question's names are read. `described`: for finding the sentences that answer it, the
 * question's own words that named a record are names too ("in light of" names Hanukkah's
 * "light"), and a meeting or an article named by a description ("the climate conference
 * story") is said around its sentences, not in each of them. A claim is checked word by word,
 * without this.
 */
export interface TermOptions {
  described?: boolean;
  /**
   * Names the answer may give that the question's words do not ask for: a sentence naming one
   * is a candidate ("did Bibi meet Lavrov in Sochi" may be answered by one naming Shoigu there).
   */
  candidates?: readonly string[];
  /** Names of the kind of one the articles never use ("Hanukkah" for "Passover"): what the question may have meant, weighed below its own words. */
  meant?: readonly string[];
  /** For the sentences shown as the answer: the question's domain words rank them (`QuestionTerms.hints`). */
  hinted?: boolean;
}

/**
 * Whether the token is the two before it joined, as folding gives a hyphenated pair both ways
 * ("israel-russia" → israel russia israelrussia): its words are asked already, each on its own.
 */
const joinsTheTwoBefore = (tokens: readonly string[], i: number) =>
  i >= 2 && tokens[i] === `${tokens[i - 2]}${tokens[i - 1]}`;

export function questionTerms(
  engine: Engine,
  question: string,
  u?: Understanding,
  { described = false, candidates = [], meant = [], hinted = false }: TermOptions = {},
): QuestionTerms {
  const index = engine.passages.index;
  const said = (term: string) => inCorpus(engine, term);
  const tokens = passageTerms(question);
  const aside = described
    ? setAside(engine, [...tokens, ...passageTerms(u?.corrected ?? '')])
    : new Set<string>();
  const words = [
    ...new Set(
      tokens.filter(
        (t, i) =>
          !aside.has(t) &&
          !isDomainWord(engine, t) &&
          !isFunctionWord(t) &&
          !standsForNoun(t, tokens[i - 1]) &&
          !joinsTheTwoBefore(tokens, i) &&
          (said(t) || !shorthandForNothing(engine, t)),
      ),
    ),
  ];
  const groups: QueryGroup[] = [];
  const kinds: GroupKind[] = [];
  const heads: string[] = [];
  const unknown: string[] = [];
  // A word of a name stands for every name of its person, place or topic ("hanukkah" finds
  // "Chanukah"), and a name typed as its alias ("bibi") for the name the articles use.
  const shared = sharedNameWords(engine);
  // A person named by a title ("the Israeli PM") is that person in a claim too: the title states
  // nothing of what they did.
  const spelled = (record: object) =>
    described || u?.people.includes(record as Person)
      ? passageTerms(u?.spelled.get(record)?.join(' ') ?? '')
      : [];
  // Words shared by several names name none of them, unless the question used them to name one.
  const own = (entity: Named) => nameWords(entity).filter((t) => !shared.has(t));
  // Each name's words (`all`), and those that name it alone (`words`).
  const name = (entity: Named | undefined, record: object, kind: GroupKind) => ({
    all: [...(entity ? nameWords(entity) : []), ...spelled(record)],
    words: [...(entity ? own(entity) : []), ...spelled(record)],
    kind,
    entity,
    record,
  });
  const excluded = new Set(
    [...aside].flatMap((w) => [
      w,
      ...engine.sense.expand(w).flatMap((e) => (e.weight >= STATED ? [e.term] : [])),
    ]),
  );
  const kept = <T extends object>(records: readonly T[], named: (record: T) => Named | undefined) =>
    records.filter((record) => {
      if (!(u?.spelled.get(record) ?? []).some((w) => aside.has(w))) return true;
      const entity = named(record);
      for (const w of entity ? nameWords(entity) : []) excluded.add(w);
      return false;
    });
  const named = [
    ...kept(u?.people ?? [], (p) => p).map((p) =>
      name(p, p, engine.principals.has(p.id) ? 'leader' : 'person'),
    ),
    ...kept([...(u?.places ?? []), ...(u?.topics ?? [])], (e) => e).map((entity) =>
      name(entity, entity, 'name'),
    ),
    // A meeting named by its occasion ("the climate conference"): the occasion's words are a name.
    ...(u?.meetings ?? []).map((m) => name(m.occasion as Named | undefined, m, 'name')),
    ...(u?.sources ?? []).map((source) => name(undefined, source, 'name')),
  ].map(({ all, words: names, kind, entity, record }) => ({
    all: [...new Set(all)],
    words: [...new Set(names)].filter((t) => !STOPWORDS.has(t) && !isFunctionWord(t)),
    kind,
    entity,
    record,
  }));
  const used = new Set<number>();
  // Date words are what `understand` took out of the question.
  const undated = new Set(u ? passageTerms(u.corrected) : words);
  const phrasal = phrasalVerbs(engine, passageTerms(question));
  for (const word of words) {
    const meant = engine.sense.expand(word).filter((e) => said(e.term));
    const group = index.has(word) ? meant : withSecondHop(engine, meant);
    for (const e of phrasal.get(word) ?? [])
      if (!group.some((g) => g.term === e.term && g.weight >= e.weight)) group.push(e);
    // American and British spellings are one word: finalized, finalised.
    const spelling = britishOrAmerican(word);
    if (spelling && said(spelling) && !group.some((e) => e.term === spelling))
      group.unshift({ term: spelling, weight: 1 });
    // A clipped word ("conf", "convo") may be the start of a longer one.
    if (!group.some((e) => e.weight >= 1) && word.length >= 4 && /^[a-z]+$/.test(word)) {
      for (const term of completions(engine, word))
        if (said(term)) group.push({ term, weight: PREFIX_WEIGHT });
    }
    let kind: GroupKind = undated.has(word) ? 'word' : 'date';
    named.forEach(({ all, words: names, kind: nameKind, entity }, i) => {
      if (!all.includes(word)) return;
      used.add(i);
      // A word other names share ("Russia" in "Israel–Russia relations") finds the name's other
      // words ("Moscow"), but names nothing a sentence must say.
      if (names.includes(word)) kind = nameKind;
      for (const term of names)
        if (!group.some((e) => e.term === term)) group.push({ term, weight: nameWeight(entity, word, term) });
    });
    if (engine.principalWords.has(word) || parties(engine).has(word)) kind = 'leader';
    if (group.length) {
      groups.push(group);
      kinds.push(kind);
      heads.push(word);
    } else if (undated.has(word)) unknown.push(word);
  }
  const spoken = groups.length;
  // A topic the question named in words that are groups of their own ("Syrian territory") is
  // checked by them, not by its other names ("Assad"); a meeting named by its occasion ("the
  // 25th anniversary meeting") still is by its occasion's.
  const checked = new Set(heads);
  const topics = new Set<object>(u?.topics ?? []);
  named.forEach(({ words: names, kind, record }, i) => {
    const spelledAs = topics.has(record) ? (u?.spelled.get(record) ?? []) : [];
    if (used.has(i) || !names.length || (spelledAs.length && spelledAs.every((w) => checked.has(w)))) return;
    groups.push(names.map((term) => ({ term, weight: 0.9 })));
    kinds.push(kind);
    heads.push(names[0] as string);
  });
  const asks = described ? answerType(passageTerms(question).join(' ')) : undefined;
  const hints = hinted ? hintsOf(engine, tokens) : [];
  // "What day …": a sentence that names a day is a candidate even where it says nothing else asked.
  const days = asks === 'time' ? [...timesOfDay()].filter(said) : [];
  for (const [head, named, weight] of [
    ['when', days, DAY_WEIGHT],
    ['who', candidates.filter(said), DAY_WEIGHT],
    ['meant', meant.filter(said), MEANT_WEIGHT],
  ] as const) {
    if (!named.length) continue;
    groups.push(named.map((term) => ({ term, weight })));
    kinds.push('word');
    heads.push(head);
  }
  return {
    words,
    groups,
    kinds,
    heads,
    unknown,
    spoken,
    ...(asks && { asks }),
    ...(hints.length && { hints }),
    ...(excluded.size && { excluded }),
  };
}

/**
 * English's words for leaving something out ("besides Putin", "apart from trade", "other than
 * the mechanism"): the words of the noun phrase after one, up to a word that only relates.
 */
const SETTING_ASIDE = /^(?:besides|except|excluding|apart from|aside from|other than)$/;

function setAside(engine: Engine, tokens: readonly string[]): Set<string> {
  const aside = new Set<string>();
  const ends = (word: string) => isFunctionWord(word) || isDomainWord(engine, word);
  tokens.forEach((token, i) => {
    if (!SETTING_ASIDE.test(token) && !SETTING_ASIDE.test(`${tokens[i - 1]} ${token}`)) return;
    let j = i + 1;
    while (tokens[j] === 'the') j++;
    for (; j < tokens.length && !ends(tokens[j] as string); j++) aside.add(tokens[j] as string);
  });
  return aside;
}

/** A word every question of its kind may say ("kind", "meetings"), or its plural ("kinds"). */
function isDomainWord(engine: Engine, word: string): boolean {
  return STOPWORDS.has(word) || (engine.sense.isPlural(word) && STOPWORDS.has(engine.sense.lemma(word)));
}

/** The forms the articles use of each of the question's domain words ("discussed", "meetings"). */
function hintsOf(engine: Engine, tokens: readonly string[]): QueryGroup[] {
  const words = new Set(tokens.filter((word) => isDomainWord(engine, word) && !isFunctionWord(word)));
  const forms = (word: string) => [
    word,
    ...engine.sense
      .expand(word)
      .filter((e) => e.weight >= EXPANSION_WEIGHTS.sameLemma)
      .map((e) => e.term),
  ];
  return [...words]
    .map((word) =>
      [...new Set(forms(word))]
        .filter((term) => engine.passages.index.has(term))
        .map((term) => ({ term, weight: HINT_WEIGHT })),
    )
    .filter((group) => group.length > 0);
}

/**
 * English's "one" after an ordinal stands for the noun said before ("their 2nd one" is their 2nd
 * meeting): it asks nothing of its own.
 */
const standsForNoun = (word: string, before: string | undefined) =>
  /^ones?$/.test(word) && /^\d+(st|nd|rd|th)$/.test(before ?? '');

/** The least a meaning weighs for its own meanings to be taken, and the least those then weigh. */
const SECOND_HOP = { from: EXPANSION_WEIGHTS.synonym, least: 0.25 } as const;

/**
 * A word the articles never use: its meanings and, weighed lower, theirs. "Touch" means
 * "contact", which the articles say as "communicate". Weighed below what a sentence must say to
 * state a claim, they only find it.
 */
function withSecondHop(engine: Engine, group: readonly Expansion[]): Expansion[] {
  const all = new Map(group.map((e) => [e.term, e.weight]));
  for (const first of group) {
    if (first.weight < SECOND_HOP.from) continue;
    for (const second of engine.sense.expand(first.term)) {
      const weight = Math.round(first.weight * second.weight * 100) / 100;
      if (weight >= SECOND_HOP.least && weight > (all.get(second.term) ?? 0) && inCorpus(engine, second.term))
        all.set(second.term, weight);
    }
  }
  return [...all].map(([term, weight]) => ({ term, weight }));
}

/**
 * Chat shorthand that spells out only words that ask nothing ("abt" → about, "bc" → because,
 * "kinda" → kind of): a function word typed short is still one, and finds nothing.
 */
function shorthandForNothing(engine: Engine, word: string): boolean {
  return engine.sense.spellOut(word)?.every((part) => isFunctionWord(part) || STOPWORDS.has(part)) ?? false;
}

/** How far apart a phrasal verb's words may stand: "bring it up", "set the hotline up". */
const PHRASE_GAP = 4;

/**
 * The phrasal verbs a question says, together or apart, as WordNet lists them: "set up" means
 * what "established" says. Each verb stands for its phrase, with what the phrase means in the
 * corpus. Only a particle (up, for, off) makes one: two content words ("world war") are a
 * compound, which the articles' own words match side by side.
 */
function phrasalVerbs(engine: Engine, tokens: readonly string[]): Map<string, Expansion[]> {
  const meanings = new Map<string, Expansion[]>();
  tokens.forEach((token, i) => {
    if (isFunctionWord(token) || STOPWORDS.has(token)) return;
    for (const particle of tokens.slice(i + 1, i + 2 + PHRASE_GAP)) {
      if (!isFunctionWord(particle)) continue;
      const means = engine.sense.phrasal(token, particle).filter((e) => inCorpus(engine, e.term));
      if (!means.length) continue;
      meanings.set(token, means);
      return;
    }
  });
  return meanings;
}

/** The other spelling of an -ize / -ise word ("finalized" → "finalised"), as English writes both. */
function britishOrAmerican(word: string): string | undefined {
  const other = word.replace(
    /i([sz])(e|ed|es|ing|ation|ations)$/,
    (_, z: string, end: string) => `i${z === 'z' ? 's' : 'z'}${end}`,
  );
  return other === word ? undefined : other;
}

/** Candidates read again with their context, per sentence returned. */
const CANDIDATES = 8;
/** A name, leader or date said around a sentence counts for half of one said in it. */
const CONTEXT_WEIGHT = 0.5;
/** A day named, to "what day", counts as a word related to one the question says. */
const DAY_WEIGHT = 0.5;
/** A name of the same kind as one the articles never use counts as a word related to one the question says. */
const MEANT_WEIGHT = 0.5;
/** A sentence that gives the kind of thing asked for (a person to "who") earns this much. */
const TYPE_WEIGHT = 2;
/** A line on the author answers less than a sentence of the story on the same words. */
const ROLE_WEIGHT = 0.6;
/** Two words of the question said side by side in a sentence ("defense minister") count again by half. */
const PHRASE_WEIGHT = 0.5;
/** A sentence saying what the question sets aside ("besides Putin") answers it this much. */
const EXCLUDED_WEIGHT = 0.3;
/** A domain word of the question ("discussed") said in a sentence, for its weight in the index. */
const HINT_WEIGHT = 0.3;

/**
 * What a sentence earns for saying words of the question next to each other, as the question
 * does: "world leaders" is one thing, "World War" and "two leaders" another.
 */
function phraseBonus(engine: Engine, terms: QuestionTerms, passage: Passage, matched: number): number {
  const index = engine.passages.index;
  const tokens = sentenceTerms(passage).filter((t) => !STOPWORDS.has(t) && !isFunctionWord(t));
  let bonus = 0;
  for (let g = 0; g + 1 < terms.spoken; g++) {
    if (!(matched & (1 << g)) || !(matched & (1 << (g + 1)))) continue;
    const weight = (group: QueryGroup, token: string | undefined) =>
      group.find((t) => t.term === token)?.weight ?? 0;
    const [first, second] = [terms.groups[g] as QueryGroup, terms.groups[g + 1] as QueryGroup];
    let best = 0;
    for (let i = 0; i + 1 < tokens.length; i++) {
      const a = weight(first, tokens[i]) * index.idf(tokens[i] as string);
      const b = weight(second, tokens[i + 1]) * index.idf(tokens[i + 1] as string);
      if (a > 0 && b > 0) best = Math.max(best, Math.min(a, b));
    }
    bonus += PHRASE_WEIGHT * best;
  }
  return bonus;
}

/**
 * What a sentence earns for the question's domain words it says: each by how rare its commonest
 * form is, whichever form the sentence uses ("say" in a caption is no rarer a word than "said").
 */
function hintBonus(engine: Engine, hinted: readonly QueryGroup[], passage: Passage): number {
  const index = engine.passages.index;
  const said = sentenceTerms(passage);
  let bonus = 0;
  for (const group of hinted)
    if (group.some((t) => said.includes(t.term)))
      bonus += HINT_WEIGHT * Math.min(...group.map((t) => index.idf(t.term)));
  return bonus;
}

/**
 * The words around a sentence: its paragraph, its article's title and year, and the places and
 * occasions of the meetings the article reports (an article on the Moscow talks is set in Moscow
 * throughout).
 */
export function contextOf(engine: Engine, passage: Passage): Set<string> {
  let around = contexts.get(passage);
  if (!around) {
    if (contexts.size >= MEMO_SIZE) contexts.clear();
    around = readContext(engine, passage);
    contexts.set(passage, around);
  }
  return around;
}

/**
 * Folding is most of what reading a sentence again costs: the sentences and contexts read
 * lately are kept, a few thousand at most (a question reads a few dozen, and the next one many
 * of the same). A passage belongs to one engine, so it is its own key.
 */
const MEMO_SIZE = 4096;
const contexts = new Map<Passage, Set<string>>();
const folded = new Map<Passage, readonly string[]>();

function sentenceTerms(passage: Passage): readonly string[] {
  let terms = folded.get(passage);
  if (!terms) {
    if (folded.size >= MEMO_SIZE) folded.clear();
    terms = passageTerms(passage.text);
    folded.set(passage, terms);
  }
  return terms;
}

function readContext(engine: Engine, passage: Passage): Set<string> {
  const reported = engine.catalogue.meetingsFrom(passage.source.id).filter((m) => m.kind === 'reported');
  const places = reported.flatMap((m) =>
    engine.placeChain(m.place).map((id) => engine.kb.place(id)?.name ?? ''),
  );
  return new Set(
    passageTerms(
      `${passage.paragraph} ${passage.source.title} ${passage.source.published.year} ${places.join(' ')} ${occasionsOf(engine, passage.source.id).join(' ')}`,
    ),
  );
}

/**
 * The names of the meetings an article reports and of their occasions: the whole story of the
 * climate conference is set at the climate conference.
 */
export function occasionsOf(engine: Engine, sourceId: string): string[] {
  return engine.catalogue
    .meetingsFrom(sourceId)
    .filter((m) => m.kind === 'reported')
    .flatMap((m) => [...m.aliases, ...(m.occasion ? [m.occasion.label, ...m.occasion.aliases] : [])]);
}

/**
 * Which sentences a search may return, by their place in the index: those `accepts` takes, and
 * only among `among` (in order) when a caller knows them all already (no other can pass).
 */
export interface PassageFilter {
  accepts: (index: number) => boolean;
  among?: readonly number[];
}

/**
 * The sentences that best answer a question: the best, and those close to it; at most `limit`.
 * A name, leader or date the question gives counts also when it is said around the sentence
 * ("This was the 13th meeting" is in the Sochi article).
 */
export function findPassages(
  engine: Engine,
  terms: QuestionTerms,
  limit = 3,
  within?: PassageFilter,
  close = CLOSE_TO_BEST,
  sources?: readonly string[],
): Found[] {
  const { passages, index, bySource } = engine.passages;
  const ranges = sources?.map((id) => bySource.get(id) ?? { start: 0, end: 0 });
  // A question of domain words alone ("what have they discussed over all their meetings") is
  // searched by them in the articles an answer cites: "said" is in most sentences of thousands
  // of articles, and would cost more than the rest of the answer.
  const groups = terms.groups.length || !terms.hints || !ranges ? terms.groups : terms.hints;
  const hits = within?.among
    ? index.searchAmong(groups, limit * CANDIDATES, within.among, within.accepts)
    : index.search(groups, limit * CANDIDATES, within?.accepts, ranges);
  const hinted = terms.groups.length ? (terms.hints ?? []) : [];
  const asked = new Set(terms.asks ? terms.groups.flatMap((g) => g.map((t) => t.term)) : []);
  const scored = hits.map((h) => {
    const passage = passages[h.index] as Passage;
    const typed = givesAnswerType(engine, terms, passage, asked) ? TYPE_WEIGHT : 0;
    const hint = hinted.length ? hintBonus(engine, hinted, passage) : 0;
    const excluded = terms.excluded;
    let score =
      (h.score + typed + hint + phraseBonus(engine, terms, passage, h.groups)) *
      (passage.role === 'author' ? ROLE_WEIGHT : 1) *
      (excluded && sentenceTerms(passage).some((t) => excluded.has(t)) ? EXCLUDED_WEIGHT : 1);
    const around = terms.kinds.some((k, g) => k !== 'word' && !(h.groups & (1 << g)))
      ? contextOf(engine, passage)
      : undefined;
    let speakers: Set<string> | undefined;
    terms.kinds.forEach((kind, g) => {
      if (kind === 'word' || h.groups & (1 << g) || !around) return;
      const best = Math.max(
        0,
        ...(terms.groups[g] ?? []).filter((t) => around.has(t.term)).map((t) => t.weight * index.idf(t.term)),
      );
      if (!best) return;
      // Who the records have saying the sentence names him as the sentence itself would ("…," he said).
      speakers ??= quotedSpeakerWords(engine, passage);
      const named = speakers;
      const speaks = (terms.groups[g] ?? []).some((t) => t.weight >= STATED && named.has(t.term));
      score += (speaks ? 1 : CONTEXT_WEIGHT) * best;
    });
    return {
      passage,
      score,
      matched: groups === terms.groups ? h.matched : 0,
      groups: groups === terms.groups ? h.groups : 0,
    };
  });
  scored.sort((a, b) => b.score - a.score);
  const [best] = scored;
  if (!best) return [];
  return scored.filter((f) => f.score >= best.score * close).slice(0, limit);
}

/** Quotations as sentences are folded, once each. */
const foldedQuotes = new WeakMap<Quote, string>();

function foldedQuote(q: Quote): string {
  let quote = foldedQuotes.get(q);
  if (quote === undefined) {
    quote = passageTerms(q.text).join(' ');
    foldedQuotes.set(q, quote);
  }
  return quote;
}

/** Whether a sentence is (part of) a quotation, or holds it whole. */
function holdsQuote(sentence: string, q: Quote): boolean {
  const quote = foldedQuote(q);
  return quote !== '' && (sentence.includes(quote) || quote.includes(sentence));
}

/** The name words of whoever the records have saying a sentence: a quotation of theirs holds it, or it holds one. */
function quotedSpeakerWords(engine: Engine, passage: Passage): Set<string> {
  const said = passageTerms(passage.text).join(' ');
  const words = new Set<string>();
  for (const q of engine.catalogue.quotesFrom(passage.source.id)) {
    const person = q.speaker ? engine.kb.person(q.speaker) : undefined;
    if (!person || !holdsQuote(said, q)) continue;
    for (const w of nameWords(person)) words.add(w);
  }
  return words;
}

/** Sentences ranked for quotations, beyond those shown. */
const QUOTE_CANDIDATES = 10;

/**
 * Quotations in the order the sentences that hold them answer the question ("what did Bibi call
 * the big fight": "a big battle against militant Islam" first); those no such sentence holds keep
 * their order after them. A quotation `wanted` (the speaker's, the meeting's) held by a sentence
 * that answers better than any of theirs ("fight" is said as "battle") is one of them too.
 */
export function rankQuotes(
  engine: Engine,
  question: string,
  u: Understanding,
  quotes: readonly Quote[],
  wanted: (q: Quote) => boolean = () => false,
): Quote[] {
  // None found: the sentences that answer it are the answer, quotations or not.
  if (!quotes.length) return [];
  const terms = questionTerms(engine, question, u, { described: true, hinted: true });
  // Each sentence found scores the quotations of its article that it holds: a few, however many
  // quotations the speaker has.
  const scores = new Map<Quote, number>();
  for (const f of findPassages(engine, terms, QUOTE_CANDIDATES, undefined, 0)) {
    const said = passageTerms(f.passage.text).join(' ');
    for (const q of engine.catalogue.quotesFrom(f.passage.source.id))
      if (holdsQuote(said, q) && f.score > (scores.get(q) ?? 0)) scores.set(q, f.score);
  }
  const listed = new Set(quotes);
  const listedBest = Math.max(0, ...quotes.map((q) => scores.get(q) ?? 0));
  const held = [...scores]
    .filter(([q, score]) => !listed.has(q) && score > listedBest && wanted(q))
    .map(([q]) => q);
  return withRuns(
    engine,
    [...quotes, ...held].sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0)),
  );
}

/**
 * The first quotations a reply shows, a page or two, with the rest of each one's run (see
 * `quoteRuns`) in the article's order: reading the articles of thousands of quotations would
 * cost more than every other step of an answer.
 */
const WITH_RUNS = 10;

function withRuns(engine: Engine, quotes: readonly Quote[]): Quote[] {
  const shown = new Set<Quote>();
  const out: Quote[] = [];
  for (const q of quotes.slice(0, WITH_RUNS)) {
    if (shown.has(q)) continue;
    for (const part of quoteRuns(engine, q.source).get(q) ?? [q]) {
      if (shown.has(part)) continue;
      shown.add(part);
      out.push(part);
    }
  }
  return [...out, ...quotes.slice(WITH_RUNS).filter((q) => !shown.has(q))];
}

/** A new paragraph reopening the quotation, and nothing else, between two: the speaker goes on. */
const GOES_ON_QUOTING = /^\s*\n\s*["“]$/;
const runs = new WeakMap<Engine, Map<string, Map<Quote, Quote[]>>>();

/**
 * The quotations of an article that one speaker says in one run: a paragraph that leaves its
 * quotation open hands it to the next ("… precision missiles there against us. ¶ “From our
 * point of view, this is an intolerable threat …”"), as English prints a quotation of several
 * paragraphs. Each quotation maps to its whole run; one alone is not in the map.
 */
function quoteRuns(engine: Engine, sourceId: string): Map<Quote, Quote[]> {
  let bySource = runs.get(engine);
  if (!bySource) {
    bySource = new Map();
    runs.set(engine, bySource);
  }
  let found = bySource.get(sourceId);
  if (found) return found;
  found = new Map();
  bySource.set(sourceId, found);
  const source = engine.kb.source(sourceId);
  let text = '';
  try {
    text = source ? engine.kb.article(source) : '';
  } catch {
    return found;
  }
  const placed = engine.catalogue
    .quotesFrom(sourceId)
    .map((q) => ({ q, at: text.indexOf(q.text) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at);
  let run: Quote[] = [];
  placed.forEach(({ q, at }, i) => {
    const before = placed[i - 1];
    const joined =
      before !== undefined &&
      before.q.kind === 'direct' &&
      q.kind === 'direct' &&
      before.q.speaker !== undefined &&
      before.q.speaker === q.speaker &&
      GOES_ON_QUOTING.test(text.slice(before.at + before.q.text.length, at));
    if (!joined) run = [];
    run.push(q);
    if (run.length > 1) for (const part of run) found.set(part, run);
  });
  return found;
}

/**
 * Whether a sentence speaks of every name the question gives (a person, place or topic), in its
 * own words or, for a place, in its paragraph or its article's title, as "in Paris" is said once
 * per story.
 */
export function coversNames(
  engine: Engine,
  terms: QuestionTerms,
  found: Found,
  needed: (head: string) => boolean = () => true,
): boolean {
  const around = contextOf(engine, found.passage);
  return terms.kinds.every(
    (kind, g) =>
      (kind !== 'name' && kind !== 'person') ||
      !needed(terms.heads[g] ?? '') ||
      (found.groups & (1 << g)) !== 0 ||
      (terms.groups[g] as QueryGroup).some((t) => t.weight >= STATED && around.has(t.term)),
  );
}

/**
 * Sentences as quoted lines, each marked with the number of its article in the reply's sources:
 * `citations` are the reply's sources so far, and come back with the articles quoted added.
 */
export function quoting(
  engine: Engine,
  found: readonly Found[],
  citations: readonly Citation[] = [],
): { text: string; citations: Citation[] } {
  const all = [...citations];
  for (const c of citeSources(
    engine.kb,
    found.map((f) => f.passage.source.id),
  ))
    if (!all.some((a) => a.sourceId === c.sourceId)) all.push(c);
  // A sentence shown as what another goes on from is not shown twice.
  const text = found
    .filter(({ passage }) => !found.some((f) => f.passage.lead?.includes(passage.text)))
    .map(({ passage }) => {
      const n = all.findIndex((c) => c.sourceId === passage.source.id) + 1;
      const speaker = passage.speaker ? `_${passage.speaker}:_ ` : '';
      const lead = passage.lead ? `${oneLine(passage.lead, LEAD_CHARACTERS)} ` : '';
      return `> ${speaker}${lead}${oneLine(passage.text, SENTENCE_CHARACTERS)} [${n}]`;
    })
    .join('\n');
  return { text, citations: all };
}

/** "What the articles say:" with the sentences that best answer the question, or nothing. */
export function groundedAnswer(
  engine: Engine,
  question: string,
  u: Understanding,
  lead = 'What the articles say:',
): Reply | undefined {
  const terms = questionTerms(engine, question, u, { described: true, hinted: true });
  return groundedFrom(engine, groundedSentences(engine, question, u, terms), lead);
}

/** The sentences that answer a question and speak of every name it gives. */
export function groundedSentences(
  engine: Engine,
  question: string,
  u: Understanding,
  terms = questionTerms(engine, question, u, { described: true }),
): Found[] {
  // A sentence about something else the question names would read as an answer it is not.
  return findPassages(engine, terms).filter((f) => coversNames(engine, terms, f));
}

/** A reply quoting sentences found, or nothing when none were. */
export function groundedFrom(
  engine: Engine,
  found: readonly Found[],
  lead = 'What the articles say:',
): Reply | undefined {
  if (!found.length) return undefined;
  const quoted = quoting(engine, found);
  return reply({ title: 'From the articles', text: `${lead}\n${quoted.text}`, citations: quoted.citations });
}

/** A structured answer followed by sentences of the articles, cited. */
export function withSentences(engine: Engine, answer: Reply, found: readonly Found[]): Reply {
  const quoted = quoting(engine, found, answer.citations);
  return {
    ...answer,
    text: `${answer.text}\n**In the articles' words:**\n${quoted.text}`,
    citations: quoted.citations,
  };
}

/**
 * The groups of the question that a record's text never says in any form: its ordinary words
 * (`words`: "defense minister" asked of the record of a meeting) and its names but the leaders'
 * (`names`: Israel, asked of the record of Turkey downing a jet). What a sentence may say that the
 * record does not.
 */
function unsaidByRecord(
  engine: Engine,
  terms: QuestionTerms,
  record: Reply,
): { words: Set<number>; names: Set<number> } {
  // A record's text is long: it is split into its words once, not folded whole.
  const said = new Set(
    [record.text, ...record.fields.map((f) => f.value)]
      .join(' ')
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .split(/[^\p{L}\p{N}]+/u),
  );
  const says = (term: string) => said.has(term);
  const words = new Set<number>();
  const names = new Set<number>();
  terms.kinds.forEach((kind, g) => {
    const into =
      kind === 'word'
        ? words
        : kind === 'date' || engine.principalWords.has(terms.heads[g] ?? '')
          ? undefined
          : names;
    if (!into) return;
    if (!(terms.groups[g] as QueryGroup).some((t) => t.weight >= EXPANSION_WEIGHTS.sameLemma && says(t.term)))
      into.add(g);
  });
  return { words, names };
}

/**
 * A structured answer with the sentences of the articles that answer the question: those of
 * the articles it cites, and the best sentence of any article when it answers better. A sentence
 * that says what the question asks and the record does not comes first.
 */
export function withPassages(
  engine: Engine,
  question: string,
  u: Understanding,
  answer: Reply,
  limit = 2,
): Reply {
  if (answer.kind !== 'answer') return answer;
  const terms = questionTerms(engine, question, u, { described: true, hinted: true });
  const cited = [...new Set(answer.citations.map((c) => c.sourceId))];
  const unshown = (f: Found) => !answer.text.includes(f.passage.text.slice(0, 60));
  const backing = eachAsked(
    findPassages(engine, terms, limit + 1, undefined, CLOSE_TO_BEST, cited),
    limit,
  ).filter(unshown);
  // Quotations are cited with their speaker: a sentence of another article would read as one,
  // and one before them as the answer instead. They are not searched for.
  const quotation = answer.citations.some((c) => c.quote);
  // A sentence of another article says more than the record of a word the record does not say,
  // or of a name the record never says (Israel, asked of the record of Turkey downing a jet):
  // with neither ("when did they meet in Sochi"), every article is not searched.
  const { words: unsaid, names: unnamed } = unsaidByRecord(engine, terms, answer);
  const [backed] = backing;
  const partial = unnamed.size > 0 && backed !== undefined && backed.matched < terms.groups.length;
  const [answering] =
    quotation || !(unsaid.size || partial)
      ? []
      : groundedSentences(engine, question, u, terms).filter(unshown);
  const elsewhere =
    answering !== undefined &&
    !cited.includes(answering.passage.source.id) &&
    answering.score > (backed?.score ?? 0);
  const found = elsewhere ? [answering, ...backing].slice(0, limit) : backing;
  const [first, ...rest] = found;
  if (!first) return answer;
  // A yes or no is the answer to a yes/no question, and comes first whatever else is said.
  const verdict = /^(yes|no|neither)\b/i.test(answer.text);
  // "Putin's take on Israel and Turkey patching things up", answered by the record of Turkey
  // downing a jet: his sentence on their ties says all three names, the record's only two.
  const saysMore =
    [...unsaid].some((g) => (first.groups & (1 << g)) !== 0) ||
    (elsewhere && first.matched > (backed?.matched ?? 0));
  if (quotation || verdict || !saysMore) return withSentences(engine, answer, found);
  const lead = quoting(engine, [first], answer.citations);
  const led = {
    ...answer,
    text: `What the articles say:\n${lead.text}\n\n${answer.text}`,
    citations: lead.citations,
  };
  return rest.length ? withSentences(engine, led, rest) : led;
}

/**
 * The first `limit` sentences found, and the next one when it says a word of the question that
 * none of them does: "what Putin said on the Palestinians, Turkey and trade" is said in three.
 */
function eachAsked(found: readonly Found[], limit: number): Found[] {
  const shown = found.slice(0, limit);
  const said = shown.reduce((bits, f) => bits | f.groups, 0);
  const next = found[limit];
  return next && next.groups & ~said ? [...shown, next] : shown;
}

/**
 * "The articles don't cover X", offering the meetings closest to the rest of the question. Their
 * sentences are not shown: they are about something else, and would read as an answer.
 */
export function notCovered(engine: Engine, question: string, u: Understanding, missing: string[]): Reply {
  // A word beside a missing one that the articles never use either is of the same name ("tel aviv").
  const unused = (w: string) => !inCorpus(engine, w) && !isFunctionWord(w);
  const words = u.corrected.split(' ');
  // A name of several words ("world cup") is missing word by word.
  const gone = missing.flatMap((m) => m.split(' '));
  const rest = words
    .filter(
      (w, i) =>
        !gone.includes(w) &&
        !(unused(w) && [words[i - 1], words[i + 1]].some((n) => n !== undefined && gone.includes(n))),
    )
    .concat(u.dates.description ?? [])
    .join(' ');
  const found = findTargets(engine, rest);
  // Only a name put where the articles have another (Lavrov, Tel Aviv) makes the rest of the
  // question a claim they speak to; an ordinary word ("eat", "weather") asks what they never say.
  // A word capitalised inside the question is a name whatever else English uses it for (Berlin).
  const capitalised = new Set(
    passageTerms(question.replace(/^\W*\w+/, '').replace(/\b\p{Ll}[\p{L}'’-]*/gu, ' ')),
  );
  const name = (w: string) => capitalised.has(w) || !engine.sense.isEnglish(w);
  // A name of the same kind the articles do use is what the question may have meant: "a happy
  // Passover in Paris" finds his Hanukkah wishes there.
  const kinds = missing.map((w) => ({ w, same: engine.sense.sameKind(w) }));
  const meant = kinds.flatMap(({ same }) => same);
  // A name of a known kind stands for one of that kind, and a code (G20, S-300) for no person;
  // one English does not know (Lavrov) may be anyone there.
  const anyone = kinds.some(({ w, same }) => !isModelCode(w) && !same.length);
  const said = missing.every(name) ? restSaid(engine, rest, meant, anyone) : undefined;
  // "The St Petersburg meeting in Sept 2019": the one meeting the rest's date fits, where it
  // names no place, is the one the articles report then.
  const [only, another] = found.best === 'meetings' ? found.meetings : [];
  const then = hasDateFilter(found.u.dates) && !found.u.places.length;
  const instead =
    said && only && !another && then
      ? `\nThe meeting they report then: **${meetingTitle(engine.kb, only)}**.`
      : '';
  const declined = notFound(
    `The articles don't mention ${listWords(missing.map(echo))}, so they can't answer ${echo(question)}.${instead}${said ? `\n${said.text}` : ''}`,
    found.best === 'meetings' ? meetingSuggestions(engine, found.meetings) : closestMeetings(engine),
  );
  return said ? { ...declined, citations: said.citations } : declined;
}

/** The most meetings whose people a question's place or date stands for. */
const MEETINGS_THERE = 20;

/** The meetings a question names, and those held at the places (of `places`) and in the dates it gives. */
export function meetingsGiven(engine: Engine, u: Understanding, places: Place[]): Meeting[] {
  const held = engine.meetingPlaces(places);
  return [
    ...u.meetings,
    ...(held.length || hasDateFilter(u.dates) ? engine.filterMeetings({ places: held, dates: u.dates }) : []),
  ];
}

/** The name words of the people, but the leaders, of the meetings a question's places, date or meetings name. */
function peopleThere(engine: Engine, u: Understanding): string[] {
  const meetings = meetingsGiven(engine, u, u.places).slice(0, MEETINGS_THERE);
  const ids = new Set(meetings.flatMap((m) => [...(engine.catalogue.facets.get(m.id)?.people ?? [])]));
  return [...ids]
    .filter((id) => !engine.principals.has(id))
    .flatMap((id) => {
      const person = engine.kb.person(id);
      return person ? nameWords(person) : [];
    })
    .filter((w) => !STOPWORDS.has(w) && !isFunctionWord(w));
}

/** How many sentences on the rest of a question are looked through for one naming another person. */
const PERSON_CANDIDATES = 6;

/**
 * A question about something the articles never mention may still name what they do report
 * ("did Bibi meet Lavrov in Sochi"): the sentences on the rest of it show where the question went
 * wrong (he met Shoigu there). Only a place, meeting, date or person other than the leaders makes
 * the rest specific enough; "what did Putin say about Trump" leaves only "Putin".
 */
function restSaid(
  engine: Engine,
  rest: string,
  meant: readonly string[],
  anyone: boolean,
): { text: string; citations: Citation[] } | undefined {
  const u = engine.understand(rest);
  const named = [
    ...u.places.map((p) => p.name),
    ...u.meetings.map((m) => meetingTitle(engine.kb, m)),
    ...u.people.filter((p) => !engine.principals.has(p.id)).map((p) => p.name),
    // "in September 2019" is named as "September 2019".
    ...(u.dates.description ? [u.dates.description.replace(/^(in|on|at|during) /, '')] : []),
  ];
  if (!named.length || u.unknown.length) return undefined;
  // The name they never mention stands for someone: the sentences that give another person
  // there (Shoigu, for Lavrov) show what they report instead.
  const candidates = anyone ? peopleThere(engine, u) : [];
  const terms = questionTerms(engine, rest, u, { described: true, candidates, meant });
  const who = terms.heads.indexOf('who');
  const names = (f: Found) => (who >= 0 && f.groups & (1 << who) ? 1 : 0);
  // The rest may itself get a name wrong ("left Paris because of Hezbollah rockets"): the
  // sentences need only say the place, meeting, date or person it is about (Hamas's rockets).
  const anchors = new Set(named.flatMap((n) => passageTerms(n)));
  const found = findPassages(engine, terms, PERSON_CANDIDATES, undefined, 0)
    .filter((f) => coversNames(engine, terms, f, (head) => anchors.has(head)))
    .sort((a, b) => names(b) - names(a))
    .slice(0, 2);
  if (!found.length) return undefined;
  const quoted = quoting(engine, found);
  return { ...quoted, text: `What they do say about ${listWords([...new Set(named)])}:\n${quoted.text}` };
}

/**
 * Whether one sentence says everything a question gives besides the detail it asks for, so that
 * the sentence names that detail in its own words: "what milestone did the Moscow meeting mark" is
 * answered by what the meeting marked, though the articles never call it a milestone. An ordinary
 * word of the question must be said there in one of its own forms, not only names and synonyms:
 * "what gift did Netanyahu bring Putin" is said only as far as the two leaders.
 */
export function saidBesideDetail(
  engine: Engine,
  corrected: string,
  u: Understanding,
  detail: string,
): boolean {
  const words = corrected.split(' ');
  // "What type of aircraft": a detail of a thing the sentence names is what it leaves unsaid.
  if (words[words.indexOf(detail) + 1] === 'of') return false;
  const rest = words.filter((w) => w !== detail).join(' ');
  const terms = questionTerms(engine, rest, u, { described: true });
  const ordinary = terms.kinds.flatMap((kind, g) => (kind === 'word' ? [g] : []));
  if (!ordinary.length || terms.unknown.length) return false;
  // A word that only describes ("that quick chat") need not be said.
  const describing = terms.heads.reduce(
    (bits, head, g) =>
      terms.kinds[g] === 'word' && (engine.sense.isAdjective(head) || engine.sense.isAdverb(head))
        ? bits | (1 << g)
        : bits,
    0,
  );
  const all = ((1 << terms.groups.length) - 1) & ~describing;
  const best = findPassages(engine, terms, BESIDE_LOOKS).find((f) => (f.groups & all) === all);
  if (!best) return false;
  const said = new Set(sentenceTerms(best.passage));
  return ordinary.some((g) =>
    (terms.groups[g] ?? []).some((t) => t.weight >= EXPANSION_WEIGHTS.sameLemma && said.has(t.term)),
  );
}

/** How many of the best sentences are read for one that says all the rest of a question. */
const BESIDE_LOOKS = 3;

/** A noun that goes on a compound: not a stop word ("trump say" is a noun and a verb). */
const isCompoundNoun = (engine: Engine, word: string) =>
  engine.sense.partOfSpeech(word) === 'noun' && !STOPWORDS.has(word) && !engine.sense.isStopWord(word);

/**
 * The detail a "what / how much" question asks for, when the articles never use its word in any
 * form: "what type of aircraft" asks for a type, "how much money" for an amount of money. A
 * synonym does not stand in for it: the articles' "plane" names the thing, not its type. The head
 * is the first noun after the question word; a verb there ("what did …") means there is none.
 * `corrected` is the question as understood: a name typed wrong ("puttin") is the name.
 * "Which" picks one of things the articles may name without their kind ("which group": the
 * Quartet), so it decides nothing here.
 */
export function unsaidDetail(engine: Engine, corrected: string): string | undefined {
  // Only the question the message opens with: "… and in what context?" after it asks for the
  // sentences around what it found, not for a detail of its own.
  const words = corrected.split(' ');
  const start = words[0] === 'what' ? 0 : words[0] === 'how' && words[1] === 'much' ? 1 : -1;
  if (start < 0) return undefined;
  // "What did Putin raise": with "do" after it, "what" is the object of the verb, and a word that
  // can be a verb right after the subject's name is that verb, however English uses it most.
  const supported = engine.sense.lemma(words[start + 1] ?? '') === 'do';
  for (let i = start + 1; i < words.length; i++) {
    const w = words[i] as string;
    const part = engine.sense.partOfSpeech(w);
    if (supported && engine.sense.partOfSpeech(words[i - 1] ?? '') === 'proper' && engine.sense.isVerb(w))
      return undefined;
    if (w === 'much' || part === 'function' || part === 'proper' || part === 'adj') continue;
    if (part !== 'noun') return undefined;
    // A word right after "what" and before a noun modifies it ("what concrete stuff"): a head
    // that names nothing in particular (stuff, things) asks for anything the articles say.
    const next = words[i + 1] ?? '';
    const modifier = i === start + 1 && engine.sense.partOfSpeech(next) === 'noun';
    if (modifier && (STOPWORDS.has(next) || engine.sense.isStopWord(next))) return undefined;
    // A compound ("what ordinal number", "what holiday greeting") asks for what any of its nouns
    // the articles say: the detail is unsaid only when none of them is.
    const nouns = [w];
    while (i + 1 < words.length && isCompoundNoun(engine, words[i + 1] as string))
      nouns.push(words[++i] as string);
    // A thing asked for by itself ("what weapons", "what was the reason") is answered by its
    // synonyms too (arms, ground); a detail of a thing ("what type of aircraft") by its word alone.
    const detail = words[i + 1] === 'of';
    const least = detail ? EXPANSION_WEIGHTS.sameLemma : EXPANSION_WEIGHTS.synonym;
    const said = (noun: string) =>
      inCorpus(engine, noun) ||
      engine.sense.expand(noun).some((e) => e.weight >= least && inCorpus(engine, e.term));
    return nouns.some(said) ? undefined : w;
  }
  return undefined;
}
