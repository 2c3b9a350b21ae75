import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTICLES_FOLDER } from './files.js';
import type {
  DateFact,
  EventRecord,
  MeetingRecord,
  Person,
  Place,
  QuoteRecord,
  SourceRecord,
  Topic,
} from './schema.js';

export type DatePrecision = 'year' | 'month' | 'day';

/** A date fact with what its written form implies: precision and a key that sorts chronologically. */
export interface KnownDate extends DateFact {
  precision: DatePrecision;
  year: number;
  month?: number;
  day?: number;
  /**
   * Sorts chronologically. A less precise date sorts after the precise dates it could be (2015
   * after 2015-12-31), unless its record says which dates it comes before or after (see `between`).
   */
  sortKey: string;
}

export interface Source extends Omit<SourceRecord, 'published'> {
  published: KnownDate;
}

export interface Meeting extends Omit<MeetingRecord, 'date'> {
  date: KnownDate;
  /** Every source that supports any part of the record, in first-cited order. */
  sources: string[];
}

export interface KnowledgeEvent extends Omit<EventRecord, 'date'> {
  date: KnownDate;
  sources: string[];
}

export interface Quote extends Omit<QuoteRecord, 'date'> {
  /** The quote's own date when the article gives one apart from its meeting's. */
  date?: KnownDate;
}

export interface KnowledgeBase {
  dir: string;
  /** A short hash of every file: changes whenever any record or article changes. */
  version: string;
  sources: Source[];
  people: Person[];
  places: Place[];
  topics: Topic[];
  /** Newest first. */
  meetings: Meeting[];
  /** Newest first. */
  events: KnowledgeEvent[];
  quotes: Quote[];
  source(id: string): Source | undefined;
  person(id: string): Person | undefined;
  place(id: string): Place | undefined;
  topic(id: string): Topic | undefined;
  meeting(id: string): Meeting | undefined;
  event(id: string): KnowledgeEvent | undefined;
  quote(id: string): Quote | undefined;
  /**
   * An article's text exactly as received, read from its file: only building the search indexes
   * needs it, and kept in memory, a large fact base's articles would be most of what it holds.
   */
  article(source: Source): string;
}

export function toKnownDate(fact: DateFact): KnownDate {
  const [y, m, d] = fact.value.split('-').map(Number);
  const year = y as number;
  const precision: DatePrecision = d !== undefined ? 'day' : m !== undefined ? 'month' : 'year';
  const sortKey = `${dayKey(year, m ?? 13, d ?? 32)}${AT}`;
  return {
    ...fact,
    precision,
    year,
    ...(m !== undefined && { month: m }),
    ...(d !== undefined && { day: d }),
    sortKey,
  };
}

// A key's last character places it among dates that share its day: just before, at, just after.
const BEFORE = '4';
const AT = '5';
const AFTER = '6';

const dayKey = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/**
 * A less precise date placed by what the records say it comes after and before: just before the
 * earliest date it precedes, else just after the latest it follows, within its own month or year.
 * `moscow-2015 < phone-2015 < paris-2015`: the calls of 2015 sort before 30 November, not after it.
 */
export function between(
  date: KnownDate,
  after: readonly KnownDate[],
  before: readonly KnownDate[],
): KnownDate {
  if (date.precision === 'day') return date;
  const first = dayKey(date.year, date.month ?? 0, 0);
  const last = date.sortKey;
  const bounds = (dates: readonly KnownDate[]) =>
    dates.map((d) => d.sortKey.slice(0, -1)).filter((k) => k > first && k <= last.slice(0, -1));
  const earliestBefore = bounds(before).sort()[0];
  const latestAfter = bounds(after).sort().at(-1);
  const sortKey = earliestBefore
    ? `${earliestBefore}${BEFORE}`
    : latestAfter
      ? `${latestAfter}${AFTER}`
      : date.sortKey;
  return { ...date, sortKey };
}

/** Sort keys are fixed-width digits and hyphens: comparing code units orders them, and fast. */
export const newestFirst = (a: { date: KnownDate }, b: { date: KnownDate }) =>
  a.date.sortKey < b.date.sortKey ? 1 : a.date.sortKey > b.date.sortKey ? -1 : 0;

/** The records of a fact base, without the lookups. */
export type KnowledgeRecords = Omit<
  KnowledgeBase,
  'source' | 'person' | 'place' | 'topic' | 'meeting' | 'event' | 'quote' | 'article'
>;

function indexById<T extends { id: string }>(items: T[]): (id: string) => T | undefined {
  const map = new Map(items.map((item) => [item.id, item]));
  return (id) => map.get(id);
}

/** A fact base from its records: the records, and a lookup by id for each collection. */
export function withLookups(records: KnowledgeRecords): KnowledgeBase {
  return {
    ...records,
    source: indexById(records.sources),
    person: indexById(records.people),
    place: indexById(records.places),
    topic: indexById(records.topics),
    meeting: indexById(records.meetings),
    event: indexById(records.events),
    quote: indexById(records.quotes),
    article: (source) => readFileSync(join(records.dir, ARTICLES_FOLDER, source.file), 'utf8'),
  };
}
