import type { Engine } from '../engine/engine.js';
import type { Meeting } from '../knowledge/model.js';
import { citeSources, formatDate, placeName, plural } from './format.js';
import { type Reply, reply } from './reply.js';

/**
 * Where the articles report the two leaders meeting, each place with the dates of its meetings:
 * what "list every city they met in" and "how many different places" ask. A visit only
 * announced is listed apart, and a contact with no place is not a place.
 */
export function meetingPlacesReply(engine: Engine, meetings: readonly Meeting[], counting: boolean): Reply {
  const held = new Map<string, Meeting[]>();
  const announced: string[] = [];
  for (const m of [...meetings].reverse()) {
    const where = placeName(engine.kb, m.place);
    if (!where) continue;
    if (m.kind === 'planned') announced.push(`${where}, ${formatDate(m.date)}`);
    else held.set(where, [...(held.get(where) ?? []), m]);
  }
  const lines = [...held].map(
    ([where, at]) => `- **${where}**: ${at.map((m) => formatDate(m.date)).join('; ')}`,
  );
  const lead = counting
    ? `The articles report them meeting in **${plural(held.size, 'place')}**, oldest first:`
    : `Where the articles report them meeting (${plural(held.size, 'place')}), oldest first:`;
  const later = announced.length ? `\nAnnounced, not reported as held: ${announced.join('; ')}.` : '';
  const placed = meetings.filter((m) => placeName(engine.kb, m.place));
  return reply({
    title: counting ? `${plural(held.size, 'place')}` : 'Where they met',
    text: `${lead}\n${lines.join('\n')}${later}`,
    citations: citeSources(
      engine.kb,
      placed.flatMap((m) => m.sources),
    ),
  });
}
