import {
  DiscordAPIError,
  type InteractionReplyOptions,
  MessageFlags,
  RESTJSONErrorCodes,
  type RepliableInteraction,
} from 'discord.js';
import type { Reply } from '../answers/reply.js';
import type { Context } from '../commands/command.js';
import { type Rationing, rationed } from '../commands/cooldowns.js';
import { dispatch, type Invocation, runLine } from '../commands/dispatch.js';
import { commandOf } from '../commands/parse-line.js';
import { createContext } from '../commands/registry.js';
import type { Engine } from '../engine/engine.js';
import type { Recorder } from '../insights/recorder.js';
import type { Metrics } from '../ops/metrics.js';
import type { ReloadResult } from '../reload/live-engine.js';
import { drawFiles, drawingFailed, drawOrDefer } from './attachments.js';
import type { Logger } from './log.js';
import { isPrivate, type MessageOptions, toMessage } from './message.js';
import { settledDeferral } from './response-window.js';

/** What every Discord handler needs. */
export interface BotDeps {
  /** The fact base in force; it may be swapped by a reload, so read it once per answer. */
  readonly engine: Engine;
  log: Logger;
  /** For "a random quote"; injectable so tests are repeatable. */
  random?: () => number;
  /** Loads the fact base again, for /reload. */
  reload?: () => ReloadResult;
  /** Rations expensive commands per user; none in tests that ask in bursts. */
  cooldowns?: Rationing;
  /** When a reload last swapped the fact base (ms since the epoch): older buttons may be stale. */
  readonly reloadedAt?: number | undefined;
  metrics?: Metrics;
  /** The record of questions and votes; absent when recording is off. */
  recorder?: Recorder;
}

/**
 * Runs a command through the core dispatcher; a failing handler is logged and becomes an
 * apology. `user` is who asked, when the command is theirs to ration (not a page turn); a
 * shared store may be asked whether they may.
 */
export async function answer(
  deps: BotDeps,
  invocation: Invocation | string,
  page = 1,
  user?: string,
  extra: Partial<Context> = {},
): Promise<Reply> {
  if (user && deps.cooldowns) {
    const name = typeof invocation === 'string' ? commandOf(invocation) : invocation.command;
    const wait = await rationed(deps.cooldowns, user, name);
    if (wait) return wait;
  }
  const ctx = createContext(deps.engine, {
    ...extra,
    page,
    ...(deps.random && { random: deps.random }),
    ...(deps.reload && { reload: deps.reload }),
  });
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
