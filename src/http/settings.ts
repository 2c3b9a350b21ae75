import { z } from 'zod';
import { type DiscordSettings, readDiscordSettings, SettingsError } from '../discord/settings.js';
import { loadEnv } from '../settings.js';

/**
 * The HTTP endpoint's settings: the Discord settings the bot uses (the token posts summaries and
 * follow-ups through REST) plus the port and the key that proves a request came from Discord.
 * Checked before anything listens, so that a mistake stops start-up with one line.
 */

const schema = z.object({
  DISCORD_PUBLIC_KEY: z
    .string({
      error:
        "is not set: put your application's public key in .env (Developer Portal → General Information → Public Key)",
    })
    .regex(
      /^[0-9a-fA-F]{64}$/,
      'does not look like a public key (64 hex digits): copy it from General Information in the Developer Portal',
    ),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a port number')
    .min(0, 'must be a port number from 0 (any free port) to 65535')
    .max(65535, 'must be a port number from 0 (any free port) to 65535')
    .default(8080),
});

export type HttpSettings = DiscordSettings & z.infer<typeof schema>;

/** Reads and checks the settings; blank values count as unset. */
export function readHttpSettings(env: NodeJS.ProcessEnv = process.env): HttpSettings {
  if (env === process.env) loadEnv();
  const present = Object.fromEntries(
    Object.keys(schema.shape).flatMap((key) => {
      const value = env[key]?.trim();
      return value ? [[key, value]] : [];
    }),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new SettingsError(`${String(issue?.path[0] ?? 'A setting')} ${issue?.message ?? 'is invalid'}.`);
  }
  return { ...readDiscordSettings(env), ...parsed.data };
}
