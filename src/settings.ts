import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { config } from 'dotenv';
import { z } from 'zod';

/**
 * Every setting Summit reads, from the environment or `.env`, each checked by its own schema here
 * and nowhere else, so that a mistake stops start-up with one line naming the variable and what
 * to set. `.env.example` documents each one (a test keeps the two in step). Each program reads
 * the group it needs; blank values count as unset.
 */

/** Loads `.env` once; real environment variables win over the file. */
let loaded = false;
export function loadEnv(): void {
  if (loaded) return;
  config({ quiet: true });
  loaded = true;
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

const TRY_OFFLINE = 'To try Summit without Discord, run: npm run console';

const snowflake = (what: string) =>
  z.string().regex(/^\d{17,20}$/, `must be ${what}: a Discord id of 17 to 20 digits`);

/** A TCP port; 0 asks the system for any free one, where that makes sense. */
function portNumber(lowest: 0 | 1) {
  const range = `must be a port number from ${lowest === 0 ? '0 (any free port)' : '1'} to 65535`;
  return z.coerce.number({ error: 'must be a port number' }).int(range).min(lowest, range).max(65535, range);
}

const onOff = z.enum(['on', 'off'], { error: 'must be on or off' });

/** The fact base and the console: what every program, the offline ones included, reads. */
const knowledgeSchema = z.object({
  KNOWLEDGE_DIR: z.string().default('knowledge'),
  SUMMIT_SNAPSHOTS: z.string().optional(),
  SUMMIT_HISTORY: z.string().default(join(homedir(), '.summit_history')),
  SUMMIT_DEBUG: z.enum(['0', '1'], { error: 'must be 0 or 1' }).default('0'),
  NO_COLOR: z.string().optional(),
});

const discordSchema = z.object({
  DISCORD_TOKEN: z
    .string({ error: 'is not set: put your bot token in .env (see .env.example)' })
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
  KNOWLEDGE_WATCH: onOff.default('on'),
});

const httpSchema = z.object({
  DISCORD_PUBLIC_KEY: z
    .string({
      error:
        "is not set: put your application's public key in .env (Developer Portal → General Information → Public Key)",
    })
    .regex(
      /^[0-9a-fA-F]{64}$/,
      'does not look like a public key (64 hex digits): copy it from General Information in the Developer Portal',
    ),
  PORT: portNumber(0).default(8080),
});

const shardingSchema = z.object({
  SHARD_COUNT: z
    .union([z.literal('auto'), z.coerce.number().int().min(1)], {
      error: 'must be a whole number of shards from 1 up, or auto for the number Discord recommends',
    })
    .default('auto'),
});

/** Every variable a setting is read from: `.env.example` must document each. */
export const SETTING_NAMES = [knowledgeSchema, discordSchema, httpSchema, shardingSchema].flatMap((s) =>
  Object.keys(s.shape),
);

export type DiscordSettings = z.infer<typeof discordSchema>;
export type LogLevel = DiscordSettings['LOG_LEVEL'];
export type HttpSettings = DiscordSettings & z.infer<typeof httpSchema>;
export type KnowledgeSettings = z.infer<typeof knowledgeSchema>;

/**
 * Checks the variables a schema names (blank counts as unset, and `.env` fills in what the
 * environment lacks); the first problem becomes one SettingsError line naming the variable.
 */
function parseSettings<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv, hint = ''): z.infer<S> {
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

/** The fact base's folder (resolved), the console's history and debug switch, colour. */
export function knowledgeSettings(env: NodeJS.ProcessEnv = process.env): KnowledgeSettings {
  const settings = parseSettings(knowledgeSchema, env);
  return { ...settings, KNOWLEDGE_DIR: resolve(settings.KNOWLEDGE_DIR) };
}

/** The fact base folder: `KNOWLEDGE_DIR`, or `knowledge/` in the working directory. */
export function knowledgeDir(env: NodeJS.ProcessEnv = process.env): string {
  return knowledgeSettings(env).KNOWLEDGE_DIR;
}

/**
 * The bot's settings. `needClientId` is for deploying commands, which must name the application;
 * the running bot learns it from Discord.
 */
export function readDiscordSettings(
  env: NodeJS.ProcessEnv = process.env,
  { needClientId = false }: { needClientId?: boolean } = {},
): DiscordSettings {
  const settings = parseSettings(discordSchema, env, ` ${TRY_OFFLINE}`);
  if (needClientId && !settings.DISCORD_CLIENT_ID) {
    throw new SettingsError(
      "DISCORD_CLIENT_ID is not set: deploying commands needs your application's id (General Information in the Developer Portal).",
    );
  }
  return settings;
}

/**
 * The HTTP endpoint's settings: the bot's (the token posts summaries and follow-ups through REST)
 * plus the port and the key that proves a request came from Discord.
 */
export function readHttpSettings(env: NodeJS.ProcessEnv = process.env): HttpSettings {
  return { ...readDiscordSettings(env), ...parseSettings(httpSchema, env) };
}

/** `npm run start:sharded`'s shard count: a number, or `auto` for Discord's recommendation. */
export function readShardCount(env: NodeJS.ProcessEnv = process.env): number | 'auto' {
  return parseSettings(shardingSchema, env).SHARD_COUNT;
}
