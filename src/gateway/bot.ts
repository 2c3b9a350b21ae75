import { Client, DefaultRestOptions, Events, GatewayIntentBits, Options } from 'discord.js';
import type { BotDeps } from '../discord/answer.js';
import { NO_PINGS } from '../discord/message.js';
import type { DiscordSettings } from '../settings.js';
import { handleInteraction } from './interactions.js';
import { handleMention } from './mentions.js';
import { noteResponses, withinWindow } from './response-window.js';

/**
 * The Discord client: Guilds for interactions and the channels and roles that permission checks
 * read, GuildMessages for mentions (a mention carries its text without the MessageContent
 * intent). Caches keep only what those need, so an idle bot stays small.
 */
export function createClient(settings: Pick<DiscordSettings, 'DISCORD_API_URL'>): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    // discord.js's own handling of 429s is kept: it waits out Retry-After and tries again, and
    // sends interaction responses without queueing them behind each other or the global limit
    // (which Discord does not apply to them), so a short limit still lets a reply into the window.
    rest: {
      ...(settings.DISCORD_API_URL && { api: settings.DISCORD_API_URL }),
      makeRequest: noteResponses(DefaultRestOptions.makeRequest),
    },
    allowedMentions: NO_PINGS,
    makeCache: Options.cacheWithLimits({
      MessageManager: 0,
      DMMessageManager: 0,
      GuildMessageManager: 0,
      // The bot's own member is the only one a permission check needs.
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
      PresenceManager: 0,
      VoiceStateManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      GuildEmojiManager: 0,
      BaseGuildEmojiManager: 0,
      ApplicationEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      GuildInviteManager: 0,
      GuildBanManager: 0,
      StageInstanceManager: 0,
      AutoModerationRuleManager: 0,
      ApplicationCommandManager: 0,
      ThreadMemberManager: 0,
      EntitlementManager: 0,
    }),
  });
}

export interface RunningBot {
  client: Client;
  stop(): Promise<void>;
}

/** Logs in and answers until stopped; handlers catch their own failures, so none reaches the client. */
export async function startBot(
  token: string,
  settings: Pick<DiscordSettings, 'DISCORD_API_URL'>,
  deps: BotDeps,
) {
  const { log } = deps;
  const client = createClient(settings);
  client.on(Events.InteractionCreate, (interaction) => {
    withinWindow(interaction, () => handleInteraction(interaction, deps)).catch((err: unknown) =>
      log.error({ err }, 'interaction handler crashed'),
    );
  });
  client.on(Events.MessageCreate, (message) => {
    handleMention(message, deps).catch((err: unknown) => log.error({ err }, 'mention handler crashed'));
  });
  client.once(Events.ClientReady, (ready) =>
    log.info({ user: ready.user.id, guilds: ready.guilds.cache.size }, 'ready'),
  );
  client.on(Events.Error, (err) => log.error({ err }, 'client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'client warning'));
  client.on(Events.ShardDisconnect, (event, shard) =>
    log.warn({ shard, code: event.code }, 'gateway closed'),
  );
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'));

  await client.login(token);
  const bot: RunningBot = {
    client,
    async stop() {
      await client.destroy();
    },
  };
  return bot;
}
