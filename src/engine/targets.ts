import type { KnowledgeEvent, Meeting } from '../knowledge/model.js';
import { isRelationOnly } from '../language/index.js';
import { dateMatches, hasDateFilter } from '../search/dates.js';
import { type Hit, searchWords } from '../search/text-index.js';
import type { Engine, Understanding } from './engine.js';

/** What a free-text lookup ("Sochi", "the climate conference", "plane shot down") points at. */
export interface Targets {
  u: Understanding;
  /** Best first; only the records that match the lookup as well as the best one does. */
  meetings: Meeting[];
  events: KnowledgeEvent[];
  /** Which of the two the lookup is about, or neither. */
  best: 'meetings' | 'events' | 'none';
  /** The lookup asked for the first or the latest and a planned meeting was passed over for it. */
  skippedPlanned?: Meeting;
}

/** Summit is about meetings: a related event is the answer only when it matches clearly better. */
export const EVENT_BIAS = 0.9;

/**
 * Meetings and events are few and compared with each other, so they are ranked by the weight of
 * the fields they match in (a place or name outranks a summary), rarity breaking ties.
 */
const byWeight = <T>(a: Hit<T>, b: Hit<T>) => b.weight - a.weight || b.score - a.score;

/** What a word matched in a meeting's place or names weighs (see indexes.ts). */
const NAMING = 3;

/** Keeps the hits that match nearly as well as the best one. */
function leaders<T>(hits: Hit<T>[]): Hit<T>[] {
  const top = hits[0];
  if (!top) return [];
  return hits.filter((h) => h.weight >= top.weight * 0.75);
}

