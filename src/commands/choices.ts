import { eventTitle, meetingLine, plural } from '../answers/format.js';
import { quoteLabel } from '../answers/quotes.js';
import type { Engine } from '../engine/engine.js';
import { EVENT_BIAS } from '../engine/targets.js';
import type { KnowledgeEvent, KnownDate, Meeting, Quote } from '../knowledge/model.js';
import type { Person, Place, Topic } from '../knowledge/schema.js';
import { LIMITS } from '../limits.js';
import { dateMatches, hasDateFilter, parseDateQuery } from '../search/dates.js';
import type { Hit, TextIndex } from '../search/text-index.js';
import { type Choice, choice, MAX_QUERY_LENGTH } from './command.js';

/**
 * Autocomplete for every lookup option. Empty input gets the most useful defaults (the
 * meetings newest first, the places they happened in); typed input is matched as a prefix or
 * with typos, best first. Values are stable ids; names carry context (date · place).
 */

const MAX = LIMITS.choices;

/** What was typed, as far as an option holds it: a longer value is never searched in full. */
const typed = (value: string) => value.slice(0, MAX_QUERY_LENGTH);

/**
 * How the records behind a long list are searched: the last word may be half typed, and a record
 * must hold every typed word (or, when none does, as many as any does). Suggestions narrow as the
 * user types, as in any search box, and common words cost no more than the rarest one typed.
 */
const AS_TYPED = { limit: MAX, prefixLast: true, misses: 0 } as const;

function ranked<T>(hits: { item: T }[], all: T[], value: string, label: (t: T) => Choice): Choice[] {
  const source = value.trim() ? hits.map((h) => h.item) : all;
  return source.slice(0, MAX).map(label);
}

/**
 * What was typed into a meeting option, read as a lookup is: a date in it ("May 2018") narrows
 * the meetings and events to those dated so, and the words are searched among them. Without this
 * the month would be lost: "may" and most date words are stop words to the search.
 */
function typedLookup(
  engine: Engine,
  value: string,
): { words: string; meetings?: Pool<Meeting>; events?: Pool<KnowledgeEvent> } {
  const words = typed(value);
  const dates = parseDateQuery(words);
  if (!hasDateFilter(dates)) return { words };
  const dated = (record: { date: KnownDate }) => dateMatches(record.date, dates);
  return {
    words,
    meetings: { admits: dated, all: () => engine.filterMeetings({ dates }) },
    events: { admits: dated, all: () => engine.kb.events.filter(dated) },
  };
}

/** Records narrowed by a date: a test for the search, and the whole list when it finds nothing. */
interface Pool<T> {
  admits(item: T): boolean;
  all(): T[];
}

/** Hits among `pool` (every record when undefined); when no word matches, the pool newest first. */
function searchWithin<T>(index: TextIndex<T>, words: string, pool: Pool<T> | undefined): Hit<T>[] {
  if (!pool) return index.search(words, AS_TYPED).hits;
  const { hits } = index.search(words, { ...AS_TYPED, within: pool.admits });
  if (hits.length) return hits;
  return pool
    .all()
    .slice(0, MAX)
    .map((item) => ({ item, score: 0, weight: 0, matched: 0 }));
}

export function meetingChoices(engine: Engine, value: string): Choice[] {
  const lookup = typedLookup(engine, value);
  const hits = searchWithin(engine.meetingChoiceIndex, lookup.words, lookup.meetings);
  return ranked(hits, engine.kb.meetings, value, (m) => choice(meetingLine(engine.kb, m), m.id));
}

/** Meetings and related events, for /when and /where. */
export function targetChoices(engine: Engine, value: string): Choice[] {
  if (!value.trim()) return meetingChoices(engine, value);
  const lookup = typedLookup(engine, value);
  const meetings = searchWithin(engine.meetingChoiceIndex, lookup.words, lookup.meetings);
  const events = searchWithin(engine.eventIndex, lookup.words, lookup.events);
  return [
    ...meetings.map((h) => ({ score: h.score, c: choice(meetingLine(engine.kb, h.item), h.item.id) })),
    ...events.map((h) => ({ score: h.score * EVENT_BIAS, c: choice(eventTitle(h.item), h.item.id) })),
  ]
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX)
    .map((x) => x.c);
}

/** Places, topics and speakers by how often they come up, worked out once per fact base. */
interface Rankings {
  hosts: Place[];
  topics: Topic[];
  speakers: Person[];
  /** The first quotes worth offering before anything is typed. */
  quotes: Quote[];
}

const rankings = new WeakMap<Engine, Rankings>();

function rankingsOf(engine: Engine): Rankings {
  const known = rankings.get(engine);
  if (known) return known;
  const { kb, catalogue } = engine;
  const byCount = <T>(items: T[], count: (item: T) => number) =>
    items
      .map((item) => ({ item, n: count(item) }))
      .sort((a, b) => b.n - a.n)
      .map(({ item }) => item);
  const hostCount = (p: Place) => catalogue.meetingsAt(p.id).length;
  const quoteCount = (p: Person) => catalogue.quotesBy(p.id).length;
  const quotes: Quote[] = [];
  for (const q of kb.quotes) {
    if (quotes.length === MAX) break;
    if (q.kind === 'direct' && q.text.length > 30) quotes.push(q);
  }
  const made: Rankings = {
    hosts: byCount(
      kb.places.filter((p) => hostCount(p) > 0),
      hostCount,
    ),
    topics: byCount(kb.topics, (t) => catalogue.meetingsAbout(t.id).length),
    speakers: byCount(
      kb.people.filter((p) => quoteCount(p) > 0),
      quoteCount,
    ),
    quotes,
  };
  rankings.set(engine, made);
  return made;
}

export function placeChoices(engine: Engine, value: string): Choice[] {
  const count = (id: string) => engine.catalogue.meetingsAt(id).length;
  const { hits } = engine.search('place', typed(value), MAX, true);
  const label = (p: Place) => {
    const parent = p.within ? engine.kb.place(p.within)?.name : undefined;
    return choice([p.name, parent, plural(count(p.id), 'meeting')].filter(Boolean).join(' · '), p.id);
  };
  return ranked(hits, rankingsOf(engine).hosts, value, label);
}

export function topicChoices(engine: Engine, value: string): Choice[] {
  const count = (id: string) => engine.catalogue.meetingsAbout(id).length;
  const { hits } = engine.search('topic', typed(value), MAX, true);
  return ranked(hits, rankingsOf(engine).topics, value, (t) =>
    choice(`${t.label} · ${plural(count(t.id), 'meeting')}`, t.id),
  );
}

export function personChoices(engine: Engine, value: string): Choice[] {
  const { hits } = engine.search('person', typed(value), MAX, true);
  return ranked(hits, engine.kb.people, value, (p) => choice(`${p.name} · ${p.role}`, p.id));
}

/** People who are quoted, most quoted first. */
export function speakerChoices(engine: Engine, value: string): Choice[] {
  const count = (id: string) => engine.catalogue.quotesBy(id).length;
  const { hits } = engine.search('person', typed(value), MAX, true);
  const quoted = hits.filter((h) => count(h.item.id) > 0);
  return ranked(quoted, rankingsOf(engine).speakers, value, (p) =>
    choice(`${p.name} · ${plural(count(p.id), 'quote')}`, p.id),
  );
}

export function quoteChoices(engine: Engine, value: string): Choice[] {
  const { hits } = engine.quoteIndex.search(typed(value), AS_TYPED);
  return ranked(hits, rankingsOf(engine).quotes, value, (q) => choice(quoteLabel(engine, q), q.id));
}
