import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  MessageFlags,
  type PermissionsBitField,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { type Reply, usage } from '../answers/reply.js';
import type { Invocation } from '../commands/dispatch.js';
import { commandOf } from '../commands/parse-line.js';
import { findCommand } from '../commands/registry.js';
import { insightsContext } from '../insights/prefetch.js';
import { answer, type BotDeps, send } from './answer.js';
import { CHANNEL_OPTION, MODERATOR_PERMISSION } from './definitions.js';
import { NO_PINGS, toMessage } from './message.js';
import { cannotPost, moderatorsOnly, postedIn, serversOnly } from './notices.js';
import { isDenied, postPermissions } from './permissions.js';

/**
 * Moderator tools (/summary, /reload): the member's permission is checked again here, because
 * server admins can change who sees a command. A tool that publishes posts its answer in the
 * chosen channel, and the moderator is told privately where it went or what the bot lacks
 * there; any other tool answers the moderator privately.
 */

type ModeratorInteraction = ChatInputCommandInteraction | ButtonInteraction | StringSelectMenuInteraction;

export interface PostRequest {
  /** The moderator command as typed, or the command line a button carries. */
  run: Invocation | string;
  /** Where to post; the interaction's own channel when absent. */
  channelId?: string;
}

/** Whether a command line runs a moderator tool (which only its own path may run). */
export function isModeratorLine(line: string): boolean {
  return findCommand(commandOf(line))?.moderator === true;
}

/** Buttons on a moderator's "which meeting?" carry the channel they chose, so the pick posts there. */
const CHANNEL_SUFFIX = new RegExp(` ${CHANNEL_OPTION}:(\\d{17,20})$`);

export function splitChannel(line: string): PostRequest {
  const match = line.match(CHANNEL_SUFFIX);
  return match?.[1] ? { run: line.slice(0, match.index), channelId: match[1] } : { run: line };
}

export function withChannel(reply: Reply, channelId: string): Reply {
  const carry = (s: Reply['suggestions'][number]) =>
    isModeratorLine(s.command) ? { ...s, command: `${s.command} ${CHANNEL_OPTION}:${channelId}` } : s;
  return { ...reply, suggestions: reply.suggestions.map(carry) };
}

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
    const reply = answer(deps, request.run, 1, rationedUser(interaction), extra);
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
  const reply = answer(deps, request.run, 1, rationedUser(interaction));
  if (reply.kind !== 'answer') {
    await send(interaction, withChannel(reply, channelId), { hidden: true });
    return reply.kind;
  }
  const missing = missingIn(interaction, channelId);
  if (missing.length) {
    await send(interaction, cannotPost(channelId, missing), { hidden: true });
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
    const posted = await channel.send(toMessage(reply, { hidden: false }));
    await interaction.editReply({
      content: postedIn(reply, channelId, posted.url),
      allowedMentions: NO_PINGS,
    });
    return 'posted';
  } catch (error) {
    if (!isDenied(error)) throw error;
    await send(
      interaction,
      cannotPost(
        channelId,
        neededIn(interaction, channelId).map(([, name]) => name),
      ),
      { hidden: true },
    );
    return 'refused';
  }
}

/** What the bot lacks in the channel, when it can tell from what Discord sent and what it caches. */
function missingIn(interaction: ModeratorInteraction, channelId: string): string[] {
  const permissions = permissionsIn(interaction, channelId);
  if (!permissions) return [];
  return neededIn(interaction, channelId)
    .filter(([flag]) => !permissions.has(flag))
    .map(([, name]) => name);
}

const neededIn = (interaction: ModeratorInteraction, channelId: string) =>
  postPermissions(interaction.guild?.channels.cache.get(channelId)?.isThread() ?? false);

function permissionsIn(
  interaction: ModeratorInteraction,
  channelId: string,
): Readonly<PermissionsBitField> | null {
  // Discord computes the bot's permissions in the channel the command was used in.
  if (channelId === interaction.channelId) return interaction.appPermissions;
  const channel = interaction.guild?.channels.cache.get(channelId);
  const me = interaction.guild?.members.me;
  return channel && me ? channel.permissionsFor(me) : null;
}
