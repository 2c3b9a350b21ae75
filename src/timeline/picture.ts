import { placeName, shortDate } from '../answers/format.js';
import type { KnowledgeBase, KnowledgeEvent, KnownDate, Meeting } from '../knowledge/model.js';
import type { MeetingKind } from '../knowledge/schema.js';

/**
 * What a timeline shows, worked out from the fact base alone: platform-neutral data that the
 * chart (chart.ts) draws and the alt text and console timeline put into words. Nothing here
 * loads a renderer.
 */

/** How each kind of record is named in the legend, the alt text and the console. */
export const KIND_NAMES = {
  reported: 'reported',
  recalled: 'mentioned in passing',
  photo: 'photo caption only',
  planned: 'planned',
} as const satisfies Record<MeetingKind, string>;

export const EVENT_NAME = 'related event';

export type MarkKind = (typeof KIND_NAMES)[MeetingKind] | typeof EVENT_NAME;

/** One meeting or event: where its date could fall, in ms since the epoch (UTC). */
export interface Mark {
  /** "Sochi · 12 Sep 2019": the meeting's row on the chart. */
  label: string;
  kind: MarkKind;
  /** The first and last instant the date can mean; equal halves of a day for a known day. */
  start: number;
  end: number;
  /** Where the mark's symbol sits: the day, or the middle of the month or year. */
  at: number;
  /** The date is known only to its month or year: drawn as the span it could fall in. */
  span: boolean;
  inferred: boolean;
}

/** Meetings counted per month or year, when there are too many to draw one by one. */
export interface Bucket {
  kind: MarkKind;
  /** The period's first instant and the next period's. */
  start: number;
  end: number;
  count: number;
  /** "Mar 2019" or "2019". */
  period: string;
}

export interface Picture {
  /** "Netanyahu–Putin meetings about Syria, 2015–2016". */
  title: string;
  /** "8 meetings · 16 related events". */
  subtitle: string;
  /** One line per source article, or a count when there are many. */
  footer: string[];
  /** Each meeting drawn one by one, oldest first; empty when they are counted instead. */
  marks: Mark[];
  /** Related events, drawn on a lane of their own. */
  events: Mark[];
  /** Counts per period, when `marks` would be too many to read. */
  buckets: Bucket[];
  /** The busiest periods, labelled on the chart. */
  densest: Bucket[];
  granularity?: 'month' | 'year';
  /** The time axis: first and last instant shown. */
  domain: [number, number];
}

/** More meetings than this are counted per period: one row each would no longer fit or read. */
const MAX_ROWS = 24;
/** At most this many source articles are named in the picture's footer. */
const MAX_FOOTER_SOURCES = 5;
const DENSEST = 5;

const DAY = 86_400_000;

/** The instants a date can mean: a whole day, month or year. */
function dateSpan(date: KnownDate): { start: number; end: number } {
  const month = (date.month ?? 1) - 1;
  const start = Date.UTC(date.year, month, date.day ?? 1);
  const end =
    date.precision === 'day'
      ? start + DAY
      : date.precision === 'month'
        ? Date.UTC(date.year, month + 1, 1)
        : Date.UTC(date.year + 1, 0, 1);
  return { start, end };
}

export function meetingLabel(kb: KnowledgeBase, m: Meeting): string {
  const where =
    placeName(kb, m.place) ?? (m.format.values.includes('phone') ? 'By telephone' : 'Place not stated');
  return `${where} · ${shortDate(m.date)}`;
}

function markOf(label: string, kind: MarkKind, date: KnownDate): Mark {
  const { start, end } = dateSpan(date);
  return {
    label,
    kind,
    start,
    end,
    at: (start + end) / 2,
    span: date.precision !== 'day',
    inferred: date.status === 'inferred',
  };
}

const oldestFirst = <T extends { start: number }>(a: T, b: T) => a.start - b.start;

