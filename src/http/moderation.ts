import {
  type APIChatInputApplicationCommandInteraction,
  type APIMessage,
  type APIMessageComponentInteraction,
  Constants,
  InteractionType,
  PermissionsBitField,
} from 'discord.js';
import type { Reply } from '../answers/reply.js';
import { commandOf } from '../commands/parse-line.js';
import { findCommand } from '../commands/registry.js';
import { answer } from '../discord/answer.js';
import { MODERATOR_PERMISSION } from '../discord/definitions.js';
import { cannotPost, moderatorsOnly, postedIn, serversOnly } from '../discord/notices.js';
import { isDenied, postPermissions } from '../discord/permissions.js';
import { type PostRequest, withChannel } from '../discord/summary.js';
import { insightsContext, readsTheRecord } from '../insights/prefetch.js';
import type { Handled, InteractionDeps } from './interactions.js';
import { DEFER_PRIVATELY, messageBody, NO_MENTIONS, replyWith } from './respond.js';

/**
 * Moderator tools over HTTP. The member's permissions arrive with the interaction and are checked
 * again here, because server admins can change who sees a command. A tool that publishes is
 * acknowledged at once (privately), then posted to the channel through REST, and the moderator's
 * response is edited to say where it went or what the bot lacks there.
 */

type ModeratorInteraction = APIChatInputApplicationCommandInteraction | APIMessageComponentInteraction;

const PRIVATELY = { hidden: true };

/** `rationedUser`: who to ration, when the tool was typed rather than picked from its own prompt. */
export function moderate(
  interaction: ModeratorInteraction,
  request: PostRequest,
  rationedUser: string | undefined,
  deps: InteractionDeps,
): Handled {
  const name = typeof request.run === 'string' ? commandOf(request.run) : request.run.command;
  const publishes = findCommand(name)?.publishes === true;
  const privately = (reply: Reply, outcome: string = reply.kind): Handled => ({
    response: replyWith(reply, PRIVATELY),
    outcome,
  });
  if (!interaction.guild_id || !interaction.member) return privately(serversOnly(name), 'refused');
  if (!new PermissionsBitField(BigInt(interaction.member.permissions)).has(MODERATOR_PERMISSION)) {
    return privately(moderatorsOnly(name, publishes), 'refused');
  }
  if (readsTheRecord(request.run)) {
    // The store answers asynchronously: acknowledge within Discord's window, then answer.
    return {
      response: DEFER_PRIVATELY,
      outcome: 'deferred',
      afterwards: async () => {
        const extra = await insightsContext(request.run, deps.recorder);
        const reply = answer(deps, request.run, 1, rationedUser, extra);
        await deps.rest.editOriginal(interaction, messageBody(reply, PRIVATELY));
        return reply.kind;
      },
    };
  }
  const reply = answer(deps, request.run, 1, rationedUser);
  if (!publishes) return privately(reply);

  const channelId = request.channelId ?? interaction.channel.id;
  if (reply.kind !== 'answer') return privately(withChannel(reply, channelId));
  const target = channelFacts(interaction, channelId);
  const missing = target.permissions
    ? postPermissions(target.inThread)
        .filter(([flag]) => !target.permissions?.has(flag))
        .map(([, permission]) => permission)
    : [];
  if (missing.length) return privately(cannotPost(channelId, missing), 'refused');

  // Posting is a second request that rate limits can slow: acknowledge within Discord's window first.
  return {
    response: DEFER_PRIVATELY,
    outcome: 'deferred',
    afterwards: () => post(interaction, channelId, reply, target.inThread, deps),
  };
}

async function post(
  interaction: ModeratorInteraction,
  channelId: string,
  reply: Reply,
  inThread: boolean,
  deps: InteractionDeps,
): Promise<string> {
  let posted: APIMessage;
  try {
    posted = await deps.rest.postMessage(channelId, messageBody(reply, { hidden: false }));
  } catch (error) {
    if (!isDenied(error)) throw error;
    const needed = postPermissions(inThread).map(([, permission]) => permission);
    await deps.rest.editOriginal(interaction, messageBody(cannotPost(channelId, needed), PRIVATELY));
    return 'refused';
  }
  const url = `https://discord.com/channels/${interaction.guild_id}/${posted.channel_id}/${posted.id}`;
  await deps.rest.editOriginal(interaction, {
    content: postedIn(reply, channelId, url),
    allowed_mentions: NO_MENTIONS,
  });
  return 'posted';
}

/**
 * What the interaction tells about the channel to post in: whether it is a thread, and the bot's
 * permissions there when Discord sent them (for the channel it was used in, and for a channel
 * chosen in the command's option). Without them, Discord's answer to the post tells.
 */
function channelFacts(interaction: ModeratorInteraction, channelId: string) {
  const threads: readonly number[] = Constants.ThreadChannelTypes;
  if (channelId === interaction.channel.id) {
    return {
      inThread: threads.includes(interaction.channel.type),
      permissions: new PermissionsBitField(BigInt(interaction.app_permissions)),
    };
  }
  const resolved =
    interaction.type === InteractionType.ApplicationCommand
      ? interaction.data.resolved?.channels?.[channelId]
      : undefined;
  return {
    inThread: resolved ? threads.includes(resolved.type) : false,
    permissions: resolved?.app_permissions
      ? new PermissionsBitField(BigInt(resolved.app_permissions))
      : undefined,
  };
}
