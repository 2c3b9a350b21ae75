import type { KnowledgeBase, KnowledgeEvent, Meeting, Quote, Source } from '../knowledge/model.js';
import type { Person, Place, PlaceRef, Topic } from '../knowledge/schema.js';
import { type DateQuery, dateMatches, hasDateFilter, MONTHS, parseDateQuery } from '../search/dates.js';
import { STOPWORDS } from '../search/stopwords.js';
import { type Field, searchWords, TextIndex } from '../search/text-index.js';
import { plausibleTypo, Vocabulary } from '../search/vocabulary.js';
import { foldForSearch, tokenize } from '../text/normalise.js';
import { FUNCTION_WORDS, PhraseMatcher } from './phrases.js';

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

const MONTH_WORDS = (m: Meeting | KnowledgeEvent) =>
  [String(m.date.year), m.date.month ? MONTHS[m.date.month - 1] : ''].join(' ');

/**
 * The answer engine's view of a fact base: search indexes, a name matcher and the filters the
 * commands share. Built once per fact base; holds no per-question state.
 */
export class Engine {
  readonly vocabulary: Vocabulary;
  readonly meetingIndex: TextIndex<Meeting>;
  readonly eventIndex: TextIndex<KnowledgeEvent>;
  readonly quoteIndex: TextIndex<Quote>;
  private readonly indexes: { [K in EntityType]: TextIndex<ItemOf<K>> };
  private readonly names = new PhraseMatcher<Entity>();
  private readonly nameWords: Vocabulary;
  /** What each meeting involves, worked out once: its quotes, people and topics. */
  private readonly facets: Map<string, MeetingFacets>;
  /** People in most meetings (the two leaders): naming them narrows nothing. */
  readonly principals: Set<string>;
  /** The words of their names and aliases, which narrow no search either. */
  readonly principalWords: Set<string>;

