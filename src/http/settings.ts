import { z } from 'zod';
import { type DiscordSettings, parseSettings, portNumber, readDiscordSettings } from '../discord/settings.js';
import { howToSet } from '../settings.js';

/**
 * The HTTP endpoint's settings: the Discord settings the bot uses (the token posts summaries and
 * follow-ups through REST) plus the port and the key that proves a request came from Discord.
 * Checked before anything listens, so that a mistake stops start-up with one line.
 */

const schema = z.object({
  DISCORD_PUBLIC_KEY: z
    .string({
      error: () =>
        `is not set: ${howToSet('DISCORD_PUBLIC_KEY', "your application's public key")}; it is under General Information in the Developer Portal`,
    })
    .regex(
      /^[0-9a-fA-F]{64}$/,
      'does not look like a public key (64 hex digits): copy it from General Information in the Developer Portal',
    ),
  PORT: portNumber(0).default(8080),
});

export type HttpSettings = DiscordSettings & z.infer<typeof schema>;

/** Reads and checks the settings; blank values count as unset. */
export function readHttpSettings(env: NodeJS.ProcessEnv = process.env): HttpSettings {
  return { ...readDiscordSettings(env), ...parseSettings(schema, env) };
}
