import type { Engine, Understanding } from '../engine/engine.js';
import { findTargets } from '../engine/targets.js';
import type { KnowledgeEvent, KnownDate, Meeting } from '../knowledge/model.js';
import { foldForSearch } from '../text/normalise.js';
import { citeSources, eventTitle, meetingTitle } from './format.js';
import { type Reply, reply } from './reply.js';

/** Whole calendar units from one date to a later one, when both dates are precise enough to tell. */
const SPANS: Record<string, (from: KnownDate, to: KnownDate) => number | undefined> = {
  year: (from, to) => {
    const months = monthsApart(from, to);
    return months === undefined ? to.year - from.year : Math.floor(months / 12);
  },
  month: (from, to) => monthsApart(from, to),
  week: (from, to) => {
    const days = daysApart(from, to);
    return days === undefined ? undefined : Math.floor(days / 7);
  },
  day: (from, to) => daysApart(from, to),
};

function monthsApart(from: KnownDate, to: KnownDate): number | undefined {
  if (from.month === undefined || to.month === undefined) return undefined;
  const days = from.day !== undefined && to.day !== undefined && to.day < from.day ? 1 : 0;
  return (to.year - from.year) * 12 + (to.month - from.month) - days;
}

function daysApart(from: KnownDate, to: KnownDate): number | undefined {
  if (from.month === undefined || to.month === undefined || from.day === undefined || to.day === undefined)
    return undefined;
  return Math.round(
    (Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / 86_400_000,
  );
}

type Dated = Meeting | KnowledgeEvent;

/** A meeting's or an event's title, each with its date. */
const titleOf = (engine: Engine, r: Dated) =>
  'participants' in r ? meetingTitle(engine.kb, r) : eventTitle(r);

/**
 * The meetings and events a question names: by name or occasion, or by a place where the
 * articles report one meeting only ("the Jerusalem presser").
 */
function namedRecords(engine: Engine, u: Understanding): Dated[] {
  const atPlaces = engine.meetingPlaces(u.places).flatMap((p) => {
    const held = engine.catalogue.meetingsAt(p.id).filter((m) => m.kind !== 'planned');
    return held.length === 1 ? held : [];
  });
  return [...new Set<Dated>([...u.meetings, ...atPlaces, ...u.events])];
}

/**
 * "How many years between the Jerusalem presser and the Sochi meeting": the two records the
 * question names, apart in the calendar unit it counts (a noun of time: years, months, weeks,
 * days), from their dates. Nothing when it names other than two, or their dates cannot tell.
 */
export function timeBetween(engine: Engine, u: Understanding, counted: string): Reply | undefined {
  if (engine.sense.kind(counted) !== 'time') return undefined;
  const unit = engine.sense.lemma(counted);
  const span = SPANS[unit];
  const records = namedRecords(engine, u);
  const [a, b] = records;
  if (!span || records.length !== 2 || !a || !b) return undefined;
  const [from, to] = a.date.sortKey <= b.date.sortKey ? [a, b] : [b, a];
  const apart = span(from.date, to.date);
  if (apart === undefined) return undefined;
  const inferred = from.date.status === 'inferred' || to.date.status === 'inferred';
  return reply({
    title: `${apart} ${unit}${apart === 1 ? '' : 's'} apart`,
    text: `**${apart} ${unit}${apart === 1 ? '' : 's'}**${inferred ? ', by the dates worked out from the articles' : ''}:\n- ${titleOf(engine, from)}\n- ${titleOf(engine, to)}`,
    citations: citeSources(engine.kb, [...from.sources, ...to.sources]),
  });
}

/** The first and the last day a date can be, as sortable text. */
function spanOf(date: KnownDate): [string, string] {
  const day = (y: number, m: number, d: number) =>
    `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return [day(date.year, date.month ?? 1, date.day ?? 1), day(date.year, date.month ?? 12, date.day ?? 31)];
}

/** -1 when one record was wholly before the other, 1 when after, 0 when their dates cannot tell. */
function order(a: Dated, b: Dated): -1 | 0 | 1 {
  const placed = (r: Dated) => ('before' in r.date ? r.date : {}) as { before?: string[]; after?: string[] };
  if (placed(a).before?.includes(b.id) || placed(b).after?.includes(a.id)) return -1;
  if (placed(a).after?.includes(b.id) || placed(b).before?.includes(a.id)) return 1;
  const [aFirst, aLast] = spanOf(a.date);
  const [bFirst, bLast] = spanOf(b.date);
  return aLast < bFirst ? -1 : bLast < aFirst ? 1 : 0;
}

/** The one meeting or event a phrase names, if it names one only. */
function oneRecord(engine: Engine, phrase: string): Dated | undefined {
  const targets = findTargets(engine, phrase);
  const [record, other] = targets.best === 'events' ? targets.events : targets.meetings;
  return targets.best !== 'none' && record && !other ? record : undefined;
}

/**
 * "Was the hotline set up after the Paris climate talk?": the record named before "before" or
 * "after" against the one named after it, by their dates. "Yes" or "No" only when the dates
 * (or the records' own order) tell; a date known only to its year may be either side of another.
 */
export function orderBetween(engine: Engine, question: string): Reply | undefined {
  const [, left, relation, right] = foldForSearch(question).match(/^(.+)\b(before|after)\b(.+)$/) ?? [];
  if (!left || !relation || !right) return undefined;
  const one = oneRecord(engine, left);
  const other = oneRecord(engine, right);
  if (!one || !other || one === other) return undefined;
  const found = order(one, other);
  if (!found) return undefined;
  const held = found < 0 === (relation === 'before');
  return reply({
    title: held ? 'Yes' : 'No',
    text: `${held ? 'Yes' : 'No'}: by the dates the articles give or imply, it came ${found < 0 ? 'before' : 'after'}:\n- ${titleOf(engine, one)}\n- ${titleOf(engine, other)}`,
    citations: citeSources(engine.kb, [...one.sources, ...other.sources]),
  });
}
