import type { Engine, Understanding } from '../engine/engine.js';
import type { KnowledgeEvent, Meeting, Quote } from '../knowledge/model.js';
import { LIMITS, truncate } from '../limits.js';
import {
  citeQuote,
  citeSources,
  datedLabel,
  dateReasoning,
  echo,
  eventTitle,
  fullPlace,
  listWords,
  meetingTitle,
  quoteSetting,
  quoteText,
  speakerName,
  uniqueCitations,
} from './format.js';
import { meetingBrief, whereLine } from './meeting-view.js';
import { type FollowUp, type Reply, reply } from './reply.js';

/**
 * An honest miss: says what was not found, offers the closest things the fact base does know,
 * and never guesses.
 */
export function notFound(
  what: string,
  closest: FollowUp[] = [],
  unknown: string[] = [],
  offer = 'Closest things the articles do cover are below.',
): Reply {
  const never = unknown.length ? `\nThe articles never mention ${listWords(unknown.map(echo))}.` : '';
  const offered = closest.length && offer ? `\n${offer}` : '';
  return reply({
    kind: 'not-found',
    title: 'Not in the articles',
    text: `${what}${never}${offered}`,
    suggestions: closest.slice(0, 5),
    followUps: closest.length ? [] : [{ label: 'All meetings', command: '/meetings' }],
  });
}

/**
 * "Did you mean" entries for meetings: the closest five, or with `all`, every candidate a menu can
 * hold, for "which meeting?" where leaving one out would leave the user unable to pick it.
 */
export function meetingSuggestions(engine: Engine, meetings: Meeting[], all = false): FollowUp[] {
  return meetings
    .slice(0, all ? LIMITS.selectOptions : 5)
    .map((m) => ({ label: meetingTitle(engine.kb, m), command: `/meeting query:${m.id}` }));
}

/** The meetings most worth offering when a lookup finds nothing: the reported ones, newest first. */
export function closestMeetings(engine: Engine): FollowUp[] {
  return meetingSuggestions(
    engine,
    engine.kb.meetings.filter((m) => m.kind === 'reported'),
  );
}

export function eventDetail(engine: Engine, e: KnowledgeEvent): Reply {
  const { kb } = engine;
  const reasoning = dateReasoning(e.date);
  const meetings = e.meetings.map((id) => kb.meeting(id)).filter((m): m is Meeting => Boolean(m));
  return reply({
    title: eventTitle(e),
    text: e.summary,
    fields: [
      {
        name: 'Date',
        value: truncate(
          reasoning ? `${datedLabel(e.date)}\n${reasoning}` : datedLabel(e.date),
          LIMITS.fieldValue,
        ),
      },
      { name: 'Place', value: whereLine(engine, e), inline: true },
      { name: 'Kind', value: e.kind, inline: true },
      ...(e.people.length
        ? [{ name: 'People', value: listWords(e.people.map((id) => kb.person(id)?.name ?? id)) }]
        : []),
      ...(meetings.length
        ? [{ name: 'Related meetings', value: meetings.map((m) => `- ${meetingTitle(kb, m)}`).join('\n') }]
        : []),
    ],
    citations: citeSources(kb, e.sources),
    followUps: meetings
      .slice(0, 3)
      .map((m) => ({ label: meetingTitle(kb, m), command: `/meeting query:${m.id}` })),
  });
}

/**
 * An event as a question asks after it: one put at a meeting place it was not at ("why did he
 * leave Sochi early", "the Kremlin tour during the Sochi summit") leads with where the articles
 * tell it. A place of a meeting it came up at, one that holds its place, or one inside it, is no
 * mistake.
 */
export function eventAsked(engine: Engine, e: KnowledgeEvent, u: Understanding): Reply {
  const detail = eventDetail(engine, e);
  const meetings = e.meetings.map((id) => engine.kb.meeting(id)).filter((m): m is Meeting => Boolean(m));
  const fits = new Set([e.place, ...meetings.map((m) => m.place)].flatMap((ref) => engine.placeChain(ref)));
  const [own] = engine.placeChain(e.place);
  const inside = (id: string) => {
    for (let at: string | undefined = id; at; at = engine.kb.place(at)?.within) if (at === own) return true;
    return false;
  };
  const wrong = engine
    .meetingPlaces(u.places.filter((p) => p.kind !== 'country'))
    .filter((p) => !fits.has(p.id) && !inside(p.id));
  const [meeting] = meetings;
  const told = meeting
    ? `${meetingTitle(engine.kb, meeting)}${meeting.occasion ? ` (${meeting.occasion.label})` : ''}`
    : fullPlace(engine.kb, e.place);
  if (!wrong.length || !told) return detail;
  return {
    ...detail,
    text: `Not quite: the articles tell this of ${told}, not ${listWords(wrong.map((p) => p.name))}.\n${detail.text}`,
  };
}

/** A quote with everything needed to cite it: speaker, when, where, and the article. */
export function quoteLine(engine: Engine, q: Quote): string {
  const { date, place } = quoteSetting(engine.kb, q);
  const when = date ? datedLabel(date) : 'date not stated';
  const to = q.addressee ? ` to ${engine.kb.person(q.addressee)?.name ?? q.addressee}` : '';
  return `— **${speakerName(engine.kb, q)}**${to}, ${place ?? 'place not stated'}, ${when}`;
}

export function quoteBlock(engine: Engine, q: Quote, max = 900): string {
  const context =
    q.kind === 'direct' && q.context && q.text.length < 60
      ? `\n_Context:_ ${q.context.replace(/\s+/g, ' ')}`
      : '';
  return `> ${truncate(quoteText(q), max)}\n${quoteLine(engine, q)}${context}`;
}

export function quoteReply(
  engine: Engine,
  quotes: Quote[],
  title: string,
  followUps: FollowUp[] = [],
): Reply {
  const [first, ...rest] = quotes;
  if (!first) throw new Error('quoteReply needs at least one quote');
  // In a list every quote is numbered, the first (the reply's text) included.
  const numbered = (q: Quote, n: number) => `**${n}. ${speakerName(engine.kb, q)}**\n`;
  return reply({
    title,
    text: `${rest.length ? numbered(first, 1) : ''}${quoteBlock(engine, first, 3000)}`,
    fields: rest.slice(0, 4).map((q, i) => ({
      name: `${i + 2}. ${speakerName(engine.kb, q)}`,
      value: truncate(quoteBlock(engine, q, 700), LIMITS.fieldValue),
    })),
    citations: uniqueCitations([first, ...rest.slice(0, 4)].map((q) => citeQuote(engine.kb, q))),
    followUps,
  });
}

export function meetingList(engine: Engine, meetings: Meeting[]): Reply['fields'] {
  return meetings.map((m) => meetingBrief(engine, m));
}
