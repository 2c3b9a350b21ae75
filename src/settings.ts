import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { config } from 'dotenv';
import type * as Zod from 'zod/mini';
import type * as SettingsZodModule from './settings-zod.js';

/**
 * Every setting Summit reads, from the environment or `.env`, each checked here and nowhere else,
 * so that a mistake stops start-up with one line naming the variable and what to set.
 * `.env.example` documents each one (a test keeps the two in step). Each program reads the group
 * it needs; blank values count as unset.
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

const tryOffline = () => `To try Summit without Discord, run: ${commandFor('console')}`;

/**
 * The schemas, built the first time a setting is read: zod costs tens of milliseconds to load,
 * which the offline console and `npm run ask` would otherwise pay before their first answer.
 * They are written with zod/mini, whose functions a bundler keeps only as far as they are used.
 */
function defineSchemas(z: SettingsZod) {
  const snowflake = (what: string) =>
    z.string().check(z.regex(/^\d{17,20}$/, `must be ${what}: a Discord id of 17 to 20 digits`));

  /** A TCP port; 0 asks the system for any free one, where that makes sense. */
  function portNumber(lowest: 0 | 1) {
    const range = `must be a port number from ${lowest === 0 ? '0 (any free port)' : '1'} to 65535`;
    return z.coerce
      .number({ error: 'must be a port number' })
      .check(z.int(range), z.gte(lowest, range), z.lte(65535, range));
  }

  /** A whole number of something, from `min` to `max`. */
  function wholeNumber(what: string, whole: string, min: number, max: number) {
    return z.coerce
      .number({ error: `must be a number of ${what}` })
      .check(z.int(whole), z.gte(min, `must be at least ${min}`), z.lte(max, `must be at most ${max}`));
  }

  const onOff = z.enum(['on', 'off'], { error: 'must be on or off' });

  const discordSchema = z.object({
    DISCORD_TOKEN: z
      .string({ error: () => `is not set: ${howToSet('DISCORD_TOKEN', 'your bot token')}` })
      .check(
        z.regex(
          /^[\w-]+\.[\w-]+\.[\w-]+$/,
          'does not look like a bot token (three parts separated by dots): copy it from the Bot page of your application in the Discord Developer Portal',
        ),
      ),
    DISCORD_CLIENT_ID: z.optional(
      snowflake("your application's id (General Information in the Developer Portal)"),
    ),
    DISCORD_GUILD_ID: z.optional(snowflake('the id of the server to deploy the commands to')),
    DISCORD_API_URL: z.optional(
      z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, such as https://discord.com/api' }),
    ),
    LOG_LEVEL: z._default(
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be one of fatal, error, warn, info, debug, trace or silent',
      }),
      'info',
    ),
    METRICS_PORT: z.optional(portNumber(1)),
    // What /healthz and /metrics disclose is for operators: reachable from this machine only,
    // unless an address (0.0.0.0 in a container, whose port is published) says otherwise.
    METRICS_HOST: z._default(
      z.union([z.ipv4(), z.ipv6()], {
        error: 'must be an IP address to listen on, such as 127.0.0.1 (the default) or 0.0.0.0',
      }),
      '127.0.0.1',
    ),
    KNOWLEDGE_WATCH: z._default(onOff, 'on'),
  });

  const httpSchema = z.object({
    DISCORD_PUBLIC_KEY: z
      .string({
        error: () =>
          `is not set: ${howToSet('DISCORD_PUBLIC_KEY', "your application's public key")}; it is under General Information in the Developer Portal`,
      })
      .check(
        z.regex(
          /^[0-9a-fA-F]{64}$/,
          'does not look like a public key (64 hex digits): copy it from General Information in the Developer Portal',
        ),
      ),
    PORT: z._default(portNumber(0), 8080),
  });

  const shardingSchema = z.object({
    SHARD_COUNT: z._default(
      z.pipe(
        z
          .string()
          .check(
            z.regex(
              /^(?:auto|[1-9]\d*)$/,
              'must be a whole number of shards from 1 up, or auto for the number Discord recommends',
            ),
          ),
        z.transform((v): number | 'auto' => (v === 'auto' ? 'auto' : Number(v))),
      ),
      'auto',
    ),
  });

  /**
   * The record of questions (docs/insights.md). Every one is optional: with none, questions are
   * recorded in data/summit.sqlite for 90 days and answers carry no 👍/👎 (votes need SUMMIT_HASH_KEY).
   */
  const recordingSchema = z.object({
    SUMMIT_RECORDING: z._default(onOff, 'on'),
    SUMMIT_DATA_DIR: z._default(z.string(), 'data'),
    DATABASE_URL: z.optional(
      z.url({
        protocol: /^postgres(ql)?$/,
        error:
          'must be a PostgreSQL URL, postgres://user:password@host:5432/database (unset: a SQLite file in SUMMIT_DATA_DIR)',
      }),
    ),
    SUMMIT_HASH_KEY: z.optional(
      z
        .string()
        .check(
          z.minLength(
            16,
            'must be at least 16 characters of secret: for example the output of openssl rand -hex 32',
          ),
        ),
    ),
    SUMMIT_RETENTION_DAYS: z._default(wholeNumber('days', 'must be a whole number of days', 1, 3650), 90),
    SUMMIT_RECORD_QUEUE: z._default(wholeNumber('records', 'must be a whole number', 100, 1_000_000), 10_000),
  });

  return { discordSchema, httpSchema, shardingSchema, recordingSchema };
}

