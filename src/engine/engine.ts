import type { KnowledgeBase, KnowledgeEvent, Meeting, Quote, Source } from '../knowledge/model.js';
import type { Person, Place, PlaceRef, Topic } from '../knowledge/schema.js';
import {
  buildLexicon,
  EXPANSION_WEIGHTS,
  foldQuestion,
  isFunctionWord,
  isRelationOnly,
  isUnmarkedContraction,
  type Lexicon,
} from '../language/index.js';
import { type DateQuery, dateMatches, hasDateFilter, parseDateQuery } from '../search/dates.js';
import { STOPWORDS } from '../search/stopwords.js';
import { searchWords, type TextIndex } from '../search/text-index.js';
import { type Expansion, editDistance, plausibleTypo, Vocabulary } from '../search/vocabulary.js';
import { foldForSearch, isModelCode, joinCodes } from '../text/normalise.js';
import { Catalogue, placeChain } from './catalogue.js';
import { buildIndexes, type SearchIndexes } from './indexes.js';
import { PassageIndex } from './passages.js';
import { FUNCTION_WORDS, type PhraseMatch, PhraseMatcher } from './phrases.js';

/** Words shorter than this are too near too many others to be read as a name two slips away. */
const NAME_TYPO_LENGTH = 5;
/** The least a word of the articles may weigh among a question word's meanings to say it otherwise. */
const SAID_OTHERWISE = 0.5;
/** A clipped word this short ("ww", "jer") is as likely another word's start as a name's. */
const MIN_CLIPPED = 4;

interface EntityItems {
  person: Person;
  place: Place;
  topic: Topic;
  meeting: Meeting;
  event: KnowledgeEvent;
  source: Source;
}

export type EntityType = keyof EntityItems;
export type ItemOf<K extends EntityType> = EntityItems[K];
export type Entity = { [K in EntityType]: { type: K; item: EntityItems[K] } }[EntityType];

/** What the engine made of a question. */
export interface Understanding {
  question: string;
  dates: DateQuery;
  people: Person[];
  places: Place[];
  /**
   * The places the question puts something at: all but the leaders' own countries, which are
   * the sides of what they do ("what did Putin say about Israel") unless said as a place ("in
   * Israel", "visit Russia").
   */
  settings: Place[];
  topics: Topic[];
  meetings: Meeting[];
  events: KnowledgeEvent[];
  sources: Source[];
  /** Search words left once names and dates are taken out. */
  words: string[];
  /** Words that appear nowhere in the fact base or the articles ("London", "Ukraine"). */
  unknown: string[];
  /** Typos the engine corrected, as [typed, understood]. */
  corrections: [string, string][];
  /** The question's words that named each record it recognised ("light" for Hanukkah). */
  spelled: Map<object, string[]>;
  /** The question in search form, date words taken out and typos corrected. */
  corrected: string;
}

export interface Resolution<T> {
  item?: T;
  /** Near misses to offer when nothing was recognised with confidence. */
  suggestions: T[];
}

export interface MeetingFilter {
  people?: Person[];
  places?: Place[];
  topics?: Topic[];
  meetings?: Meeting[];
  dates?: DateQuery;
}

const PLURAL = {
  person: 'people',
  place: 'places',
  topic: 'topics',
  meeting: 'meetings',
  event: 'events',
  source: 'sources',
} as const satisfies Record<EntityType, keyof Understanding>;

/**
 * Whether the question asks what a name is ("what's Bocharov Ruchey, a hotel or something?",
 * "who is Shoigu"): the thing is its subject, and the words that guess at it are no other.
 */
