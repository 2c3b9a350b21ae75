import { citeSources, plural } from '../answers/format.js';
import { breakdown, listMeetings } from '../answers/meeting-list.js';
import { type Reply, type ReplyFile, reply } from '../answers/reply.js';
import type { Engine } from '../engine/engine.js';
import type { KnowledgeEvent, Meeting } from '../knowledge/model.js';
import { LIMITS, truncate } from '../limits.js';
import { timelineSpec } from './chart.js';
import { buildPicture, KIND_NAMES, meetingLabel, type Picture } from './picture.js';
import { renderChart } from './render.js';

const TIMELINE_FILE = 'timeline.png';

/**
 * "Show me a timeline of their meetings" in /ask: the question's own filters (place, date,
 * person, topic) narrow the meetings, and they are drawn as /timeline draws them.
 */
export function timelineAnswer(engine: Engine, narrowed: { meetings: Meeting[]; filters: string[] }): Reply {
  return narrowed.meetings.length
    ? timelineReply(engine, narrowed.meetings, narrowed.filters)
    : listMeetings(engine, [], narrowed.filters, '/timeline');
}

/** The meetings as a picture, and in words beside it so that the answer holds without it. */
export function timelineReply(
  engine: Engine,
  meetings: Meeting[],
  filters: string[],
  yearsNamed = false,
): Reply {
  const picture = buildPicture(engine.kb, meetings, relatedEvents(engine, meetings), filters, yearsNamed);
  // Only the meetings listed are cited: a long list is cut long before its end.
  const listed = meetings.slice(-MAX_LISTED).reverse();
  const citations = citeSources(
    engine.kb,
    listed.flatMap((m) => m.sources),
  );
  const number = new Map(citations.map((c, i) => [c.sourceId, i + 1]));
  const lines = listed.map((m) => {
    const cited = m.sources.map((s) => `[${number.get(s)}]`).join('');
    const inferred = m.date.status === 'inferred' ? ', date inferred' : '';
    return `- **${meetingLabel(engine.kb, m)}** — ${KIND_NAMES[m.kind]}${inferred} ${cited}`;
  });
  return reply({
    title: truncate(picture.title, LIMITS.embedTitle),
    text: [
      `**${plural(meetings.length, 'meeting')}** ${breakdown(meetings)}, oldest first.`,
      fitLines(lines, meetings.length, LIMITS.embedDescription - 400),
      picture.granularity
        ? `The picture counts them per ${picture.granularity}.`
        : 'In the picture, a bar is a date known only to its month or year; hollow or dashed, a date the articles imply rather than state.',
    ].join('\n'),
    citations,
    file: timelineFile(picture),
  });
}

/** More than a description holds: the oldest this many are listed, and the rest counted. */
const MAX_LISTED = 60;

/** As many of the `total` meetings' lines as fit in `max` characters, and how many did not. */
function fitLines(lines: string[], total: number, max: number): string {
  const kept: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const more = `…and ${plural(total - i, 'more meeting')}; /meetings lists them all.`;
    if (used + line.length + 1 + more.length > max) return [...kept, more].join('\n');
    kept.push(line);
    used += line.length + 1;
  }
  return total > kept.length
    ? [...kept, `…and ${plural(total - kept.length, 'more meeting')}; /meetings lists them all.`].join('\n')
    : kept.join('\n');
}

/** The events the fact base links to any of the meetings. */
function relatedEvents(engine: Engine, meetings: Meeting[]): KnowledgeEvent[] {
  const shown = new Set(meetings.map((m) => m.id));
  return engine.kb.events.filter((e) => e.meetings.some((id) => shown.has(id)));
}

/** The picture of these meetings, to go with any answer about them (the moderator digest). */
export function meetingsPicture(engine: Engine, meetings: Meeting[]): ReplyFile {
  return timelineFile(buildPicture(engine.kb, meetings, relatedEvents(engine, meetings), []));
}

function timelineFile(picture: Picture): ReplyFile {
  return {
    name: TIMELINE_FILE,
    description: altText(picture),
    bytes: () => renderChart(timelineSpec(picture)),
  };
}

/** What the picture shows, in words: every meeting drawn, or the counts and the busiest periods. */
function altText(picture: Picture): string {
  const head = `Timeline: ${picture.title} (${picture.subtitle}).`;
  const body = picture.granularity
    ? `Meetings counted per ${picture.granularity} in lanes by kind of record; busiest: ${picture.densest
        .map((b) => `${b.period} (${b.count})`)
        .join(', ')}.`
    : picture.marks
        .map((m) => `${m.label.replace(' · ', ' ')}, ${m.kind}${m.inferred ? ', date inferred' : ''}`)
        .join('; ');
  return truncate(`${head} ${body}`, LIMITS.attachmentDescription);
}
