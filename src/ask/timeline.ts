import type { Reply } from '../answers/reply.js';
import { listMeetings } from '../commands/meetings.js';
import { timelineReply } from '../commands/timeline.js';
import type { Engine } from '../engine/engine.js';
import type { Meeting } from '../knowledge/model.js';
import { detectIntent } from './intents.js';

/**
 * "Show me a timeline of their meetings": the question's own filters (place, date, person,
 * topic) narrow the meetings, and /timeline draws them.
 */

/** Words that ask for the picture: the articles never use them, yet they are no unknown subject. */
export const asksForPicture = (word: string) =>
  detectIntent(word) === 'timeline' || word === 'time' || word === 'line';

export function timelineAnswer(engine: Engine, narrowed: { meetings: Meeting[]; filters: string[] }): Reply {
  return narrowed.meetings.length
    ? timelineReply(engine, narrowed.meetings, narrowed.filters)
    : listMeetings(engine, [], narrowed.filters, '/timeline');
}