  constructor(readonly kb: KnowledgeBase) {
    this.facets = meetingFacets(kb);
    const fieldsOf = {
      person: (p: Person): Field[] => [
        { text: p.name, weight: 3 },
        { text: p.aliases.join(' '), weight: 2.5 },
        { text: p.role, weight: 1 },
      ],
      place: (p: Place): Field[] => [
        { text: p.name, weight: 3 },
        { text: p.aliases.join(' '), weight: 2.5 },
        { text: p.description ?? '', weight: 1 },
      ],
      topic: (t: Topic): Field[] => [
        { text: t.label, weight: 3 },
        { text: t.aliases.join(' '), weight: 2.5 },
      ],
      source: (s: Source): Field[] => [
        { text: s.title, weight: 2 },
        { text: [s.publisher, s.author].filter(Boolean).join(' '), weight: 3 },
        {
          text: kb.meetings
            .filter((m) => m.sources.includes(s.id))
            .map((m) => `${this.placeWords(m.place)} ${m.occasion?.label ?? ''} ${m.date.year}`)
            .join(' '),
          weight: 1,
        },
      ],
      meeting: (m: Meeting): Field[] => [
        { text: this.placeWords(m.place), weight: 3 },
        { text: [m.occasion?.label, ...(m.occasion?.aliases ?? []), ...m.aliases].join(' '), weight: 3 },
        { text: MONTH_WORDS(m), weight: 2 },
        { text: `${m.format.values.join(' ')} ${m.kind}`, weight: 1.5 },
        { text: this.topicWords(m.topics.map((t) => t.topic)), weight: 1.2 },
        { text: m.participants.map((p) => kb.person(p)?.name ?? '').join(' '), weight: 0.5 },
        { text: m.summary, weight: 0.6 },
        {
          text: this.quotesOf(m.id)
            .map((q) => q.text)
            .join(' '),
          weight: 0.4,
        },
      ],
      event: (e: KnowledgeEvent): Field[] => [
        { text: `${e.label} ${e.aliases.join(' ')}`, weight: 3 },
        { text: e.kind, weight: 1 },
        { text: this.placeWords(e.place), weight: 2 },
        { text: MONTH_WORDS(e), weight: 2 },
        { text: this.topicWords(e.topics), weight: 1 },
        { text: e.people.map((p) => kb.person(p)?.name ?? '').join(' '), weight: 1 },
        { text: e.summary, weight: 0.7 },
      ],
      quote: (q: Quote): Field[] => [
        { text: q.text, weight: 2 },
        { text: q.context ?? '', weight: 0.8 },
        { text: this.topicWords(q.topics), weight: 1.5 },
        { text: q.speaker ? (kb.person(q.speaker)?.name ?? '') : '', weight: 0.5 },
      ],
    };

    const docs = {
      person: kb.people.map((item) => ({ item, fields: fieldsOf.person(item) })),
      place: kb.places.map((item) => ({ item, fields: fieldsOf.place(item) })),
      topic: kb.topics.map((item) => ({ item, fields: fieldsOf.topic(item) })),
      source: kb.sources.map((item) => ({ item, fields: fieldsOf.source(item) })),
      meeting: kb.meetings.map((item) => ({ item, fields: fieldsOf.meeting(item) })),
      event: kb.events.map((item) => ({ item, fields: fieldsOf.event(item) })),
      quote: kb.quotes.map((item) => ({ item, fields: fieldsOf.quote(item) })),
    };

    const terms = new Set<string>(STOPWORDS);
    for (const list of Object.values(docs)) {
      for (const doc of list) for (const term of TextIndex.termsOf(doc.fields)) terms.add(term);
    }
    for (const source of kb.sources) for (const term of tokenize(source.text)) terms.add(term);
    this.vocabulary = new Vocabulary(terms);

    this.meetingIndex = new TextIndex(this.vocabulary, docs.meeting);
    this.eventIndex = new TextIndex(this.vocabulary, docs.event);
    this.quoteIndex = new TextIndex(this.vocabulary, docs.quote);
    this.indexes = {
      person: new TextIndex(this.vocabulary, docs.person),
      place: new TextIndex(this.vocabulary, docs.place),
      topic: new TextIndex(this.vocabulary, docs.topic),
      source: new TextIndex(this.vocabulary, docs.source),
      meeting: this.meetingIndex,
      event: this.eventIndex,
    };

    const counts = new Map<string, number>();
    for (const m of kb.meetings) for (const p of m.participants) counts.set(p, (counts.get(p) ?? 0) + 1);
    this.principals = new Set([...counts].filter(([, n]) => n > kb.meetings.length / 2).map(([id]) => id));
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
    // is a sentence whose words ("Russian", "jet") are better left to the search.
    const generic = new Set([
      ...STOPWORDS,
      'russian',
      'israeli',
      'president',
      'minister',
      'prime',
      'defense',
      'defence',
    ]);
    for (const type of ['person', 'place', 'topic'] as const) {
      this.names.addDistinctiveWords(
        this.namesOf(type).map(({ entity, phrases }) => ({ value: entity, phrases })),
        generic,
      );
    }
  }

