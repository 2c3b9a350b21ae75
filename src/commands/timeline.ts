import { listMeetings } from '../answers/meeting-list.js';
import { usage } from '../answers/reply.js';
import { timelineReply } from '../timeline/reply.js';
import { personChoices, placeChoices, topicChoices } from './choices.js';
import { defineCommand } from './command.js';
import { resolveOption } from './meetings.js';

const label = (m: { name?: string; label?: string }) => m.name ?? m.label ?? '';

export const timelineCommand = defineCommand({
  name: 'timeline',
  description: 'The meetings as a picture on a time axis; filter by topic, person, place or years',
  options: {
    topic: { type: 'string', description: 'A topic discussed, e.g. Syria', autocomplete: true },
    person: { type: 'string', description: 'Someone involved, e.g. Shoigu', autocomplete: true },
    place: { type: 'string', description: 'A city, venue or country, e.g. Paris', autocomplete: true },
    from: { type: 'integer', description: 'From this year, e.g. 2015', min: 1900, max: 2100 },
    to: { type: 'integer', description: 'Up to this year, e.g. 2018', min: 1900, max: 2100 },
  },
  examples: ['/timeline', '/timeline topic:syria', '/timeline place:paris', '/timeline from:2015 to:2016'],
  cooldown: { uses: 3, seconds: 30 },
  run(args, { engine }) {
    const option = <K extends 'topic' | 'person' | 'place'>(type: K) =>
      resolveOption(engine, type, type, args[type], label, (id) => `/timeline ${type}:${id}`);
    const topic = option('topic');
    const person = option('person');
    const place = option('place');
    const problem = topic.problem ?? person.problem ?? place.problem;
    if (problem) return problem;
    const { from, to } = args;
    if (from !== undefined && to !== undefined && from > to) {
      return usage(
        'Years the wrong way round',
        `\`from\` (${from}) comes after \`to\` (${to}). Try \`/timeline from:${to} to:${from}\`.`,
      );
    }
    const meetings = engine
      .filterMeetings({
        ...(topic.item && { topics: [topic.item] }),
        ...(person.item && { people: [person.item] }),
        ...(place.item && { places: [place.item] }),
      })
      .filter((m) => (from === undefined || m.date.year >= from) && (to === undefined || m.date.year <= to));
    const filters = [
      topic.item ? `about ${topic.item.label}` : '',
      person.item ? `with ${person.item.name}` : '',
      place.item ? `in ${place.item.name}` : '',
      from !== undefined && to !== undefined ? `${from}–${to}` : '',
      from !== undefined && to === undefined ? `from ${from}` : '',
      to !== undefined && from === undefined ? `up to ${to}` : '',
    ].filter(Boolean);
    if (meetings.length === 0) return listMeetings(engine, [], filters, '/timeline');
    return timelineReply(engine, meetings, filters, from !== undefined || to !== undefined);
  },
  autocomplete(option, value, { engine }) {
    const sources = { place: placeChoices, topic: topicChoices, person: personChoices };
    return option in sources ? sources[option as keyof typeof sources](engine, value) : [];
  },
});
