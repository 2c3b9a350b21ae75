import { REST, Routes } from 'discord.js';
import { commandDefinitions } from '../discord/definitions.js';
import { readDiscordSettings, SettingsError } from '../settings.js';

/**
 * `npm run deploy-commands`: registers every command with one bulk overwrite, to one server when
 * DISCORD_GUILD_ID is set (instant, for development) or globally. Run it when commands change,
 * not at every start: Discord limits how often commands may be created.
 */
try {
  const settings = readDiscordSettings(process.env, { needClientId: true });
  const app = settings.DISCORD_CLIENT_ID as string;
  const rest = new REST(settings.DISCORD_API_URL ? { api: settings.DISCORD_API_URL } : {}).setToken(
    settings.DISCORD_TOKEN,
  );
  const guild = settings.DISCORD_GUILD_ID;
  const route = guild ? Routes.applicationGuildCommands(app, guild) : Routes.applicationCommands(app);
  const definitions = commandDefinitions();
  const saved = (await rest.put(route, { body: definitions })) as unknown[];
  console.log(
    `Deployed ${saved.length} commands ${guild ? `to server ${guild}` : 'globally'}: ${definitions.map((d) => d.name).join(', ')}.`,
  );
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(
    error instanceof SettingsError ? `summit: ${message}` : `summit: deploying commands failed: ${message}`,
  );
  process.exitCode = 1;
}
