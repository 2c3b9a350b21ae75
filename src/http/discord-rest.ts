import { setTimeout as sleep } from 'node:timers/promises';
import {
  type APIChannel,
  type APIGuild,
  type APIGuildMember,
  type APIMessage,
  DiscordAPIError,
  HTTPError,
  REST,
  RESTJSONErrorCodes,
  Routes,
} from 'discord.js';
import type { MessageBody } from './respond.js';

/**
 * What the HTTP endpoint says to Discord after its response: a message in a channel (with the bot
 * token), and edits and follow-ups of an interaction (with the interaction's own token, which
 * lasts 15 minutes). discord.js's REST client queues them by rate-limit bucket and retries 5xx.
 */
export interface DiscordRest {
  postMessage(channelId: string, body: MessageBody): Promise<APIMessage>;
  editOriginal(interaction: InteractionToken, body: MessageBody): Promise<void>;
  followUp(interaction: InteractionToken, body: MessageBody): Promise<void>;
  /** Reads, with the bot token, for what no interaction carries: a channel's overwrites, a guild's roles, a member's roles. */
  channel(channelId: string): Promise<APIChannel>;
  guild(guildId: string): Promise<APIGuild>;
  member(guildId: string, userId: string): Promise<APIGuildMember>;
}

export interface InteractionToken {
  application_id: string;
  token: string;
}

export function createDiscordRest(settings: {
  DISCORD_TOKEN: string;
  DISCORD_API_URL?: string;
}): DiscordRest {
  const rest = new REST(settings.DISCORD_API_URL ? { api: settings.DISCORD_API_URL } : {}).setToken(
    settings.DISCORD_TOKEN,
  );
  return {
    postMessage: async (channelId, body) =>
      (await rest.post(Routes.channelMessages(channelId), { body })) as APIMessage,
    editOriginal: (interaction, body) =>
      onceTheWebhookExists(interaction, () =>
        rest.patch(Routes.webhookMessage(interaction.application_id, interaction.token, '@original'), {
          body,
          auth: false,
        }),
      ),
    followUp: (interaction, body) =>
      onceTheWebhookExists(interaction, () =>
        rest.post(Routes.webhook(interaction.application_id, interaction.token), { body, auth: false }),
      ),
    channel: async (channelId) => (await rest.get(Routes.channel(channelId))) as APIChannel,
    guild: async (guildId) => (await rest.get(Routes.guild(guildId))) as APIGuild,
    member: async (guildId, userId) =>
      (await rest.get(Routes.guildMember(guildId, userId))) as APIGuildMember,
  };
}

/** Waits between tries of a webhook call that found no webhook yet. */
const WEBHOOK_RETRY_MS = [100, 250, 500, 1000];

/**
 * An interaction's webhook exists once Discord has taken in our HTTP response, which can be a
 * moment after we sent it; a call that gets there first is told "Unknown Webhook" and tried again.
 */
async function onceTheWebhookExists(
  interaction: InteractionToken,
  call: () => Promise<unknown>,
): Promise<void> {
  try {
    for (const wait of WEBHOOK_RETRY_MS) {
      try {
        await call();
        return;
      } catch (error) {
        if (!(error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownWebhook))
          throw error;
        await sleep(wait);
      }
    }
    await call();
  } catch (error) {
    throw withoutToken(error, interaction.token);
  }
}

/** A failed call's URL holds the interaction's token, which must not reach the logs with the error. */
function withoutToken(error: unknown, token: string): unknown {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    error.url = error.url.replaceAll(token, '[redacted]');
  }
  return error;
}
