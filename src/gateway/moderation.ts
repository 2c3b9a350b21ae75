import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  MessageFlags,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { usage } from '../answers/reply.js';
import { insightsContext } from '../commands/insights-context.js';
import { commandOf } from '../commands/parse-line.js';
import { findCommand } from '../commands/registry.js';
import { answer, type BotDeps } from '../discord/answer.js';
import { drawFiles, drawingFailed } from '../discord/attachments.js';
import { MODERATOR_PERMISSION } from '../discord/definitions.js';
import { NO_PINGS, toMessage } from '../discord/message.js';
import { moderatorsOnly, postedIn, refusedPost, serversOnly } from '../discord/notices.js';
import { isDenied, type PostRights, postPermissions, postRefusal } from '../discord/permissions.js';
import { type PostRequest, withChannel } from '../discord/summary.js';
import { send } from './respond.js';

/**
 * Moderator tools (/summary, /reload): the member's permission is checked again here, because
 * server admins can change who sees a command. A tool that publishes posts its answer in the
 * chosen channel, and the moderator is told privately where it went or what the bot lacks
 * there; any other tool answers the moderator privately.
 */

type ModeratorInteraction = ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction;

export async function runModeratorTool(
  interaction: ModeratorInteraction,
  request: PostRequest,
  deps: BotDeps,
): Promise<string> {
  const name = typeof request.run === 'string' ? commandOf(request.run) : request.run.command;
  const command = findCommand(name);
  if (!interaction.inGuild()) {
    await send(interaction, serversOnly(name), { hidden: true });
    return 'refused';
  }
  if (!interaction.memberPermissions.has(MODERATOR_PERMISSION)) {
    await send(interaction, moderatorsOnly(name, command?.publishes === true), { hidden: true });
    return 'refused';
  }
  if (!command?.publishes) {
    const extra = await insightsContext(request.run, deps.recorder);
    const reply = await answer(deps, request.run, 1, rationedUser(interaction), extra);
    await send(interaction, reply, { hidden: true });
    return reply.kind;
  }
  return post(interaction, request, deps);
}

/** A typed command counts against the moderator's ration; a pick from its "which meeting?" does not. */
const rationedUser = (interaction: ModeratorInteraction) =>
  interaction.isChatInputCommand() ? interaction.user.id : undefined;

async function post(interaction: ModeratorInteraction, request: PostRequest, deps: BotDeps): Promise<string> {
  const channelId = request.channelId ?? interaction.channelId;
  const reply = await answer(deps, request.run, 1, rationedUser(interaction));
  if (reply.kind !== 'answer') {
    await send(interaction, withChannel(reply, channelId), { hidden: true });
    return reply.kind;
  }
  // Checked at every run, a pick from "which meeting?" included: rights change, and a button's
  // channel is only what it was when the prompt was made.
  const target = { ...(await rightsIn(interaction, channelId)), withFile: reply.file !== undefined };
  const refusal = postRefusal(target);
  if (refusal) {
    await send(interaction, refusedPost(channelId, refusal), { hidden: true });
    return 'refused';
  }

  // Posting is a second request that rate limits can slow: acknowledge within Discord's window first.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  try {
    const channel = await interaction.client.channels.fetch(channelId);
    if (!channel?.isSendable()) {
      await send(interaction, usage("Can't post there", `<#${channelId}> does not take messages.`), {
        hidden: true,
      });
      return 'refused';
    }
    const drawn = await drawFiles(reply, drawingFailed(deps));
    const posted = await channel.send({ ...toMessage(drawn.reply, { hidden: false }), files: drawn.files });
    await interaction.editReply({
      content: postedIn(reply, channelId, posted.url),
      allowedMentions: NO_PINGS,
    });
    return 'posted';
  } catch (error) {
    if (!isDenied(error)) throw error;
    const missing = postPermissions(target.inThread, target.withFile).map(([, name]) => name);
    await send(interaction, refusedPost(channelId, { who: 'bot', missing }), { hidden: true });
    return 'refused';
  }
}

/**
 * The moderator's and the bot's permissions in the channel to post in. Discord computes both
 * for the channel the interaction came from; for another, they are computed from the cached
 * channel of this server (fetched if a thread is not cached), and unknown if it is not there.
 */
async function rightsIn(interaction: ModeratorInteraction, channelId: string): Promise<PostRights> {
  const guild = interaction.guild;
  const channel =
    guild?.channels.cache.get(channelId) ??
    (await guild?.channels.fetch(channelId).catch(() => null)) ??
    undefined;
  const inThread = channel?.isThread() ?? false;
  if (channelId === interaction.channelId) {
    return { member: interaction.memberPermissions ?? undefined, bot: interaction.appPermissions, inThread };
  }
  const member = interaction.inCachedGuild() ? interaction.member : undefined;
  const me = guild?.members.me;
  return {
    member: (member && channel?.permissionsFor(member)) ?? undefined,
    bot: (me && channel?.permissionsFor(me)) ?? undefined,
    inThread,
  };
}