function defines(tokens: readonly string[], matches: readonly PhraseMatch<Entity>[]): boolean {
  const [first] = [...matches].sort((a, b) => a.start - b.start);
  if (!first || first.value.type === 'source') return false;
  const before = tokens.slice(0, first.start);
  return (
    before.length > 0 &&
    /^(?:what|who)(?:s|'s)?$/.test(before[0] as string) &&
    before.slice(1).every((w) => /^(?:is|was|are|exactly|the)$/.test(w))
  );
}

/**
 * The answer engine's view of a fact base: search indexes, a name matcher and the filters the
 * commands share. Built once per fact base; holds no per-question state.
 */
export class Engine {
  /** Every search index, as built or as read back prebuilt. */
  readonly searchIndexes: SearchIndexes;
  readonly vocabulary: Vocabulary;
  readonly meetingIndex: TextIndex<Meeting>;
  /** Meetings by what people type into a meeting option (see `SearchIndexes`). */
  readonly meetingChoiceIndex: TextIndex<Meeting>;
  readonly eventIndex: TextIndex<KnowledgeEvent>;
  readonly quoteIndex: TextIndex<Quote>;
  private readonly indexes: { [K in EntityType]: TextIndex<ItemOf<K>> };
  private readonly names = new PhraseMatcher<Entity>();
  private readonly nameWords: Vocabulary;
  /** The fact base filed by place, topic, person, year and source. */
  readonly catalogue: Catalogue;
  /** People in most meetings (the two leaders): naming them narrows nothing. */
  readonly principals: Set<string>;
  /** The words of their names and aliases, which narrow no search either. */
  readonly principalWords: Set<string>;

  /** Builds the engine over a fact base; `prebuilt` indexes (see prebuilt.ts) spare building them. */
  constructor(
    readonly kb: KnowledgeBase,
    prebuilt?: SearchIndexes & { passages?: PassageIndex },
  ) {
    this.catalogue = new Catalogue(kb);
    const counts = new Map<string, number>();
    for (const m of kb.meetings) for (const p of m.participants) counts.set(p, (counts.get(p) ?? 0) + 1);
    this.principals = new Set([...counts].filter(([, n]) => n > kb.meetings.length / 2).map(([id]) => id));
    const indexes = prebuilt ?? buildIndexes(kb, this.catalogue, this.principals);
    this.passageIndex = prebuilt?.passages;
    this.searchIndexes = indexes;
    this.vocabulary = indexes.vocabulary;
    this.meetingIndex = indexes.meeting;
    this.meetingChoiceIndex = indexes.meetingChoice;
    this.eventIndex = indexes.event;
    this.quoteIndex = indexes.quote;
    this.indexes = {
      person: indexes.person,
      place: indexes.place,
      topic: indexes.topic,
      source: indexes.source,
      meeting: indexes.meeting,
      event: indexes.event,
    };

    // Only the words that name the two leaders alone: "Israeli" and "Russian" describe others too.
    const wordsOf = (p: Person) => [p.name, ...p.aliases].flatMap((n) => foldForSearch(n).split(' '));
    const shared = new Set([
      ...kb.people.filter((p) => !this.principals.has(p.id)).flatMap(wordsOf),
      ...kb.places.flatMap((p) => [p.name, ...p.aliases]).flatMap((n) => foldForSearch(n).split(' ')),
    ]);
    this.principalWords = new Set(
      kb.people
        .filter((p) => this.principals.has(p.id))
        .flatMap(wordsOf)
        .filter((w) => !FUNCTION_WORDS.has(w) && !shared.has(w)),
    );

    this.buildNames();
    this.nameWords = new Vocabulary(this.names.words());
  }

  /**
   * Builds what the engine otherwise builds on first need (the indexes that correct typos), so
   * that no question waits for it: for programs that answer many, not a one-shot answer.
   */
  prepare(): this {
    void this.passages;
    void this.sense;
    this.vocabulary.prepare();
    this.nameWords.prepare();
    return this;
  }

  private passageIndex?: PassageIndex;
  private lexicon?: Lexicon;

  /** Every sentence of every article's text: read with the prebuilt indexes, or built on first need. */
  get passages(): PassageIndex {
    this.passageIndex ??= PassageIndex.build(this.kb);
    return this.passageIndex;
  }

  /** What the words of a question can mean in this fact base's vocabulary (built on first need). */
  get sense(): Lexicon {
    this.lexicon ??= buildLexicon(this.vocabulary.list());
    return this.lexicon;
  }

  /** The names and aliases each record is known by, for the name matcher. */
  private namesOf<K extends EntityType>(type: K): { entity: Entity; phrases: string[] }[] {
    const phrases: { [T in EntityType]: (item: EntityItems[T]) => string[] } = {
      person: (p) => [p.name, ...p.aliases],
      place: (p) => [p.name, ...p.aliases],
      topic: (t) => [t.label, ...t.aliases],
      meeting: (m) => [...m.aliases, ...(m.occasion ? [m.occasion.label, ...m.occasion.aliases] : [])],
      event: (e) => [e.label, ...e.aliases],
      source: (s) => (s.publisher ? [s.publisher] : []),
    };
    return this.all(type).map((item) => ({ entity: { type, item } as Entity, phrases: phrases[type](item) }));
  }

  private buildNames(): void {
    const types: EntityType[] = ['person', 'place', 'topic', 'meeting', 'event', 'source'];
    for (const type of types) {
      for (const { entity, phrases } of this.namesOf(type))
        for (const phrase of phrases) this.names.add(phrase, entity);
    }
    // Single words stand for a whole name only among people, places and topics: an event's label
    // is a sentence whose words ("Russian", "jet") are better left to the search. A word that
    // names records of more than one kind ("Israeli" in a person's title and a topic) describes
    // rather than names, and so does an ordinary English noun in a person's name: a title.
    const kinds = new Map<string, Set<EntityType>>();
    for (const type of types)
      for (const { phrases } of this.namesOf(type))
        for (const word of phrases.flatMap((p) => foldForSearch(p).split(' ')))
          kinds.set(word, (kinds.get(word) ?? new Set()).add(type));
    const titles = this.namesOf('person')
      .flatMap(({ phrases }) => phrases.flatMap((p) => foldForSearch(p).split(' ')))
      .filter((w) => this.sense.isEnglish(w) && this.sense.partOfSpeech(w) === 'noun');
    // A possessive ("Netanyahu's residence") names its owner's thing only with the thing's word.
    const possessives = [...kinds.keys()].filter((w) => w.endsWith('s') && kinds.has(w.slice(0, -1)));
    // The last word of a longer name is its head, what kind of thing it is; an ordinary word there
    // ("issues" in "economic issues") names no one thing ("strategic issues"), where a name does
    // ("Shoigu" in "Sergei Shoigu"). Nor does an everyday word anywhere in it: "light" of "triumph
    // of light over dark" is no Hanukkah in "in light of recent events", "second" no world war.
    // Only the kinds whose single words name a record are read, each word once.
    const ordinary = (w: string) => this.sense.isEnglish(w) && this.sense.partOfSpeech(w) !== 'proper';
    const named = ['person', 'place', 'topic'] as const;
    const heads = [
      ...new Set(
        named
          .flatMap((type) => this.namesOf(type).flatMap(({ phrases }) => phrases))
          .map((p) => foldForSearch(p).split(' '))
          .flatMap((words) =>
            words.length > 1
              ? words.filter((w, i) => i === words.length - 1 || this.sense.isEveryday(w))
              : [],
          ),
      ),
    ].filter(ordinary);
    const generic = new Set([
      ...STOPWORDS,
      ...titles,
      ...possessives,
      ...heads,
      ...[...kinds].filter(([, of]) => of.size > 1).map(([word]) => word),
    ]);
    for (const type of named) {
      this.names.addDistinctiveWords(
        this.namesOf(type).map(({ entity, phrases }) => ({ value: entity, phrases })),
        generic,
      );
    }
  }

  #sides?: Set<string>;

  /** The countries the leaders' roles name ("Prime Minister of Israel"), by id: the two sides. */
  get sides(): ReadonlySet<string> {
    if (!this.#sides) {
      const roles = new Set(
        this.kb.people
          .filter((p) => this.principals.has(p.id))
          .flatMap((p) => foldForSearch(p.role).split(' ')),
      );
      this.#sides = new Set(
        this.kb.places
          .filter(
            (p) =>
              p.kind === 'country' &&
              foldForSearch(p.name)
                .split(' ')
                .every((w) => roles.has(w)),
          )
          .map((p) => p.id),
      );
    }
    return this.#sides;
  }

  /**
   * Whether a place is named as where something is: after a preposition of place ("in Israel",
   * "to Russia"), or by a visit ("visit Israel", "the Israel trip").
   */
  private saysPlace(tokens: readonly string[], m: PhraseMatch<Entity>): boolean {
    const before = tokens[m.start - 1] ?? '';
    const after = tokens[m.end] ?? '';
    return (
      PLACE_PREPOSITIONS.has(before) ||
      [before, after].some((w) => w !== '' && JOURNEYS.has(this.sense.lemma(w)))
    );
  }

  /** Names, dates and leftover words of a free-text question or lookup. */
  understand(question: string): Understanding {
    const dates = parseDateQuery(joinCodes(question));
    const corrections: [string, string][] = [];
    const tokens = dates.rest
      .split(' ')
      .filter(Boolean)
      .map((token) => {
        // A name's possessive, folded into one word or typed without its apostrophe ("Turkey's",
        // "putins"), is the name, where it is no word of its own.
        const owner = token.slice(0, -1);
        if (
          token.endsWith('s') &&
          !this.nameWords.has(token) &&
          !this.vocabulary.has(token) &&
          this.nameWords.has(owner)
        )
          return owner;
        if (FUNCTION_WORDS.has(token) || this.nameWords.has(token) || this.vocabulary.has(token))
          return token;
        const clipped = this.clippedName(token);
        if (clipped) {
          corrections.push([token, clipped]);
          return clipped;
        }
        // An English word ("price") is that word, not a name one slip away ("prime").
        if (this.isWord(token)) return token;
        const best = this.nameWords.expand(token)[0] ?? this.misspeltName(token);
        // "stated" is not a misspelt "state": a word that extends a name is another word.
        if (
          !best ||
          !plausibleTypo(token, best.term) ||
          token.startsWith(best.term) ||
          best.term.startsWith(token)
        ) {
          return token;
        }
        corrections.push([token, best.term]);
        return best.term;
      });
    const names = capitalisedInside(question);
    const matches = this.names.match(tokens);
    const used = new Set(
      matches.flatMap((m) => Array.from({ length: m.end - m.start }, (_, i) => m.start + i)),
    );
    // The leaders' own countries are the sides of what they do ("what did Putin say about
    // Israel", "the fight Israel and Russia share"): a place only where the question puts
    // something there.
    const sides = this.sides;
    const settings = unique(
      matches
        .filter((m) => m.value.type === 'place')
        .filter((m) => !sides.has((m.value.item as Place).id) || this.saysPlace(tokens, m))
        .map((m) => m.value.item as Place),
    );
    const of = <K extends EntityType>(type: K) =>
      unique(matches.filter((m) => m.value.type === type).map((m) => m.value.item as ItemOf<K>));
    const words = tokens.filter((t, i) => !used.has(i) && !STOPWORDS.has(t) && !FUNCTION_WORDS.has(t));
    const spelled = new Map<object, string[]>();
    for (const m of matches)
      spelled.set(m.value.item, [...(spelled.get(m.value.item) ?? []), ...tokens.slice(m.start, m.end)]);
    return {
      question,
      dates,
      people: of('person'),
      places: of('place'),
      settings,
      topics: of('topic'),
      meetings: of('meeting'),
      events: of('event'),
      sources: of('source'),
      words,
      unknown: unique([
        ...this.salientUnknown(
          unique(words),
          this.phrasalVerbs(tokens),
          names,
          of('topic').length + of('event').length + of('meeting').length + (defines(tokens, matches) ? 1 : 0),
        ),
        ...this.otherGivenNames(tokens, matches),
        ...this.unsaidPhraseNames(tokens, used),
      ]),
      corrections,
      spelled,
      corrected: tokens.join(' '),
    };
  }

  /**
   * Names of two or three words that the articles never use ("the 2018 world cup", "the White
   * House"): each word may be one they use ("world"), but together they name something else. A
   * word that names a record is read as that record first ("the Gaza Strip" is Gaza).
   */
  private unsaidPhraseNames(tokens: readonly string[], used: ReadonlySet<number>): string[] {
    const found: string[] = [];
    for (let i = 0; i + 1 < tokens.length; i++) {
      for (const length of [3, 2]) {
        const words = tokens.slice(i, i + length);
        if (words.length < length || words.some((w, j) => used.has(i + j) || isFunctionWord(w))) continue;
        if (words.every((w) => this.sense.inCorpus(w))) continue;
        if (!this.sense.isPhraseName(words)) continue;
        found.push(words.join(' '));
        i += length - 1;
        break;
      }
    }
    return found;
  }

  /** The words of phrasal verbs, as WordNet lists them, that mean something the articles say ("get together": meet). */
  private phrasalVerbs(tokens: readonly string[]): Set<string> {
    return new Set(
      tokens.flatMap((t, i) => {
        const verb = tokens[i - 1];
        const said =
          verb !== undefined &&
          isFunctionWord(t) &&
          this.sense.phrasal(verb, t).some((e) => e.weight >= SAID_OTHERWISE && this.vocabulary.has(e.term));
        return said ? [verb, t] : [];
      }),
    );
  }

  /**
   * The words of a question that name something the articles never mention, in any form or near
   * spelling, and that decide it: a name (capitalised inside a sentence), a word that is no ordinary
   * English, or the question's whole content besides the names of people and places ("what did
   * they eat in Sochi?").
   * "respond" or "supposed" beside words the articles do use are ordinary words they happen not to
   * use, and decide nothing. The terms records hold are looked at first: the search looks for those
   * anyway.
   */
  private salientUnknown(
    words: string[],
    phrasal: ReadonlySet<string>,
    names: ReadonlySet<string>,
    subjects: number,
  ): string[] {
    // A word only of relation ("across") names nothing. A word with digits is a number, and the
    // start of a longer name is that name ("vlad"); a few letters before a number are a name
    // (the S-300, a G20 summit). Chat shorthand for a function word ("wen",
    // "n", "u") is that function word: it names nothing.
    // A number word is a number too ("third" → 3rd); laughter and "hows" are no content either.
    const laughter = (w: string) => this.sense.spellOut(w)?.length === 0;
    const asking = (w: string) =>
      !(
        isRelationOnly(w) ||
        (!isModelCode(w) && (/\d/.test(w) || /\d/.test(foldQuestion(w)))) ||
        this.isShorthand(w) ||
        isUnmarkedContraction(w) ||
        laughter(w)
      );
    const content = words.filter(asking);
    const unknown = content.filter((w) => {
      // A phrasal verb the articles say otherwise ("get together": meet) is said, each word of it.
      if (phrasal.has(w)) return false;
      if (this.vocabulary.has(w) || this.sense.expand(w).some((e) => e.weight >= EXPANSION_WEIGHTS.sameLemma))
        return false;
      const near = (e: Expansion) =>
        !STOPWORDS.has(e.term) && (plausibleTypo(w, e.term) || e.term.startsWith(w));
      return (
        !this.vocabulary.expand(w, { inRecords: true }).some(near) &&
        !this.vocabulary.expand(w, { prefix: true }).some(near)
      );
    });
    // A question about a subject the articles cover ("Syria, a few bullets") is answerable, and
    // so is one whose content they say in other words: a synonym or a derived word ("scheduling"
    // → scheduled, "besides" → likewise), or a more specific one ("chat" → conversation).
    const unsaid = unknown.filter(
      (w) => !this.sense.expand(w).some((e) => e.weight >= SAID_OTHERWISE && this.vocabulary.has(e.term)),
    );
    if (unsaid.length === content.length && !subjects) return unsaid;
    // A synonym or a correction the articles use stands for an ordinary word, never for a name:
    // "Trump" is not "outdo". Short words are shorthand or abbreviations ("n", "pls", "idf")
    // unless written as a name.
    // A code is exact: "s300" is no slip of "300", and "g20" no shorthand.
    const codes = content.filter(
      (w) => isModelCode(w) && !this.vocabulary.has(w) && !this.vocabulary.has(w.replace(/s$/, '')),
    );
    return unique([...codes, ...unknown]).filter(
      (w) =>
        codes.includes(w) ||
        names.has(w) ||
        (w.length > 3 &&
          (this.sense.partOfSpeech(w) === 'proper' ||
            (!this.sense.isEnglish(w) && !this.sense.expand(w).length))),
    );
  }

  /**
   * The one name a word that is no English stands for two slips away ("pootin", "netanyhau"):
   * names are typed from their sound, and often twice wrong. It must start with the same letter,
   * and no other name may be as near. An English word ("price") is never read as a name ("prime").
   */
  private misspeltName(token: string): Expansion | undefined {
    if (token.length < NAME_TYPO_LENGTH || !/^[a-z]+$/.test(token) || this.sense.isEnglish(token))
      return undefined;
    const near = this.nameWords
      .near(token, 2)
      .filter((t) => t[0] === token[0] && !FUNCTION_WORDS.has(t) && !STOPWORDS.has(t));
    // Spellings of one name ("Putin", "Poutine") are one answer; names of two are a guess.
    const named = new Set(near.flatMap((t) => this.names.match([t]).map((m) => m.value.item)));
    const [nearest] = near.sort((a, b) => editDistance(token, a, 2) - editDistance(token, b, 2));
    return nearest && named.size === 1 ? { term: nearest, quality: 0.6 } : undefined;
  }

  /**
   * A word before a person's family name that is none of theirs, nor English, nor the articles':
   * the given name of someone else of that family ("Sara Netanyahu", "Yair Netanyahu"), whom the
   * articles never mention. A typo of their own given name was corrected before.
   */
  private otherGivenNames(tokens: readonly string[], matches: readonly PhraseMatch<Entity>[]): string[] {
    return matches.flatMap((m) => {
      const before = tokens[m.start - 1];
      return m.value.type === 'person' &&
        before !== undefined &&
        !FUNCTION_WORDS.has(before) &&
        !STOPWORDS.has(before) &&
        !/\d/.test(before) &&
        !this.nameWords.has(before) &&
        !this.vocabulary.has(before) &&
        !this.isShorthand(before) &&
        !isUnmarkedContraction(before) &&
        !this.isWord(before)
        ? [before]
        : [];
    });
  }

  /**
   * The one word of a name a clipped word starts ("the climate conf", "the centennial commem"):
   * only a word English does not know ("back" is no clipped "backed"), and only when no other
   * word of a name starts so.
   */
  private clippedName(token: string): string | undefined {
    // Chat shorthand for one word of a name ("conf" → conference) is that word.
    const [spelled, more] = this.sense.spellOut(token) ?? [];
    if (spelled && !more)
      return !FUNCTION_WORDS.has(spelled) && this.nameWords.has(spelled) ? spelled : undefined;
    if (token.length < MIN_CLIPPED || !/^[a-z]+$/.test(token) || this.isWord(token)) return undefined;
    const starts = this.nameWords
      .expand(token, { prefix: true })
      .filter((e) => e.term.startsWith(token) && e.term !== token)
      .map((e) => e.term)
      .sort((a, b) => a.length - b.length);
    // Words of one name's forms ("vladimir", "vladimirovich") name one person.
    const named = new Set(starts.flatMap((term) => this.names.match([term]).map((m) => m.value.item)));
    return named.size === 1 ? starts[0] : undefined;
  }

  /** An ordinary English word as typed: no name, and no typo of another word. */
  private isWord(token: string): boolean {
    return (
      this.sense.isEnglish(token) &&
      this.sense.correct(token) === undefined &&
      this.sense.partOfSpeech(token) !== 'proper'
    );
  }

  /** A word the lexicon reads as another spelling of a function word, and of nothing else. */
  private isShorthand(word: string): boolean {
    const isFunction = (w: string) => STOPWORDS.has(w) || FUNCTION_WORDS.has(w) || isFunctionWord(w);
    const [best] = this.sense.expand(word);
    if (best !== undefined && best.weight < 1 && isFunction(best.term)) return true;
    // Shorthand for words the articles never use ("tho": though) is shorthand all the same.
    const spelled = this.sense.inCorpus(word) ? undefined : this.sense.shorthandFor(word);
    return spelled !== undefined && spelled.length > 0 && spelled.every(isFunction);
  }

  /**
   * Resolves an option value: an id (what autocomplete sends), an exact name or alias, then a
   * fuzzy match.
   */
  resolve<K extends EntityType>(type: K, input: string): Resolution<ItemOf<K>> {
    const text = input.trim();
    if (!text) return { suggestions: [] };
    const byId = this.byId(type, text);
    if (byId) return { item: byId, suggestions: [] };
    const u = this.understand(text);
    const named = u[PLURAL[type]] as ItemOf<K>[];
    if (named.length === 1 && u.words.length === 0 && !hasDateFilter(u.dates)) {
      return { item: named[0], suggestions: [] };
    }
    const { hits } = this.indexes[type].search(text, { limit: 5, prefixLast: true });
    const [first, second] = hits;
    if (
      first &&
      (!second || first.score >= second.score * 1.5) &&
      first.matched === searchWords(text).length
    ) {
      return { item: first.item, suggestions: hits.slice(1).map((h) => h.item) };
    }
    return { suggestions: unique([...named, ...hits.map((h) => h.item)]).slice(0, 5) };
  }

  byId<K extends EntityType>(type: K, id: string): ItemOf<K> | undefined {
    // The fact base names each lookup after its type (kb.person, kb.meeting, …).
    const lookup = this.kb[type] as (id: string) => ItemOf<K> | undefined;
    return lookup(id);
  }

  all<K extends EntityType>(type: K): ItemOf<K>[] {
    return this.kb[PLURAL[type]] as ItemOf<K>[];
  }

  search<K extends EntityType>(type: K, query: string, limit = 10, prefixLast = false) {
    return this.indexes[type].search(query, { limit, prefixLast });
  }

  /** The places among these that some meeting happened in: only they can narrow a list of meetings. */
  meetingPlaces(places: Place[]): Place[] {
    return places.filter((p) => this.catalogue.meetingsAt(p.id).length > 0);
  }

  /** The place and every place that contains it: a venue, its city, its country. */
  placeChain(ref: PlaceRef | undefined): string[] {
    return placeChain(this.kb, ref);
  }

  quotesOf(meetingId: string): Quote[] {
    return this.catalogue.facets.get(meetingId)?.quotes ?? [];
  }

  /** People a meeting involves: its participants, and the people of its related events and quotes. */
  peopleOf(m: Meeting): ReadonlySet<string> {
    return this.catalogue.facets.get(m.id)?.people ?? new Set(m.participants);
  }

  /** Topics of a meeting, and of the quotes said at it. */
  topicsOf(m: Meeting): ReadonlySet<string> {
    return this.catalogue.facets.get(m.id)?.topics ?? new Set();
  }

  /**
   * Meetings that satisfy every filter given; newest first. Starts from the shortest list the
   * filters name (the meetings at a place, about a topic, with a person, in a year) and checks
   * the rest of the filters on those alone.
   */
  filterMeetings(filter: MeetingFilter): Meeting[] {
    const { catalogue } = this;
    const people = filter.people ?? [];
    const topics = filter.topics ?? [];
    const places = filter.places ?? [];
    const chosen = filter.meetings?.length ? new Set(filter.meetings.map((m) => m.id)) : undefined;
    // `byPlace` marks the list of the places asked for: its meetings need no place check.
    const lists: { meetings: readonly Meeting[]; ordered: boolean; byPlace?: boolean }[] = [
      ...(filter.meetings?.length ? [{ meetings: filter.meetings, ordered: false }] : []),
      ...topics.map((t) => ({ meetings: catalogue.meetingsAbout(t.id), ordered: true })),
      ...people.map((p) => ({ meetings: catalogue.meetingsWith(p.id), ordered: true })),
      ...(filter.dates?.year !== undefined
        ? [{ meetings: catalogue.meetingsIn(filter.dates.year), ordered: true }]
        : []),
    ];
    if (places.length === 1 && places[0])
      lists.push({ meetings: catalogue.meetingsAt(places[0].id), ordered: true, byPlace: true });
    else if (places.length > 1) {
      lists.push({
        meetings: catalogue.inOrderOf(places.map((p) => catalogue.meetingsAt(p.id))),
        ordered: true,
        byPlace: true,
      });
    }
    const start = lists.reduce<(typeof lists)[number]>(
      (best, list) => (list.meetings.length < best.meetings.length ? list : best),
      { meetings: this.kb.meetings, ordered: true },
    );
    const dated = filter.dates !== undefined && hasDateFilter(filter.dates);
    const placed = places.length > 0 && !start.byPlace;
    // The places' own list, and nothing else to check: thousands of meetings need no pass.
    if (!chosen && !placed && !topics.length && !people.length && !dated && start.ordered) {
      return [...start.meetings];
    }
    const found = start.meetings.filter((m) => {
      if (chosen && !chosen.has(m.id)) return false;
      if (placed && !places.some((p) => catalogue.facets.get(m.id)?.places.includes(p.id))) return false;
      if (topics.length) {
        const about = this.topicsOf(m);
        if (!topics.every((t) => about.has(t.id))) return false;
      }
      if (people.length) {
        const involved = this.peopleOf(m);
        if (!people.every((p) => involved.has(p.id))) return false;
      }
      if (dated && !dateMatches(m.date, filter.dates as DateQuery)) return false;
      return true;
    });
    const position = (m: Meeting) => catalogue.order.get(m) ?? 0;
    return start.ordered ? found : found.sort((a, b) => position(a) - position(b));
  }

  /**
   * Quotes by a speaker and from a set of meetings, ranked by how well they match the words.
   * Only the quotes that match as many words as the best one are kept.
   */
  findQuotes(options: { speaker?: Person; meetings?: Meeting[]; words?: string[] }): Quote[] {
    const { speaker, meetings, words } = options;
    // The quotes of the meetings or the speaker asked about, in the fact base's order.
    const pool =
      meetings || speaker
        ? (meetings
            ? this.catalogue.inOrder(meetings.flatMap((m) => this.quotesOf(m.id)))
            : [...this.catalogue.quotesBy((speaker as Person).id)]
          ).filter((q) => !speaker || q.speaker === speaker.id)
        : undefined;
    if (!words?.length) return pool ?? [...this.kb.quotes];
    return this.quoteIndex
      .search(words, { limit: this.kb.quotes.length, leaders: 0.35, ...(pool && { within: new Set(pool) }) })
      .hits.map((h) => h.item);
  }
}

/** English's prepositions that put something at a place (not "from", which says where it came from). */
const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(['in', 'to', 'into', 'at', 'inside', 'within']);
/** English's nouns and verbs of going to a place. */
const JOURNEYS: ReadonlySet<string> = new Set(['visit', 'trip', 'travel', 'journey', 'tour']);

/**
 * Words written with a capital inside a sentence: names, as English writes them. A word all in
 * capitals (URL, IDF) is an abbreviation or shouting, not a sign of a name.
 */
function capitalisedInside(text: string): Set<string> {
  const out = new Set<string>();
  for (const sentence of text.split(/[.!?]+\s+/))
    for (const word of sentence.trim().split(/\s+/).slice(1))
      if (/^\p{Lu}\p{Ll}/u.test(word)) for (const t of foldForSearch(word).split(' ')) out.add(t);
  return out;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
