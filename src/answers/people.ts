import type { Engine, Understanding } from '../engine/engine.js';
import { hasDateFilter } from '../search/dates.js';
import { citeSources, eventTitle, listWords, meetingTitle } from './format.js';
import { meetingsGiven } from './passages.js';
import { type Reply, reply } from './reply.js';

/** How far after "who", "which" or "list" the people asked for may be named ("who are all the people …"). */
const ASKED_REACH = 4;

/**
 * Whether a question asks for people to be listed: "who else …", or "who are / which / list" and
 * a plural noun for persons ("people", "officials", "leaders"); "who was Israel's defence
 * minister" asks for one.
 */
function asksForPeople(engine: Engine, words: readonly string[]): boolean {
  const persons = (w: string) =>
    w === 'people' ||
    (engine.sense.isPlural(w) &&
      engine.sense.partOfSpeech(w) === 'noun' &&
      (engine.sense.kind(w) === 'person' || engine.sense.lemma(w) === 'person'));
  // Asked first: after another question ("what did he thank Putin for, and who else …") it is a part.
  const asked = words.findIndex((w) => /^(?:who|which|list|name|what|when|where|why|how)$/.test(w));
  const w = words[asked];
  return (
    (w === 'who' && words[asked + 1] === 'else') ||
    (/^(?:who|which|list|name)$/.test(w ?? '') &&
      words.slice(asked + 1, asked + 1 + ASKED_REACH).some(persons))
  );
}

/**
 * "Who else gets named besides Bibi and Putin", "which people did Netanyahu meet apart from
 * Putin": the people of the records but those the question names itself, each with their role
 * and where the articles tell of them. A place, date, meeting or article the question gives keeps
 * those its articles name.
 */
export function peopleAsked(engine: Engine, folded: string, u: Understanding): Reply | undefined {
  if (!asksForPeople(engine, folded.split(' '))) return undefined;
  const narrowed =
    engine.meetingPlaces(u.settings).length > 0 ||
    hasDateFilter(u.dates) ||
    u.meetings.length > 0 ||
    u.sources.length > 0;
  const meetings = meetingsGiven(engine, u, u.settings);
  const sources = new Set([...meetings.flatMap((m) => m.sources), ...u.sources.map((s) => s.id)]);
  const named = new Set(u.people.map((p) => p.id));
  const listed = engine.kb.people.filter(
    (p) => !named.has(p.id) && (!narrowed || p.evidence.some((e) => sources.has(e.source))),
  );
  if (!listed.length) return undefined;
  const lines = listed.map((p) => {
    const met = engine.catalogue.meetingsWith(p.id).map((m) => meetingTitle(engine.kb, m));
    const events = engine.kb.events.filter((e) => e.people.includes(p.id)).map(eventTitle);
    const told = [...met, ...events];
    return `- **${p.name}**, ${p.role}${told.length ? `: ${listWords(told)}` : ''}`;
  });
  const besides = named.size
    ? ` besides ${listWords([...named].map((id) => engine.kb.person(id)?.name ?? id))}`
    : '';
  return reply({
    title: 'People in the articles',
    text: `The articles name ${listed.length === 1 ? 'one person' : `${listed.length} people`}${besides}:\n${lines.join('\n')}`,
    citations: citeSources(
      engine.kb,
      listed.flatMap((p) => p.evidence.map((e) => e.source)),
    ),
  });
}
