import type { Engine } from '../engine/engine.js';
import type { Meeting, Quote } from '../knowledge/model.js';
import type { Person } from '../knowledge/schema.js';
import { LIMITS, oneLine } from '../limits.js';
import { searchWords } from '../search/text-index.js';
import { echo, meetingTitle, plural, shortDate, speakerName } from './format.js';
import type { FollowUp } from './reply.js';
import { notFound, quoteReply } from './views.js';

export function quoteLabel(engine: Engine, q: Quote): string {
  const meeting = q.meeting ? engine.kb.meeting(q.meeting) : undefined;
  const when = meeting ? ` · ${shortDate(meeting.date)}` : '';
  const who = speakerName(engine.kb, q).split(' ').at(-1);
  const tail = ` — ${who}${when}`;
  return `${oneLine(`“${q.text}”`, LIMITS.choiceName - tail.length)}${tail}`;
}

export const QUOTES_PER_PAGE = 5;

/** The words of a quote lookup, typos corrected, with the speaker's own name left out. */
export function quoteWords(engine: Engine, query: string, speaker?: Person): string[] {
  const u = engine.understand(query);
  const own = new Set(speaker ? searchWords([speaker.name, ...speaker.aliases].join(' ')) : []);
  return searchWords(u.corrected).filter((w) => !own.has(w));
}

/** Quotes for a speaker, meeting and words, as a paginated reply or an honest miss. */
export function answerQuotes(
  engine: Engine,
  found: Quote[],
  what: { speaker?: Person; meeting?: Meeting; query?: string; line: string; page: number },
) {
  const by = what.speaker ? ` by ${what.speaker.name}` : '';
  const at = what.meeting ? ` at ${meetingTitle(engine.kb, what.meeting)}` : '';
  const about = what.query ? ` matching ${echo(what.query)}` : '';
  if (found.length === 0) {
    const pool = engine.findQuotes({
      ...(what.speaker && { speaker: what.speaker }),
      ...(what.meeting && { meetings: [what.meeting] }),
    });
    const closest: FollowUp[] = pool
      .slice(0, 5)
      .map((q) => ({ label: quoteLabel(engine, q), command: `/quote query:${q.id}` }));
    const u = what.query ? engine.understand(what.query) : undefined;
    return notFound(`The articles record no quote${by}${at}${about}.`, closest, u?.unknown ?? []);
  }
  const count = Math.ceil(found.length / QUOTES_PER_PAGE);
  const index = Math.min(Math.max(1, what.page), count);
  const shown = found.slice((index - 1) * QUOTES_PER_PAGE, index * QUOTES_PER_PAGE);
  const title = found.length === 1 ? `Quote${by}${at}` : `${plural(found.length, 'quote')}${by}${at}${about}`;
  const reply = quoteReply(engine, shown, title, [
    ...(shown[0]?.meeting ? [{ label: 'The meeting', command: `/meeting query:${shown[0].meeting}` }] : []),
    { label: 'Random quote', command: '/quote' },
  ]);
  return count > 1 ? { ...reply, page: { index, count, command: what.line } } : reply;
}
