import { echo, plural } from '../answers/format.js';
import { type Reply, reply } from '../answers/reply.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import { LIMITS } from '../limits.js';
import type { InsightsData } from '../store/store.js';
import { visible } from './record.js';
import { mergeSimilar } from './similar.js';

/**
 * /insights as a reply: what the articles could not answer (similar wordings together, most
 * asked first), the answers members voted down, the most-asked topics and the answered share.
 * Members' text is shown inert: invisible characters removed, Markdown escaped, mentions broken.
 */

const LISTED = 8;

export function insightsReply(data: InsightsData | undefined, days: number, kb: KnowledgeBase): Reply {
  const period = `the last ${plural(days, 'day')}`;
  if (!data) {
    return reply({
      kind: 'not-found',
      title: 'Insights',
      text: 'The record of questions is not available: recording is off (SUMMIT_RECORDING), or its store is not open yet. See docs/insights.md.',
      private: true,
    });
  }
  const answered = data.byKind.answered ?? 0;
  const share = data.total ? Math.round((100 * answered) / data.total) : 0;
  const summary = data.total
    ? `**${plural(data.total, 'question')}** in ${period} · **${share} %** answered · ${data.byKind['not-covered'] ?? 0} not covered · ${data.byKind['did-you-mean'] ?? 0} did-you-mean · ${data.byKind.usage ?? 0} usage`
    : `Nobody asked anything in ${period}.`;
  const unanswered = mergeSimilar(data.unanswered).map(
    (g) =>
      `**${g.count}×** ${shown(g.example)}${g.wordings > 1 ? ` _(+${plural(g.wordings - 1, 'other wording')})_` : ''}`,
  );
  const downvoted = data.downvoted.map((d) => `**${d.down} 👎** · ${d.up} 👍 · ${shown(d.text)}`);
  const topics = data.topics.map((t) => `${kb.topic(t.topic)?.label ?? t.topic} · **${t.count}**`);
  return reply({
    title: `Insights · ${period}`,
    text: summary,
    fields: [
      { name: 'Not answered, most asked first', value: listed(unanswered, 'Nothing went unanswered.') },
      { name: 'Answers voted down', value: listed(downvoted, 'No 👎 on any answer.') },
      { name: 'Most-asked topics', value: listed(topics, 'No topic stood out.') },
    ],
    private: true,
  });
}

/** A member's question, inert and short. */
const shown = (text: string) => echo(visible(text));

/** Lines that fit one field; what does not fit is counted. */
function listed(lines: string[], none: string): string {
  if (lines.length === 0) return none;
  const kept: string[] = [];
  let length = 0;
  for (const line of lines.slice(0, LISTED)) {
    const more = `…and ${lines.length - kept.length} more`;
    if (length + line.length + 1 + more.length > LIMITS.fieldValue) break;
    kept.push(line);
    length += line.length + 1;
  }
  const left = lines.length - kept.length;
  return left > 0 ? `${kept.join('\n')}\n…and ${left} more` : kept.join('\n');
}
