import {
  type APIApplicationCommandOptionChoice,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  InteractionResponseType,
  MessageFlags,
} from 'discord.js';
import type { Reply } from '../answers/reply.js';
import { isPrivate, type MessageOptions, NO_PINGS, toMessage } from '../discord/message.js';

/**
 * Replies as the JSON Discord takes in an HTTP response body or a REST call: the same message the
 * gateway bot sends (built by `toMessage`), written out the way discord.js would put it on the wire.
 */

/** Replies never ping anyone, in Discord's own spelling. */
export const NO_MENTIONS = { parse: [...NO_PINGS.parse], replied_user: NO_PINGS.repliedUser };

export type MessageBody = Pick<
  APIInteractionResponseCallbackData,
  'content' | 'embeds' | 'components' | 'allowed_mentions' | 'flags' | 'attachments'
>;

export function messageBody(reply: Reply, options: MessageOptions): MessageBody {
  const message = toMessage(reply, options);
  return {
    embeds: message.embeds.map((embed) => embed.toJSON()),
    components: message.components.map((row) => row.toJSON()),
    allowed_mentions: NO_MENTIONS,
  };
}

export const PONG: APIInteractionResponse = { type: InteractionResponseType.Pong };

/** "Summit is thinking…", visible to the asker alone, for work that needs another request. */
export const DEFER_PRIVATELY: APIInteractionResponse = {
  type: InteractionResponseType.DeferredChannelMessageWithSource,
  data: { flags: MessageFlags.Ephemeral },
};

/** "Summit is thinking…", seen by whom the answer will be, while a picture is drawn. */
export function deferFor(reply: Reply, options: MessageOptions): APIInteractionResponse {
  return isPrivate(reply, options)
    ? DEFER_PRIVATELY
    : { type: InteractionResponseType.DeferredChannelMessageWithSource };
}

/** A new message answering the interaction, ephemeral when the reply is private. */
export function replyWith(reply: Reply, options: MessageOptions): APIInteractionResponse {
  return {
    type: InteractionResponseType.ChannelMessageWithSource,
    data: {
      ...messageBody(reply, options),
      ...(isPrivate(reply, options) && { flags: MessageFlags.Ephemeral }),
    },
  };
}

/** The clicked message replaced by the reply (its ephemerality cannot change). */
export function updateWith(body: MessageBody): APIInteractionResponse {
  return { type: InteractionResponseType.UpdateMessage, data: body };
}

export function choicesResponse(choices: APIApplicationCommandOptionChoice[]): APIInteractionResponse {
  return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } };
}