type SettingsZod = typeof SettingsZodModule;
type Schemas = ReturnType<typeof defineSchemas>;
let built: Schemas | undefined;
let given: SettingsZod | undefined;

/**
 * Hands the schemas the zod functions a program has bundled (`settingsZod`); without them, the
 * first read loads zod/mini from node_modules, whole. Reading the gateway bot's settings, bundled
 * both ways, measured 3.9 MB and 30–65 ms with the bundled functions against 13 MB and 130–200 ms
 * (2 cores, load 6).
 */
export function useZod(z: SettingsZod): void {
  given = z;
}

const schemas = (): Schemas =>
  (built ??= defineSchemas(given ?? (createRequire(import.meta.url)('zod/mini') as SettingsZod)));

/** Every variable a setting is read from: `.env.example` must document each. */
/**
 * What the offline programs read (every program reads them too): plain text with defaults, checked
 * here by hand, since loading zod first would add 60–200 ms (measured on these machines) to every
 * start of the console and of `npm run ask`.
 */
const OFFLINE_DEFAULTS = {
  KNOWLEDGE_DIR: 'knowledge',
  SUMMIT_SNAPSHOTS: '',
  SUMMIT_HISTORY: join(homedir(), '.summit_history'),
  SUMMIT_DEBUG: '0',
  NO_COLOR: '',
  /** Where the console and `npm run ask` write a picture (/timeline) when `--out` does not say. */
  SUMMIT_TIMELINE_OUT: '',
};

export type KnowledgeSettings = typeof OFFLINE_DEFAULTS & { SUMMIT_DEBUG: '0' | '1' };

/** Every variable a setting is read from: `.env.example` documents each. */
export const settingNames = (): string[] => [
  ...Object.keys(OFFLINE_DEFAULTS),
  ...Object.values(schemas()).flatMap((s) => Object.keys(s.shape)),
];

export type DiscordSettings = Zod.infer<Schemas['discordSchema']>;
export type LogLevel = DiscordSettings['LOG_LEVEL'];
export type HttpSettings = DiscordSettings & Zod.infer<Schemas['httpSchema']>;
export type RecordingSettings = Zod.infer<Schemas['recordingSchema']>;

/**
 * Checks the variables a schema names (blank counts as unset, and `.env` fills in what the
 * environment lacks); the first problem becomes one SettingsError line naming the variable.
 */
function parseSettings<S extends Zod.ZodMiniObject>(
  schema: S,
  env: NodeJS.ProcessEnv,
  hint = '',
): Zod.infer<S> {
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

/**
 * The fact base's folder (resolved), where its snapshots go, the console's history, debug, colour
 * and where a picture is written.
 */
export function knowledgeSettings(env: NodeJS.ProcessEnv = process.env): KnowledgeSettings {
  if (env === process.env) loadEnv();
  const read = (name: keyof typeof OFFLINE_DEFAULTS) => env[name]?.trim() || OFFLINE_DEFAULTS[name];
  const debug = read('SUMMIT_DEBUG');
  if (debug !== '0' && debug !== '1') throw new SettingsError('SUMMIT_DEBUG must be 0 or 1.');
  return {
    KNOWLEDGE_DIR: resolve(read('KNOWLEDGE_DIR')),
    SUMMIT_SNAPSHOTS: read('SUMMIT_SNAPSHOTS'),
    SUMMIT_HISTORY: read('SUMMIT_HISTORY'),
    SUMMIT_DEBUG: debug,
    NO_COLOR: read('NO_COLOR'),
    SUMMIT_TIMELINE_OUT: read('SUMMIT_TIMELINE_OUT'),
  };
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
  const settings = parseSettings(schemas().discordSchema, env, ` ${tryOffline()}`);
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
  return { ...readDiscordSettings(env), ...parseSettings(schemas().httpSchema, env) };
}

/** `npm run start:sharded`'s shard count: a number, or `auto` for Discord's recommendation. */
export function readShardCount(env: NodeJS.ProcessEnv = process.env): number | 'auto' {
  return parseSettings(schemas().shardingSchema, env).SHARD_COUNT;
}

/** The record of questions: where it is kept, for how long, and the key that hashes voters. */
export function readRecordingSettings(env: NodeJS.ProcessEnv = process.env): RecordingSettings {
  return parseSettings(schemas().recordingSchema, env);
}

/**
 * Start-up messages tell people what to do where Summit runs: the image (which sets
 * SUMMIT_IN_IMAGE=1) has no .env and no npm, only `docker run` and its settings.
 */
const inImage = () => process.env.SUMMIT_IN_IMAGE === '1';

/** How to give Summit a setting, e.g. "put your bot token in .env (see .env.example)". */
export function howToSet(name: string, what: string): string {
  return inImage()
    ? `pass ${what} to the container as ${name} (docker run -e ${name}=… or --env-file, or the compose file's environment)`
    : `put ${what} in .env (see .env.example)`;
}

/** The command that runs another mode: `npm run console`, or `docker run -it --rm summit console`. */
export function commandFor(mode: 'ask' | 'console'): string {
  if (!inImage()) return mode === 'ask' ? 'npm run ask --' : `npm run ${mode}`;
  return `docker run ${mode === 'console' ? '-it' : '-i'} --rm summit ${mode}`;
}