export function findTargets(engine: Engine, text: string): Targets {
  // "The chat in Paris (not the climate one)": what is set apart after a comma or a bracket is
  // looked up on its own, and its meetings are not the ones meant.
  const [setApart, rest] = text.split(/[(,]\s*not\s+(?=[^(),]+\)?\s*[?.!]?\s*$)/i);
  if (rest !== undefined && setApart !== undefined) {
    const found = findTargets(engine, setApart);
    const notMeant = new Set(findTargets(engine, rest.replace(/\)/g, '')).meetings);
    const meetings = found.meetings.filter((m) => !notMeant.has(m));
    return meetings.length ? { ...found, meetings } : found;
  }
  const direct = engine.byId('meeting', text.trim());
  const u = engine.understand(text);
  if (direct) return { u, meetings: [direct], events: [], best: 'meetings' };
  const directEvent = engine.byId('event', text.trim());
  if (directEvent) return { u, meetings: [], events: [directEvent], best: 'events' };

  const searched = searchWords(u.corrected).filter((w) => !engine.principalWords.has(w));
  // A preposition matched in a title ("hotline between Israel and Russia") must not outrank the
  // question's own subject matched in a summary ("kept in touch"): content words lead.
  const content = searched.filter((w) => !isRelationOnly(w));
  const words = content.length ? content : searched;

  const meetingPlaces = engine.meetingPlaces(u.places);
  const people = u.people.filter((p) => !engine.principals.has(p.id));
  const narrowing = meetingPlaces.length > 0 || people.length > 0 || hasDateFilter(u.dates);
  const pool = narrowing
    ? engine.filterMeetings({ places: meetingPlaces, people, dates: u.dates })
    : engine.kb.meetings;
  // Asked only of the events the search meets: a pass over every event would cost more than it.
  const eventFits =
    hasDateFilter(u.dates) || people.length > 0
      ? (e: KnowledgeEvent) => dateMatches(e.date, u.dates) && people.every((p) => e.people.includes(p.id))
      : undefined;
  const structured = narrowing || Boolean(u.dates.order);

  // A narrowed pool limits the search itself, so that its records are not crowded out by others.
  const searchMeetings = (terms: string[], within?: ReadonlySet<Meeting> | ((m: Meeting) => boolean)) =>
    terms.length
      ? engine.meetingIndex.search(terms, { limit: 1000, ...(within && { within }) }).hits.sort(byWeight)
      : [];
  const inPool = new Set(pool);
  const placed = meetingPlaces.length && !hasDateFilter(u.dates) ? pool : undefined;
  const pooled = searchMeetings(words, narrowing ? inPool : undefined);
  const leading = leaders(pooled);
  const named = placed ?? (leading.length === 1 ? leading.map((h) => h.item) : undefined);
  const toldThere = named && toldWith(named, words);
  const meetingHits = toldThere?.hits ?? pooled;
  const eventWords = toldThere?.subject ?? words;
  const eventHits = eventWords.length
    ? engine.eventIndex
        .search(eventWords, { limit: 1000, ...(eventFits && { within: eventFits }) })
        .hits.sort(byWeight)
    : [];

  /**
   * "How do they keep in touch, per what Netanyahu said at the climate conference": the occasion
   * named is where it was told. A record told only by the articles of the occasion's meetings,
   * which the rest of the question matches better than they do, is the one meant.
   */
  function toldWith(occasion: Meeting[], searched: string[]) {
    const within = new Set(occasion);
    const told = new Set(occasion.flatMap((m) => m.sources));
    // A meeting held somewhere would have been asked of by its own place. The records the
    // occasion's articles tell are few: most questions have none to look at, and search nothing.
    const toldOnly = new Set(
      [...told]
        .flatMap((s) => engine.catalogue.meetingsFrom(s))
        .filter(
          (m) =>
            !within.has(m) && (!m.place || m.place.unknown === true) && m.sources.every((s) => told.has(s)),
        ),
    );
    if (!toldOnly.size) return undefined;
    const naming = (w: string) => (searchMeetings([w], within)[0]?.weight ?? 0) >= NAMING;
    const subject = [...new Set(searched)].filter((w) => !naming(w));
    if (!subject.length) return undefined;
    const [there] = searchMeetings(subject, within);
    const hits = searchMeetings(subject, toldOnly);
    return hits[0] && hits[0].weight > (there?.weight ?? 0) ? { hits, subject } : undefined;
  }

  let meetings: Meeting[];
  let events: KnowledgeEvent[] = [];
  let best: Targets['best'] = 'none';
  const topMeeting = meetingHits[0];
  const topEvent = eventHits[0];
  const eventWins = topEvent && (!topMeeting || topEvent.weight * EVENT_BIAS > topMeeting.weight);

  if (eventWins) {
    events = leaders(eventHits).map((h) => h.item);
    meetings = [];
    best = 'events';
  } else if (topMeeting) {
    meetings = leaders(meetingHits).map((h) => h.item);
    best = 'meetings';
  } else if (structured || words.length === 0) {
    meetings = pool;
    best = pool.length ? 'meetings' : 'none';
  } else {
    meetings = [];
  }

  let skippedPlanned: Meeting | undefined;
  if (u.dates.order && best === 'meetings') {
    const happened = meetings.filter((m) => m.kind !== 'planned');
    const pick = u.dates.order === 'first' ? earliest(happened) : latest(happened);
    if (u.dates.order === 'last') skippedPlanned = meetings.find((m) => m.kind === 'planned');
    meetings = pick ? [pick] : [];
  }
  return { u, meetings, events, best, ...(skippedPlanned && { skippedPlanned }) };
}

/** The first of the earliest-dated meetings, as a stable sort by date would put first. */
export function earliest(meetings: readonly Meeting[]): Meeting | undefined {
  let pick: Meeting | undefined;
  for (const m of meetings) if (!pick || m.date.sortKey < pick.date.sortKey) pick = m;
  return pick;
}

/** The last of the latest-dated meetings, as a stable sort by date would put last. */
export function latest(meetings: readonly Meeting[]): Meeting | undefined {
  let pick: Meeting | undefined;
  for (const m of meetings) if (!pick || m.date.sortKey >= pick.date.sortKey) pick = m;
  return pick;
}
