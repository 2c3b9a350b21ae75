import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from '../settings.js';

export type { Logger };

/**
 * Structured JSON logs. Secrets are scrubbed from every line as it is written, whatever field or
 * message they reached, so that no error text quoting a request can leak the token. A shard's
 * process tags every line with its shard, so that the lines of several shards can be told apart.
 */
export function createLogger(options: {
  level: LogLevel;
  secrets: string[];
  destination?: DestinationStream;
  shard?: number | undefined;
}): Logger {
  const secrets = options.secrets.filter((s) => s.length >= 8);
  return pino(
    {
      level: options.level,
      base: { app: 'summit' },
      // A mixin rather than a base field, so that a line which names its shard itself has it once.
      ...(options.shard !== undefined && { mixin: () => ({ shard: options.shard }) }),
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
      hooks: {
        streamWrite: (line) => secrets.reduce((out, secret) => out.replaceAll(secret, '[redacted]'), line),
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
