import type { Engine } from '../engine/engine.js';
import type { Meeting } from '../knowledge/model.js';
import type { Topic } from '../knowledge/schema.js';
import { LIMITS, truncate } from '../limits.js';
import { citeSources, meetingTitle, plural, shortDate } from './format.js';
import { type Reply, reply } from './reply.js';

export const TOPICS_PER_PAGE = 10;
/** The list of every topic stays a short paragraph, whatever the fact base holds. */
const TOPIC_LIST_CHARACTERS = 1_000;

/** Every topic with the meetings it came up at, most discussed first. */
export function allTopics(engine: Engine, page: number): Reply {
  const rows = engine.kb.topics
    .map((topic) => ({ topic, meetings: engine.catalogue.meetingsAbout(topic.id) }))
    .filter((r) => r.meetings.length > 0)
    .sort((a, b) => b.meetings.length - a.meetings.length || a.topic.label.localeCompare(b.topic.label));
  const count = Math.ceil(rows.length / TOPICS_PER_PAGE);
  const index = Math.min(Math.max(1, page), count);
  const shown = rows.slice((index - 1) * TOPICS_PER_PAGE, index * TOPICS_PER_PAGE);
  return reply({
    title: 'Topics discussed',
    // Every topic at a glance, with how many meetings it came up at; each page's fields tell which.
    text: `**${plural(rows.length, 'topic')}** came up across the meetings, most discussed first:\n${truncate(
      rows.map(({ topic, meetings }) => `${topic.label} (${meetings.length})`).join(' · '),
      TOPIC_LIST_CHARACTERS,
    )}`,
    fields: shown.map(({ topic, meetings }) => ({
      name: `${topic.label} · ${plural(meetings.length, 'meeting')}`,
      value: truncate(
        listable(meetings)
          .map((m) => `${meetingPlace(engine, m)} ${shortDate(m.date)}`)
          .join(' · '),
        LIMITS.fieldValue,
      ),
    })),
    citations: citeSources(
      engine.kb,
      shown.flatMap((r) => listable(r.meetings).flatMap((m) => m.sources)),
    ),
    followUps: shown
      .slice(0, 3)
      .map(({ topic }) => ({ label: topic.label, command: `/meetings topic:${topic.id}` })),
    ...(count > 1 && { page: { index, count, command: '/topics' } }),
  });
}

/**
 * The meetings a field can show: each takes at least nine characters ("X 2019 · "), so no more
 * than this fit in a field; listing the rest of thousands would only be cut off.
 */
function listable(meetings: readonly Meeting[]): readonly Meeting[] {
  return meetings.slice(0, Math.ceil(LIMITS.fieldValue / 9) + 1);
}

function meetingPlace(engine: Engine, m: Meeting): string {
  return meetingTitle(engine.kb, m).split(',')[0] ?? m.id;
}

/** The topics of one meeting, each with the article words that show it was discussed. */
export function meetingTopics(engine: Engine, m: Meeting): Reply {
  const rows = m.topics
    .map((t) => ({ topic: engine.kb.topic(t.topic), evidence: t.evidence[0] }))
    .filter((r): r is { topic: Topic; evidence: NonNullable<typeof r.evidence> } =>
      Boolean(r.topic && r.evidence),
    );
  const title = `Topics: ${meetingTitle(engine.kb, m)}`;
  if (rows.length === 0) {
    return reply({
      title,
      text: 'The articles do not say what was discussed at this meeting.',
      citations: citeSources(engine.kb, m.sources),
      followUps: [{ label: 'Details', command: `/meeting query:${m.id}` }],
    });
  }
  return reply({
    title,
    text: `**${plural(rows.length, 'topic')}**, each with the words of the article that show it.`,
    fields: rows.slice(0, LIMITS.embedFields).map(({ topic, evidence }) => ({
      name: topic.label,
      value: truncate(
        `“${evidence.text.replace(/\s+/g, ' ')}” — ${engine.kb.source(evidence.source)?.title ?? evidence.source}`,
        LIMITS.fieldValue,
      ),
    })),
    citations: citeSources(engine.kb, m.sources),
    followUps: [
      { label: 'Details', command: `/meeting query:${m.id}` },
      { label: 'Quotes', command: `/quote meeting:${m.id}` },
    ],
  });
}
