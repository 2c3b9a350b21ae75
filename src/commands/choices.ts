import { eventTitle, meetingLine, plural, shortDate, speakerName } from '../answers/format.js';
import type { Engine } from '../engine/engine.js';
import { EVENT_BIAS } from '../engine/targets.js';
import type { Quote } from '../knowledge/model.js';
import { LIMITS, truncate } from '../limits.js';
import { type Choice, choice } from './command.js';

/**
 * Autocomplete for every lookup option. Empty input gets the most useful defaults (the
 * meetings newest first, the places they happened in); typed input is matched as a prefix or
 * with typos, best first. Values are stable ids; names carry context (date · place).
 */

const MAX = LIMITS.choices;

function ranked<T>(hits: { item: T }[], all: T[], value: string, label: (t: T) => Choice): Choice[] {
  const source = value.trim() ? hits.map((h) => h.item) : all;
  return source.slice(0, MAX).map(label);
}

export function meetingChoices(engine: Engine, value: string): Choice[] {
  const { hits } = engine.meetingIndex.search(value, { limit: MAX, prefixLast: true });
  return ranked(hits, engine.kb.meetings, value, (m) => choice(meetingLine(engine.kb, m), m.id));
}

/** Meetings and related events, for /when and /where. */
export function targetChoices(engine: Engine, value: string): Choice[] {
  if (!value.trim()) return meetingChoices(engine, value);
  const meetings = engine.meetingIndex.search(value, { limit: MAX, prefixLast: true }).hits;
  const events = engine.eventIndex.search(value, { limit: MAX, prefixLast: true }).hits;
  return [
    ...meetings.map((h) => ({ score: h.score, c: choice(meetingLine(engine.kb, h.item), h.item.id) })),
    ...events.map((h) => ({ score: h.score * EVENT_BIAS, c: choice(eventTitle(h.item), h.item.id) })),
  ]
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX)
    .map((x) => x.c);
}

export function placeChoices(engine: Engine, value: string): Choice[] {
  const count = (id: string) =>
    engine.kb.meetings.filter((m) => engine.placeChain(m.place).includes(id)).length;
  const hosts = engine.kb.places.filter((p) => count(p.id) > 0);
  const { hits } = engine.search('place', value, MAX, true);
  const label = (p: (typeof hosts)[number]) => {
    const parent = p.within ? engine.kb.place(p.within)?.name : undefined;
    return choice([p.name, parent, plural(count(p.id), 'meeting')].filter(Boolean).join(' · '), p.id);
  };
  const byCount = [...hosts].sort((a, b) => count(b.id) - count(a.id));
  return ranked(hits, byCount, value, label);
}

export function topicChoices(engine: Engine, value: string): Choice[] {
  const count = (id: string) => engine.kb.meetings.filter((m) => engine.topicsOf(m).has(id)).length;
  const byCount = [...engine.kb.topics].sort((a, b) => count(b.id) - count(a.id));
  const { hits } = engine.search('topic', value, MAX, true);
  return ranked(hits, byCount, value, (t) => choice(`${t.label} · ${plural(count(t.id), 'meeting')}`, t.id));
}

export function personChoices(engine: Engine, value: string): Choice[] {
  const { hits } = engine.search('person', value, MAX, true);
  return ranked(hits, engine.kb.people, value, (p) => choice(`${p.name} · ${p.role}`, p.id));
}

/** People who are quoted, most quoted first. */
export function speakerChoices(engine: Engine, value: string): Choice[] {
  const count = (id: string) => engine.kb.quotes.filter((q) => q.speaker === id).length;
  const speakers = engine.kb.people.filter((p) => count(p.id) > 0).sort((a, b) => count(b.id) - count(a.id));
  const { hits } = engine.search('person', value, MAX, true);
  const quoted = hits.filter((h) => count(h.item.id) > 0);
  return ranked(quoted, speakers, value, (p) => choice(`${p.name} · ${plural(count(p.id), 'quote')}`, p.id));
}

export function quoteLabel(engine: Engine, q: Quote): string {
  const meeting = q.meeting ? engine.kb.meeting(q.meeting) : undefined;
  const when = meeting ? ` · ${shortDate(meeting.date)}` : '';
  const who = speakerName(engine.kb, q).split(' ').at(-1);
  const words = q.text.replace(/\s+/g, ' ');
  const tail = ` — ${who}${when}`;
  return `${truncate(`“${words}”`, LIMITS.choiceName - tail.length)}${tail}`;
}

export function quoteChoices(engine: Engine, value: string): Choice[] {
  const { hits } = engine.quoteIndex.search(value, { limit: MAX, prefixLast: true });
  const direct = engine.kb.quotes.filter((q) => q.kind === 'direct' && q.text.length > 30);
  return ranked(hits, direct, value, (q) => choice(quoteLabel(engine, q), q.id));
}
