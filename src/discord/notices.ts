import { listWords } from '../answers/format.js';
import { type Reply, usage } from '../answers/reply.js';
import type { PostRefusal } from './permissions.js';

/**
 * What Summit says on Discord besides the answers themselves: a stale button, an empty message,
 * a refused or finished post, a fact base that changed under a button. Shared by the gateway bot
 * and the HTTP endpoint so that both speak alike.
 */

export const expiredButton = (): Reply =>
  usage('That button has expired', 'Run the command again for a fresh answer.');

export const nothingToAsk = (): Reply =>
  usage(
    'Nothing to ask',
    'That message has no text I can read. Use **Ask Summit** on a message with a question in it, or ask with `/ask`.',
  );

/** What a private "which one?" prompt becomes when the pick is answered publicly below it. */
export const foldedPrompt = (reply: Reply): string => `↓ ${reply.title}`;

export const serversOnly = (command: string): Reply =>
  usage('Servers only', `/${command} is for server moderators.`);

export function moderatorsOnly(command: string, publishes: boolean): Reply {
  const instead = publishes ? ' You can read any meeting yourself with `/meeting`.' : '';
  return usage(
    'Moderators only',
    `/${command} is for moderators: it needs the **Manage Messages** permission.${instead}`,
  );
}

export const postedIn = (reply: Reply, channelId: string, url: string): string =>
  `Posted **${reply.title}** in <#${channelId}>: ${url}`;

export function cannotPost(channelId: string, missing: string[]): Reply {
  return usage(
    "I can't post there",
    `To post in <#${channelId}> I need ${listWords(missing.map((m) => `**${m}**`))} there. Ask a server admin to grant ${missing.length === 1 ? 'it' : 'them'}, or choose another channel.`,
  );
}

/** Why a post was refused, naming whose rights are missing: the moderator's, or the bot's. */
export function refusedPost(channelId: string, refusal: PostRefusal): Reply {
  if ('unknown' in refusal) {
    const whose = refusal.who === 'member' ? 'you may' : 'I may';
    return usage(
      "Can't post there",
      `I can't tell whether ${whose} post in <#${channelId}>, so I won't. Run the command again with that channel chosen, or choose another one.`,
    );
  }
  if (refusal.who === 'bot') return cannotPost(channelId, refusal.missing);
  return usage(
    "You can't post there",
    `You can't send messages in <#${channelId}>: you need ${listWords(refusal.missing.map((m) => `**${m}**`))} there, and I post only where you could. Choose a channel you can write in.`,
  );
}

/**
 * A button made before the fact base was reloaded runs against the new version. It still
 * answers, and says so: the record it pointed to may have changed or gone.
 */
export function madeBeforeReload(madeAt: number, reloadedAt: number | undefined, reply: Reply): Reply {
  if (!reloadedAt || madeAt >= reloadedAt) return reply;
  const note =
    '_The fact base was updated after this message was made: this answer comes from the new version._';
  return { ...reply, text: `${note}\n\n${reply.text}` };
}
