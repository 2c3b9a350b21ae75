import {
  type ButtonInteraction,
  DiscordAPIError,
  type InteractionReplyOptions,
  MessageFlags,
  RESTJSONErrorCodes,
  type RepliableInteraction,
} from 'discord.js';
import type { Reply } from '../answers/reply.js';
import type { BotDeps } from '../discord/answer.js';
import { drawFiles, drawingFailed, drawOrDefer } from '../discord/attachments.js';
import type { Vote } from '../discord/custom-id.js';
import { takeVote } from '../discord/feedback.js';
import { isPrivate, type MessageOptions, NO_PINGS, toMessage } from '../discord/message.js';
import type { Logger } from '../ops/log.js';
import { settledDeferral } from './response-window.js';

/**
 * How the gateway answers an interaction through discord.js: a first response, a deferral filled
 * in, or a follow-up, whichever the interaction still takes (the HTTP endpoint's is http/respond.ts).
 */

/** A reply as the first response to an interaction, ephemeral when it is private. */
function interactionReply(reply: Reply, options: MessageOptions): InteractionReplyOptions {
  return {
    ...toMessage(reply, options),
    ...(isPrivate(reply, options) && { flags: MessageFlags.Ephemeral }),
  };
}

/**
 * Answers an interaction whether or not it was already answered or deferred. A reply with a file
 * is drawn first, deferring the response if drawing runs long; `log` hears of a drawing that failed.
 */
export async function send(
  interaction: RepliableInteraction,
  reply: Reply,
  options: MessageOptions,
  log?: Logger,
) {
  await settledDeferral(interaction);
  const drawn = await drawOrDefer(
    drawFiles(reply, log ? drawingFailed({ log }) : () => undefined),
    async () => {
      if (interaction.deferred || interaction.replied) return;
      await interaction.deferReply(isPrivate(reply, options) ? { flags: MessageFlags.Ephemeral } : {});
    },
  );
  const payload = {
    ...interactionReply(drawn.reply, options),
    ...(drawn.files.length && { files: drawn.files }),
  };
  if (interaction.deferred && !interaction.replied) {
    const { flags, ...edit } = payload;
    if (Boolean(flags) === Boolean(interaction.ephemeral)) {
      await interaction.editReply(edit);
    } else {
      // An edit cannot change who sees a message: a deferral made with the other visibility
      // (by the response-window guard, which cannot know) gives way to a follow-up.
      await interaction.deleteReply();
      await interaction.followUp(payload);
    }
  } else if (interaction.replied) {
    await interaction.followUp(payload);
  } else {
    await interaction.reply(payload);
  }
}

/**
 * The interaction can no longer be answered: it expired (Discord's 3-second window passed, or
 * the token's 15 minutes) or another response already went out.
 */
export function isGone(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.UnknownInteraction ||
      error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged)
  );
}

/** A click on 👍/👎 on the gateway; a second click replaces the first. */
export async function onVote(interaction: ButtonInteraction, vote: Vote, deps: BotDeps): Promise<string> {
  const { thanks, outcome } = takeVote(deps, vote, interaction.user.id);
  await interaction.reply({ content: thanks, flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS });
  return outcome;
}
