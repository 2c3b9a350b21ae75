import type { Engine } from '../engine/engine.js';
import type { Meeting } from '../knowledge/model.js';
import { citeSources, plural } from './format.js';
import { type Reply, reply } from './reply.js';
import { meetingList, meetingSuggestions } from './views.js';

export const PAGE_SIZE = 5;

/** A list of meetings, newest first, a page at a time; or what the articles cover when it is empty. */
export function listMeetings(
  engine: Engine,
  meetings: Meeting[],
  filters: string[],
  line: string,
  page = 1,
): Reply {
  const title = `Netanyahu–Putin meetings${filters.length ? ` ${filters.join(', ')}` : ''}`;
  if (meetings.length === 0) {
    const all = engine.kb.meetings;
    return reply({
      kind: 'not-found',
      title,
      text: `The articles mention no meeting ${filters.join(', ')}. They cover ${plural(all.length, 'meeting')} and contacts from ${years(all)}.`,
      suggestions: meetingSuggestions(
        engine,
        all.filter((m) => m.kind === 'reported'),
      ),
    });
  }
  const count = Math.ceil(meetings.length / PAGE_SIZE);
  const index = Math.min(Math.max(1, page), count);
  const shown = meetings.slice((index - 1) * PAGE_SIZE, index * PAGE_SIZE);
  return reply({
    title,
    text: `**${plural(meetings.length, 'meeting')}** ${breakdown(meetings)}, newest first.`,
    fields: meetingList(engine, shown),
    citations: citeSources(
      engine.kb,
      shown.flatMap((m) => m.sources),
    ),
    followUps: shown
      .slice(0, 3)
      .map((m) => ({ label: `Details: ${m.id}`, command: `/meeting query:${m.id}` })),
    ...(count > 1 && { page: { index, count, command: line } }),
  });
}

function years(meetings: Meeting[]): string {
  const list = meetings.map((m) => m.date.year);
  return `${Math.min(...list)} to ${Math.max(...list)}`;
}

/** "(5 reported, 2 mentioned in passing, 1 announced)". */
export function breakdown(meetings: Meeting[]): string {
  const names = {
    reported: 'reported',
    recalled: 'mentioned in passing',
    photo: 'in a photo caption',
    planned: 'planned',
  };
  const counts = Object.entries(names)
    .map(([kind, name]) => [meetings.filter((m) => m.kind === kind).length, name] as const)
    .filter(([n]) => n > 0)
    .map(([n, name]) => `${n} ${name}`);
  return counts.length > 1 ? `(${counts.join(', ')})` : `(${counts[0]})`;
}