  /** Names, dates and leftover words of a free-text question or lookup. */
  understand(question: string): Understanding {
    const dates = parseDateQuery(question);
    const corrections: [string, string][] = [];
    const tokens = dates.rest
      .split(' ')
      .filter(Boolean)
      .map((token) => {
        if (FUNCTION_WORDS.has(token) || this.nameWords.has(token) || this.vocabulary.has(token))
          return token;
        const best = this.nameWords.expand(token)[0];
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
    const matches = this.names.match(tokens);
    const used = new Set(
      matches.flatMap((m) => Array.from({ length: m.end - m.start }, (_, i) => m.start + i)),
    );
    const of = <K extends EntityType>(type: K) =>
      unique(matches.filter((m) => m.value.type === type).map((m) => m.value.item as ItemOf<K>));
    const words = tokens.filter((t, i) => !used.has(i) && !STOPWORDS.has(t) && !FUNCTION_WORDS.has(t));
    return {
      question,
      dates,
      people: of('person'),
      places: of('place'),
      topics: of('topic'),
      meetings: of('meeting'),
      events: of('event'),
      sources: of('source'),
      words,
      // A word the fact base lacks whose only near spellings are stop words ("wear" ~ "year") is unknown.
      unknown: unique(words).filter(
        (w) =>
          !this.vocabulary.has(w) &&
          !this.vocabulary.expand(w).some((e) => !STOPWORDS.has(e.term) && plausibleTypo(w, e.term)),
      ),
      corrections,
      corrected: tokens.join(' '),
    };
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
    return places.filter((p) => this.kb.meetings.some((m) => this.placeChain(m.place).includes(p.id)));
  }

  /** The place and every place that contains it: a venue, its city, its country. */
  placeChain(ref: PlaceRef | undefined): string[] {
    if (!ref || ref.unknown) return [];
    const chain: string[] = [];
    for (const start of [ref.venue, ref.city, ref.region, ref.country]) {
      for (let id = start; id && !chain.includes(id); ) {
        chain.push(id);
        id = this.kb.place(id)?.within;
      }
    }
    return chain;
  }

  private placeWords(ref: PlaceRef | undefined): string {
    return this.placeChain(ref)
      .map((id) => this.kb.place(id))
      .map((p) => (p ? `${p.name} ${p.aliases.join(' ')}` : ''))
      .join(' ');
  }

  private topicWords(ids: string[]): string {
    return ids
      .map((id) => this.kb.topic(id))
      .map((t) => (t ? `${t.label} ${t.aliases.join(' ')}` : ''))
      .join(' ');
  }

  quotesOf(meetingId: string): Quote[] {
    return this.facets.get(meetingId)?.quotes ?? [];
  }

  /** People a meeting involves: its participants, and the people of its related events and quotes. */
  peopleOf(m: Meeting): ReadonlySet<string> {
    return this.facets.get(m.id)?.people ?? new Set(m.participants);
  }

  /** Topics of a meeting, and of the quotes said at it. */
  topicsOf(m: Meeting): ReadonlySet<string> {
    return this.facets.get(m.id)?.topics ?? new Set();
  }

  /** Meetings that satisfy every filter given; newest first. */
  filterMeetings(filter: MeetingFilter): Meeting[] {
    const people = filter.people ?? [];
    const chosen = filter.meetings?.length ? new Set(filter.meetings.map((m) => m.id)) : undefined;
    return this.kb.meetings.filter((m) => {
      if (chosen && !chosen.has(m.id)) return false;
      if (filter.places?.length) {
        const chain = this.placeChain(m.place);
        if (!filter.places.some((p) => chain.includes(p.id))) return false;
      }
      if (filter.topics?.length) {
        const topics = this.topicsOf(m);
        if (!filter.topics.every((t) => topics.has(t.id))) return false;
      }
      if (people.length) {
        const involved = this.peopleOf(m);
        if (!people.every((p) => involved.has(p.id))) return false;
      }
      if (filter.dates && !dateMatches(m.date, filter.dates)) return false;
      return true;
    });
  }

  /**
   * Quotes by a speaker and from a set of meetings, ranked by how well they match the words.
   * Only the quotes that match as many words as the best one are kept.
   */
  findQuotes(options: { speaker?: Person; meetings?: Meeting[]; words?: string[] }): Quote[] {
    const meetingIds = options.meetings ? new Set(options.meetings.map((m) => m.id)) : undefined;
    const accept = (q: Quote) =>
      (!options.speaker || q.speaker === options.speaker.id) &&
      (!meetingIds || (q.meeting !== undefined && meetingIds.has(q.meeting)));
    if (!options.words?.length) return this.kb.quotes.filter(accept);
    const hits = this.quoteIndex
      .search(options.words, { limit: this.kb.quotes.length })
      .hits.filter((h) => accept(h.item));
    const best = hits[0];
    if (!best) return [];
    return hits.filter((h) => h.matched === best.matched && h.score >= best.score * 0.35).map((h) => h.item);
  }
}

interface MeetingFacets {
  quotes: Quote[];
  people: Set<string>;
  topics: Set<string>;
}

function meetingFacets(kb: KnowledgeBase): Map<string, MeetingFacets> {
  const facets = new Map<string, MeetingFacets>(
    kb.meetings.map((m) => [
      m.id,
      { quotes: [], people: new Set(m.participants), topics: new Set(m.topics.map((t) => t.topic)) },
    ]),
  );
  for (const q of kb.quotes) {
    const f = q.meeting ? facets.get(q.meeting) : undefined;
    if (!f) continue;
    f.quotes.push(q);
    for (const id of [q.speaker, q.addressee]) if (id) f.people.add(id);
    for (const t of q.topics) f.topics.add(t);
  }
  for (const e of kb.events) {
    const linked = new Set([
      ...e.meetings,
      ...kb.meetings.filter((m) => m.related.includes(e.id)).map((m) => m.id),
    ]);
    for (const id of linked) for (const p of e.people) facets.get(id)?.people.add(p);
  }
  return facets;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
