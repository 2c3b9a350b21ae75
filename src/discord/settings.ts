import { z } from 'zod';
import { commandFor, howToSet, loadEnv } from '../settings.js';

/**
 * The bot's settings, read from the environment (and `.env`) and checked before anything
 * connects, so that a mistake stops start-up with one line saying what to set.
 */

const tryOffline = () => `To try Summit without Discord, run: ${commandFor('console')}`;

const snowflake = (what: string) =>
  z.string().regex(/^\d{17,20}$/, `must be ${what}: a Discord id of 17 to 20 digits`);

/** A TCP port; 0 asks the system for any free one, where that makes sense. */
export function portNumber(lowest: 0 | 1) {
  const range = `must be a port number from ${lowest === 0 ? '0 (any free port)' : '1'} to 65535`;
  return z.coerce.number({ error: 'must be a port number' }).int(range).min(lowest, range).max(65535, range);
}

const schema = z.object({
  DISCORD_TOKEN: z
    .string({ error: () => `is not set: ${howToSet('DISCORD_TOKEN', 'your bot token')}` })
    .regex(
      /^[\w-]+\.[\w-]+\.[\w-]+$/,
      'does not look like a bot token (three parts separated by dots): copy it from the Bot page of your application in the Discord Developer Portal',
    ),
  DISCORD_CLIENT_ID: snowflake(
    "your application's id (General Information in the Developer Portal)",
  ).optional(),
  DISCORD_GUILD_ID: snowflake('the id of the server to deploy the commands to').optional(),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL, such as https://discord.com/api' })
    .optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace or silent',
    })
    .default('info'),
  METRICS_PORT: portNumber(1).optional(),
  KNOWLEDGE_WATCH: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
});

export type DiscordSettings = z.infer<typeof schema>;
export type LogLevel = DiscordSettings['LOG_LEVEL'];

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/**
 * Reads and checks the settings. Blank values count as unset. `needClientId` is for deploying
 * commands, which must name the application; the running bot learns it from Discord.
 */
export function readDiscordSettings(
  env: NodeJS.ProcessEnv = process.env,
  { needClientId = false }: { needClientId?: boolean } = {},
): DiscordSettings {
  const settings = parseSettings(schema, env, ` ${tryOffline()}`);
  if (needClientId && !settings.DISCORD_CLIENT_ID) {
    throw new SettingsError(
      "DISCORD_CLIENT_ID is not set: deploying commands needs your application's id (General Information in the Developer Portal).",
    );
  }
  return settings;
}

/**
 * Checks the variables a schema names (blank counts as unset, and `.env` fills in what the
 * environment lacks); the first problem becomes one SettingsError line naming the variable.
 */
export function parseSettings<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv,
  hint = '',
): z.infer<S> {
  if (env === process.env) loadEnv();
  const present = Object.fromEntries(
    Object.keys(schema.shape).flatMap((key) => {
      const value = env[key]?.trim();
      return value ? [[key, value]] : [];
    }),
  );
  const parsed = schema.safeParse(present);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  throw new SettingsError(
    `${String(issue?.path[0] ?? 'A setting')} ${issue?.message ?? 'is invalid'}.${hint}`,
  );
}
