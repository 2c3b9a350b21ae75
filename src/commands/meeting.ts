import { echo } from '../answers/format.js';
import { meetingDetail } from '../answers/meeting-view.js';
import { choose } from '../answers/reply.js';
import { closestMeetings, eventDetail, meetingSuggestions, notFound } from '../answers/views.js';
import { findTargets } from '../engine/targets.js';
import { meetingChoices } from './choices.js';
import { defineCommand } from './command.js';

export const meetingCommand = defineCommand({
  name: 'meeting',
  description:
    'One meeting in detail: date, place, occasion, format, people, summary, topics, quotes, sources',
  options: {
    query: {
      type: 'string',
      description: 'A place, occasion, date or topic, e.g. Sochi',
      required: true,
      autocomplete: true,
    },
  },
  main: 'query',
  examples: ['/meeting Sochi', '/meeting query:climate conference', '/meeting Moscow 2016'],
  run({ query }, { engine }) {
    const targets = findTargets(engine, query);
    const [first, second] = targets.meetings;
    if (targets.best === 'meetings' && first && !second) return meetingDetail(engine, first);
    if (targets.best === 'meetings' && first) {
      return choose(
        'Which meeting?',
        `${targets.meetings.length} meetings match ${echo(query)}. Pick one:`,
        meetingSuggestions(engine, targets.meetings, true),
      );
    }
    const [event] = targets.events;
    if (targets.best === 'events' && event) return eventDetail(engine, event);
    return notFound(
      `I can't find a meeting matching ${echo(query)} in the articles.`,
      closestMeetings(engine),
      targets.u.unknown,
    );
  },
  autocomplete(_option, value, { engine }) {
    return meetingChoices(engine, value);
  },
});
