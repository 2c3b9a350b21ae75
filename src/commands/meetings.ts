import { echo } from '../answers/format.js';
import { listMeetings } from '../answers/meeting-list.js';
import { type Reply, usage } from '../answers/reply.js';
import type { Engine, EntityType, ItemOf } from '../engine/engine.js';
import { personChoices, placeChoices, topicChoices } from './choices.js';
import { defineCommand } from './command.js';

/** Resolves a filter option or explains, privately, what it did not recognise. */
export function resolveOption<K extends EntityType>(
  engine: Engine,
  type: K,
  option: string,
  value: string | undefined,
  describe: (item: ItemOf<K>) => string,
  command: (id: string) => string,
): { item?: ItemOf<K>; problem?: Reply } {
  if (value === undefined || value === '') return {};
  const found = engine.resolve(type, value);
  if (found.item) return { item: found.item };
  const suggestions = found.suggestions.map((s) => ({
    label: describe(s),
    command: command((s as { id: string }).id),
  }));
  return {
    problem: usage(
      `Unknown ${option}`,
      `I don't know a ${option} called ${echo(value)} in the articles.${suggestions.length ? ' Did you mean one of these?' : ''}`,
      suggestions,
    ),
  };
}

const label = (m: { name?: string; label?: string }) => m.name ?? m.label ?? '';

export const meetingsCommand = defineCommand({
  name: 'meetings',
  description: 'List the Netanyahu–Putin meetings, newest first; filter by year, place, topic or person',
  options: {
    year: { type: 'integer', description: 'Only meetings in this year, e.g. 2015', min: 1900, max: 2100 },
    place: { type: 'string', description: 'A city, venue or country, e.g. Sochi', autocomplete: true },
    topic: { type: 'string', description: 'A topic discussed, e.g. Iran', autocomplete: true },
    person: { type: 'string', description: 'Someone involved, e.g. Shoigu', autocomplete: true },
  },
  examples: ['/meetings', '/meetings year:2015', '/meetings place:Russia', '/meetings topic:terrorism'],
  run(args, { engine, page = 1 }) {
    const place = resolveOption(engine, 'place', 'place', args.place, label, (id) => `/meetings place:${id}`);
    const topic = resolveOption(engine, 'topic', 'topic', args.topic, label, (id) => `/meetings topic:${id}`);
    const person = resolveOption(
      engine,
      'person',
      'person',
      args.person,
      label,
      (id) => `/meetings person:${id}`,
    );
    const problem = place.problem ?? topic.problem ?? person.problem;
    if (problem) return problem;

    const meetings = engine.filterMeetings({
      ...(place.item && { places: [place.item] }),
      ...(topic.item && { topics: [topic.item] }),
      ...(person.item && { people: [person.item] }),
      ...(args.year !== undefined && { dates: { year: args.year, rest: '' } }),
    });
    const filters = [
      args.year !== undefined ? `in ${args.year}` : '',
      place.item ? `in ${place.item.name}` : '',
      topic.item ? `about ${topic.item.label}` : '',
      person.item ? `involving ${person.item.name}` : '',
    ].filter(Boolean);
    const line = [
      '/meetings',
      args.year !== undefined ? `year:${args.year}` : '',
      place.item ? `place:${place.item.id}` : '',
      topic.item ? `topic:${topic.item.id}` : '',
      person.item ? `person:${person.item.id}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return listMeetings(engine, meetings, filters, line, page);
  },
  autocomplete(option, value, { engine }) {
    const sources = { place: placeChoices, topic: topicChoices, person: personChoices, year: () => [] };
    return sources[option](engine, value);
  },
});
