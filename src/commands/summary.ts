import {
  citeSources,
  datedLabel,
  listWords,
  meetingTitle,
  plural,
  quoteText,
  speakerName,
} from '../answers/format.js';
import { breakdown } from '../answers/meeting-list.js';
import { meetingBrief, meetingFollowUps, whereLine } from '../answers/meeting-view.js';
import { type Reply, type ReplyField, reply } from '../answers/reply.js';
import type { Engine } from '../engine/engine.js';
import type { Meeting } from '../knowledge/model.js';
import { LIMITS, truncate } from '../limits.js';
import { meetingsPicture } from '../timeline/reply.js';
import { meetingChoices } from './choices.js';
import { type Choice, choice, defineCommand } from './command.js';
import { meetingOption } from './lookup.js';

/** The `meeting` value that asks for every meeting at once. */
export const DIGEST = 'all';

export const summaryCommand = defineCommand({
  name: 'summary',
  description: 'Moderators: post a summary of one meeting, or a digest of them all, for everyone to read',
  options: {
    meeting: {
      type: 'string',
      description: 'Which meeting, e.g. Sochi 2019; leave empty for a digest of all',
      autocomplete: true,
    },
  },
  main: 'meeting',
  moderator: true,
  publishes: true,
  cooldown: { uses: 2, seconds: 30 },
  examples: ['/summary meeting:Sochi', '/summary'],
  run(args, { engine }) {
    if (!args.meeting || args.meeting.toLowerCase() === DIGEST) return digest(engine);
    const found = meetingOption(engine, args.meeting, (id) => `/summary meeting:${id}`);
    return found.meeting ? meetingSummary(engine, found.meeting) : (found.problem as Reply);
  },
  autocomplete(_option, value, { engine }): Choice[] {
    const meetings = meetingChoices(engine, value);
    if (value.trim()) return meetings;
    return [choice('All meetings · a digest', DIGEST), ...meetings].slice(0, LIMITS.choices);
  },
});

/** One meeting, short enough to read in a channel: what happened, when, where, who, and one quote. */
export function meetingSummary(engine: Engine, m: Meeting): Reply {
  const { kb } = engine;
  const people = m.participants.map((id) => kb.person(id)?.name).filter((n): n is string => Boolean(n));
  const topics = m.topics.map((t) => kb.topic(t.topic)?.label).filter((t): t is string => Boolean(t));
  const [quote] = engine
    .quotesOf(m.id)
    .filter((q) => q.kind === 'direct')
    .sort((a, b) => b.text.length - a.text.length);
  const fields: ReplyField[] = [
    { name: 'When', value: datedLabel(m.date), inline: true },
    { name: 'Where', value: whereLine(engine, m), inline: true },
    { name: 'Who', value: listWords(people) || 'Not stated', inline: true },
    { name: 'Topics', value: topics.length ? topics.join(' · ') : 'The articles do not say.' },
    ...(quote
      ? [{ name: 'In their words', value: truncate(`${quoteText(quote)} — ${speakerName(kb, quote)}`, 500) }]
      : []),
  ];
  return reply({
    title: `Summary: ${meetingTitle(kb, m)}`,
    text: m.summary,
    fields,
    citations: citeSources(kb, m.sources),
    followUps: meetingFollowUps(m),
  });
}

/** Every meeting in one post, newest first; the full list would not fit, so the newest are kept. */
export function digest(engine: Engine): Reply {
  const { kb } = engine;
  const shown = kb.meetings.slice(0, LIMITS.embedFields);
  const more = kb.meetings.length - shown.length;
  return reply({
    title: 'Netanyahu–Putin meetings: a digest',
    text: [
      `**${plural(kb.meetings.length, 'meeting')}** ${breakdown(kb.meetings)} in ${plural(kb.sources.length, 'news article')}, newest first.`,
      more > 0 ? `The ${plural(more, 'oldest meeting')} did not fit; see /meetings.` : '',
    ]
      .filter(Boolean)
      .join('\n'),
    fields: shown.map((m) => meetingBrief(engine, m)),
    citations: citeSources(
      kb,
      shown.flatMap((m) => m.sources),
    ),
    followUps: [
      { label: 'All meetings', command: '/meetings' },
      { label: 'A random quote', command: '/quote' },
    ],
    file: meetingsPicture(engine, kb.meetings),
  });
}
