import type { Engine } from '../engine/engine.js';
import type { Targets } from '../engine/targets.js';
import type { KnowledgeEvent, Meeting } from '../knowledge/model.js';
import type { PlaceRef } from '../knowledge/schema.js';
import {
  citeSources,
  datedLabel,
  dateReasoning,
  echo,
  formatWords,
  KIND_NOTE,
  listWords,
  meetingTitle,
} from './format.js';
import { firstSentence, meetingFollowUps, whereLine } from './meeting-view.js';
import { type Reply, reply } from './reply.js';
import { closestMeetings, notFound } from './views.js';

export type Aspect = 'when' | 'where';

/** The country of a place was added from general knowledge: say so where the place is the answer. */
function countryNote(engine: Engine, ref: PlaceRef | undefined): string | undefined {
  const city = ref?.city ? engine.kb.place(ref.city) : undefined;
  return city?.countryStatus === 'inferred'
    ? `_The articles don't name the country of ${city.name}; it is added from general knowledge._`
    : undefined;
}

function lead(engine: Engine, aspect: Aspect, item: Meeting | KnowledgeEvent): string {
  const date = `**${datedLabel(item.date)}**`;
  const place = `**${whereLine(engine, item)}**`;
  return aspect === 'when' ? `${date} — ${place}` : `${place} — ${date}`;
}

function meetingAnswer(engine: Engine, aspect: Aspect, m: Meeting): string {
  const lines = [
    lead(engine, aspect, m),
    `${meetingTitle(engine.kb, m)}: ${formatWords(m.format.values)}, ${KIND_NOTE[m.kind]}.`,
  ];
  const reasoning =
    aspect === 'when'
      ? dateReasoning(m.date)
      : m.place?.status === 'inferred'
        ? m.place.reasoning
        : undefined;
  if (reasoning) lines.push(`_How this is known:_ ${reasoning}`);
  const stated = aspect === 'when' && m.date.status === 'stated' ? m.date.evidence[0] : undefined;
  if (stated) lines.push(`_Stated in the article:_ “${stated.text.replace(/\s+/g, ' ')}”`);
  if (aspect === 'where') {
    const note = countryNote(engine, m.place);
    if (note) lines.push(note);
  }
  lines.push(firstSentence(m.summary));
  return lines.join('\n');
}

function eventAnswer(engine: Engine, aspect: Aspect, e: KnowledgeEvent): string {
  const lines = [lead(engine, aspect, e), `${e.label}.`];
  const reasoning = aspect === 'when' ? dateReasoning(e.date) : undefined;
  if (reasoning) lines.push(`_How this is known:_ ${reasoning}`);
  lines.push(e.summary);
  return lines.join('\n');
}

/** More matches than a message can show are counted, not listed: a line each is 40 characters or more. */
const MAX_LISTED = 100;
const listed = <T>(items: T[]) => items.slice(0, MAX_LISTED);

/** Answers /when and /where from what a lookup found: one record in full, several as a list. */
export function answerWhenWhere(engine: Engine, aspect: Aspect, query: string, targets: Targets): Reply {
  const { meetings, events, u } = targets;
  const items: (Meeting | KnowledgeEvent)[] = targets.best === 'events' ? events : meetings;
  const title = aspect === 'when' ? 'When' : 'Where';
  if (items.length === 0) {
    // A month asked of a year the articles date only to the year: say that the month is unknown.
    const vague =
      u.dates.month !== undefined && u.dates.year !== undefined
        ? engine.kb.meetings.filter((m) => m.date.year === u.dates.year && m.date.precision === 'year')
        : [];
    const note = vague.length
      ? ` The articles date ${listWords(vague.map((m) => meetingTitle(engine.kb, m)))} only to the year, so they cannot say whether it was then.`
      : '';
    return notFound(
      `The articles report no meeting or event matching ${echo(query)}.${note}`,
      vague.length
        ? vague.map((m) => ({ label: meetingTitle(engine.kb, m), command: `/meeting query:${m.id}` }))
        : closestMeetings(engine),
      u.unknown,
    );
  }
  const notes: string[] = [];
  if (targets.skippedPlanned) {
    notes.push(
      `_A later visit was announced for ${datedLabel(targets.skippedPlanned.date)} (${meetingTitle(engine.kb, targets.skippedPlanned)}); no article says it took place._`,
    );
  }
  if (u.unknown.length)
    notes.push(`_The articles never mention ${listWords(u.unknown.map(echo))}; answered for the rest._`);

  const [only] = items;
  const body =
    items.length === 1 && only
      ? 'kind' in only && 'format' in only
        ? meetingAnswer(engine, aspect, only as Meeting)
        : eventAnswer(engine, aspect, only as KnowledgeEvent)
      : `${items.length} match ${echo(query)}:\n${listed(items)
          .map(
            (i) => `- ${lead(engine, aspect, i)} · ${'format' in i ? meetingTitle(engine.kb, i) : i.label}`,
          )
          .join('\n')}${items.length > MAX_LISTED ? `\n…and ${items.length - MAX_LISTED} more.` : ''}`;
  const heading =
    only && items.length === 1
      ? 'format' in only
        ? meetingTitle(engine.kb, only)
        : only.label
      : `${items.length} matches`;
  return reply({
    title: `${title}: ${heading}`,
    text: [body, ...notes].join('\n'),
    citations: citeSources(
      engine.kb,
      listed(items).flatMap((i) => i.sources),
    ),
    followUps:
      targets.best === 'meetings'
        ? meetings.length === 1 && meetings[0]
          ? meetingFollowUps(meetings[0])
          : meetings
              .slice(0, 4)
              .map((m) => ({ label: meetingTitle(engine.kb, m), command: `/meeting query:${m.id}` }))
        : events
            .flatMap((e) => e.meetings)
            .slice(0, 3)
            .map((id) => ({ label: `Meeting: ${id}`, command: `/meeting query:${id}` })),
  });
}
