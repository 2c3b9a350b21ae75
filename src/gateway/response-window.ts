import {
  type BaseInteraction,
  type CommandInteraction,
  type Interaction,
  type InteractionDeferReplyOptions,
  MessageFlags,
  type RESTOptions,
} from 'discord.js';
import { HIDE_OPTION } from '../discord/definitions.js';

/**
 * Discord forgets an interaction that is not acknowledged within 3 seconds. Summit computes its
 * answers in well under a millisecond and sends them at once, so the first response normally
 * keeps the window by itself; this guard is for the rest (slow work before answering, an event
 * loop held up). If no response to a command has gone out 2 s after the bot received it, the
 * guard defers, leaving a second for the deferral to arrive, and `send` fills the deferral in.
 *
 * "Gone out" is seen where it happens, in the REST client's request function: a response held
 * back by a 429, or crawling over a slow network, is already on its way, and a deferral beside it
 * would be a second acknowledgement that Discord refuses.
 */
export const DEFER_AFTER_MS = 2_000;

/** Interactions under watch, and whether a response to each has gone out. */
const watched = new Map<string, boolean>();
/** Deferrals the guard sent, for `send` to wait on. */
const deferrals = new WeakMap<BaseInteraction, Promise<void>>();

const CALLBACK = /\/interactions\/(\d+)\/[^/]+\/callback(?:\?|$)/;

/** The REST client's request function, noting each interaction response as it goes out. */
export function noteResponses(makeRequest: RESTOptions['makeRequest']): RESTOptions['makeRequest'] {
  return (url, init) => {
    const id = CALLBACK.exec(url)?.[1];
    if (id !== undefined && watched.has(id)) watched.set(id, true);
    return makeRequest(url, init);
  };
}

/**
 * Runs the handler of an interaction, deferring a command's response if none has gone out in
 * time. Clicks and autocomplete are left alone: a click is answered in place or with a new
 * message, which only its handler knows, and autocomplete cannot be deferred.
 */
export async function withinWindow<T>(interaction: Interaction, handle: () => Promise<T>): Promise<T> {
  if (!interaction.isCommand()) return handle();
  watched.set(interaction.id, false);
  const timer = setTimeout(() => deferIfSilent(interaction), DEFER_AFTER_MS);
  try {
    return await handle();
  } finally {
    clearTimeout(timer);
    watched.delete(interaction.id);
  }
}

/** Resolves once a deferral the guard sent has been settled (at once if it sent none). */
export async function settledDeferral(interaction: BaseInteraction): Promise<void> {
  await deferrals.get(interaction);
}

function deferIfSilent(interaction: CommandInteraction): void {
  if (watched.get(interaction.id) !== false || interaction.deferred || interaction.replied) return;
  const hidden = interaction.isChatInputCommand() && interaction.options.getBoolean(HIDE_OPTION) === true;
  const options: InteractionDeferReplyOptions = hidden ? { flags: MessageFlags.Ephemeral } : {};
  // A deferral that fails (the window passed after all) leaves the handler's answer to fail in turn.
  deferrals.set(
    interaction,
    interaction.deferReply(options).then(
      () => undefined,
      () => undefined,
    ),
  );
}
