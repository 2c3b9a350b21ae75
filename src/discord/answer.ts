import {
  DiscordAPIError,
  type InteractionReplyOptions,
  MessageFlags,
  RESTJSONErrorCodes,
  type RepliableInteraction,
} from 'discord.js';
import type { Reply } from '../answers/reply.js';
import { dispatch, type Invocation, runLine } from '../commands/dispatch.js';
import { createContext } from '../commands/registry.js';
import type { Engine } from '../engine/engine.js';
import type { Logger } from './log.js';
import { isPrivate, type MessageOptions, toMessage } from './message.js';

/** What every Discord handler needs. */
export interface BotDeps {
  engine: Engine;
  log: Logger;
  /** For "a random quote"; injectable so tests are repeatable. */
  random?: () => number;
}

/** Runs a command through the core dispatcher; a failing handler is logged and becomes an apology. */
export function answer(deps: BotDeps, invocation: Invocation | string, page = 1): Reply {
  const ctx = createContext(deps.engine, { page, ...(deps.random && { random: deps.random }) });
  const onError = (err: unknown, reference: string, failed: Invocation) =>
    deps.log.error({ err, reference, command: failed.command }, 'command failed');
  return typeof invocation === 'string'
    ? runLine(invocation, ctx, onError)
    : dispatch(invocation, ctx, onError);
}

/** A reply as the first response to an interaction, ephemeral when it is private. */
function interactionReply(reply: Reply, options: MessageOptions): InteractionReplyOptions {
  return {
    ...toMessage(reply, options),
    ...(isPrivate(reply, options) && { flags: MessageFlags.Ephemeral }),
  };
}

/** Answers an interaction whether or not it was already answered or deferred. */
export async function send(interaction: RepliableInteraction, reply: Reply, options: MessageOptions) {
  const payload = interactionReply(reply, options);
  if (interaction.deferred && !interaction.replied) {
    const { flags: _ephemeralWasSetWhenDeferring, ...edit } = payload;
    await interaction.editReply(edit);
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
