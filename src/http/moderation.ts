import {
  type APIChatInputApplicationCommandInteraction,
  type APIMessage,
  type APIMessageComponentInteraction,
  InteractionType,
  PermissionsBitField,
} from 'discord.js';
import type { Reply } from '../answers/reply.js';
import { insightsContext, readsTheRecord } from '../commands/insights-context.js';
import { commandOf } from '../commands/parse-line.js';
import { findCommand } from '../commands/registry.js';
import { answer } from '../discord/answer.js';
import { MODERATOR_PERMISSION } from '../discord/definitions.js';
import { moderatorsOnly, postedIn, refusedPost, serversOnly } from '../discord/notices.js';
import {
  isDenied,
  isThreadType,
  type PostRights,
  postPermissions,
  postRefusal,
} from '../discord/permissions.js';
import { type PostRequest, withChannel } from '../discord/summary.js';
import { type RightsQuery, rightsOverRest } from './channel-rights.js';
import type { Handled, InteractionDeps } from './handled.js';
import { DEFER_PRIVATELY, messageBody, NO_MENTIONS, replyWith } from './respond.js';
import { upload } from './upload.js';

/**
 * Moderator tools over HTTP. The member's permissions arrive with the interaction and are checked
 * again here, because server admins can change who sees a command. A tool that publishes posts
 * only where the moderator could post themselves and the bot can: what Discord sent decides at
 * once; what it did not send (the bot's rights in another channel, anyone's for a pick from
 * "which meeting?") is read over REST after a private acknowledgement. The post goes through
 * REST, and the moderator's response is edited to say where it went or what is missing.
 */

type ModeratorInteraction = APIChatInputApplicationCommandInteraction | APIMessageComponentInteraction;

const PRIVATELY = { hidden: true };

/** `rationedUser`: who to ration, when the tool was typed rather than picked from its own prompt. */
export async function moderate(
  interaction: ModeratorInteraction,
  request: PostRequest,
  rationedUser: string | undefined,
  deps: InteractionDeps,
): Promise<Handled> {
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
        const reply = await answer(deps, request.run, 1, rationedUser, extra);
        await deps.rest.editOriginal(interaction, messageBody(reply, PRIVATELY));
        return reply.kind;
      },
    };
  }
  const reply = await answer(deps, request.run, 1, rationedUser);
  if (!publishes) return privately(reply);

  const channelId = request.channelId ?? interaction.channel.id;
  if (reply.kind !== 'answer') return privately(withChannel(reply, channelId));
  const query = whatDiscordSent(interaction, interaction.guild_id, interaction.member.user.id, channelId);
  const withFile = reply.file !== undefined;
  const known: PostRights = {
    member: query.member.bits,
    bot: query.bot.bits,
    inThread: query.inThread,
    withFile,
  };
  const refusal = postRefusal(known);
  if (refusal && !('unknown' in refusal)) return privately(refusedPost(channelId, refusal), 'refused');

  // Posting (and any reading of rights) are further requests that rate limits can slow:
  // acknowledge within Discord's window first.
  return {
    response: DEFER_PRIVATELY,
    outcome: 'deferred',
    afterwards: async () => {
      const rights = refusal ? { ...(await rightsOverRest(deps.rest, query)), withFile } : known;
      const late = postRefusal(rights);
      if (!late) return post(interaction, channelId, reply, rights.inThread, deps);
      await deps.rest.editOriginal(interaction, messageBody(refusedPost(channelId, late), PRIVATELY));
      return 'refused';
    },
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
    const { body, files } = await upload(reply, { hidden: false }, deps);
    posted = await deps.rest.postMessage(channelId, body, files);
  } catch (error) {
    if (!isDenied(error)) throw error;
    const missing = postPermissions(inThread, reply.file !== undefined).map(([, permission]) => permission);
    await deps.rest.editOriginal(
      interaction,
      messageBody(refusedPost(channelId, { who: 'bot', missing }), PRIVATELY),
    );
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
 * What Discord computed and sent: for the channel the interaction came from, the member's
 * permissions (`member.permissions`) and the bot's (`app_permissions`); for a channel chosen in
 * the command's option, the member's (the resolved channel's `permissions`) and its type.
 * Nothing for a channel a button carries: that is read over REST.
 */
function whatDiscordSent(
  interaction: ModeratorInteraction,
  guildId: string,
  userId: string,
  channelId: string,
): RightsQuery {
  const query = (member?: string, bot?: string, inThread = false): RightsQuery => ({
    guildId,
    channelId,
    member: { id: userId, bits: member },
    bot: { id: interaction.application_id, bits: bot },
    inThread,
  });
  if (channelId === interaction.channel.id) {
    return query(
      interaction.member?.permissions,
      interaction.app_permissions,
      isThreadType(interaction.channel.type),
    );
  }
  const resolved =
    interaction.type === InteractionType.ApplicationCommand
      ? interaction.data.resolved?.channels?.[channelId]
      : undefined;
  return resolved ? query(resolved.permissions, undefined, isThreadType(resolved.type)) : query();
}