export function buildPicture(
  kb: KnowledgeBase,
  meetings: Meeting[],
  events: KnowledgeEvent[],
  filters: string[],
  /** The filters name the years shown, which the title then need not repeat. */
  yearsNamed = false,
): Picture {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const m of meetings) {
    first = Math.min(first, m.date.year);
    last = Math.max(last, m.date.year);
  }
  const years = yearsNamed ? '' : `, ${first === last ? first : `${first}–${last}`}`;
  const title = `Netanyahu–Putin meetings${filters.length ? ` ${filters.join(', ')}` : ''}${years}`;
  const eventMarks = events.map((e) => markOf(e.label, EVENT_NAME, e.date)).sort(oldestFirst);
  const counted = meetings.length > MAX_ROWS;
  // Counted per month or year, whole years are shown; one by one, each date's own span.
  const spans = counted
    ? [{ start: Date.UTC(first, 0, 1), end: Date.UTC(last + 1, 0, 1) }]
    : meetings.map((m) => dateSpan(m.date));
  const granularity = counted ? granularityOf(meetings, first, last) : undefined;
  const buckets = granularity ? countPer(meetings, granularity) : [];
  const densest = [...byPeriod(buckets).values()]
    .sort((a, b) => b.count - a.count || a.start - b.start)
    .slice(0, counted ? DENSEST : 0);
  return {
    title,
    subtitle: [
      plainCount(meetings.length, 'meeting'),
      counted ? `counted per ${granularity}` : '',
      events.length ? plainCount(events.length, EVENT_NAME) : '',
    ]
      .filter(Boolean)
      .join(' · '),
    footer: footerLines(kb, meetings),
    marks: counted
      ? []
      : meetings.map((m) => markOf(meetingLabel(kb, m), KIND_NAMES[m.kind], m.date)).sort(oldestFirst),
    events: counted ? [] : eventMarks,
    buckets: counted ? [...buckets, ...countPer(events, granularity ?? 'year', EVENT_NAME)] : [],
    densest,
    ...(granularity && { granularity }),
    domain: domainOf([...spans, ...eventMarks]),
  };
}

const plainCount = (n: number, one: string) => `${n.toLocaleString('en-GB')} ${one}${n === 1 ? '' : 's'}`;

/** Months while they are few enough to tell apart and every date names its month; else years. */
function granularityOf(meetings: Meeting[], first: number, last: number): 'month' | 'year' {
  return last - first < 6 && meetings.every((m) => m.date.precision !== 'year') ? 'month' : 'year';
}

const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const KIND_ORDER = Object.keys(KIND_NAMES);

function countPer(
  records: { date: KnownDate; kind?: string }[],
  granularity: 'month' | 'year',
  only?: MarkKind,
): Bucket[] {
  // Keyed by number, not text: at 10,000 meetings building a string key per meeting costs more.
  const counts = new Map<number, Bucket>();
  for (const r of records) {
    const kind = only ?? KIND_NAMES[r.kind as MeetingKind];
    const month = granularity === 'month' ? (r.date.month ?? 1) - 1 : 0;
    const lane = only ? 0 : KIND_ORDER.indexOf(r.kind as MeetingKind) + 1;
    const key = (r.date.year * 12 + month) * 8 + lane;
    const known = counts.get(key);
    if (known) {
      known.count++;
      continue;
    }
    counts.set(key, {
      kind,
      start: Date.UTC(r.date.year, month, 1),
      end: granularity === 'month' ? Date.UTC(r.date.year, month + 1, 1) : Date.UTC(r.date.year + 1, 0, 1),
      count: 1,
      period: granularity === 'month' ? `${MONTH_ABBR[month]} ${r.date.year}` : String(r.date.year),
    });
  }
  return [...counts.values()].sort(oldestFirst);
}

/** Every kind's count in a period added up: how busy the period was. */
function byPeriod(buckets: Bucket[]): Map<number, Bucket> {
  const totals = new Map<number, Bucket>();
  for (const b of buckets) {
    const known = totals.get(b.start);
    totals.set(b.start, known ? { ...known, count: known.count + b.count } : { ...b });
  }
  return totals;
}

/** The time shown: every date's span, a little room either side, and at least a year. */
function domainOf(spans: { start: number; end: number }[]): [number, number] {
  const start = spans.reduce((min, s) => Math.min(min, s.start), Number.POSITIVE_INFINITY);
  const end = spans.reduce((max, s) => Math.max(max, s.end), Number.NEGATIVE_INFINITY);
  const minimum = 365 * DAY;
  const width = Math.max(end - start, minimum);
  const middle = (start + end) / 2;
  const pad = width * 0.04;
  return [middle - width / 2 - pad, middle + width / 2 + pad];
}

function footerLines(kb: KnowledgeBase, meetings: Meeting[]): string[] {
  const distinct = new Set<string>();
  for (const m of meetings) for (const id of m.sources) distinct.add(id);
  const ids = [...distinct];
  const named = ids.slice(0, MAX_FOOTER_SOURCES).flatMap((id) => {
    const s = kb.source(id);
    return s ? [`${s.publisher ? `${s.publisher}: ` : ''}“${s.title}” (${shortDate(s.published)})`] : [];
  });
  const more = ids.length - named.length;
  return [...named, ...(more > 0 ? [`…and ${plainCount(more, 'more article')}; /sources lists them`] : [])];
}
