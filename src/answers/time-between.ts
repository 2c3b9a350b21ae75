import type { Engine, Understanding } from '../engine/engine.js';
import type { KnowledgeEvent, KnownDate, Meeting } from '../knowledge/model.js';
import { citeSources, datedLabel, eventTitle, meetingTitle } from './format.js';
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
  // A meeting's title has its date; an event's does not.
  const title = (r: Dated) =>
    'participants' in r ? meetingTitle(engine.kb, r) : `${eventTitle(r)}, ${datedLabel(r.date)}`;
  return reply({
    title: `${apart} ${unit}${apart === 1 ? '' : 's'} apart`,
    text: `**${apart} ${unit}${apart === 1 ? '' : 's'}**${inferred ? ', by the dates worked out from the articles' : ''}:\n- ${title(from)}\n- ${title(to)}`,
    citations: citeSources(engine.kb, [...from.sources, ...to.sources]),
  });
}
