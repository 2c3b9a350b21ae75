import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './settings.js';

export type { Logger };

/**
 * Structured JSON logs. Secrets are scrubbed from every line as it is written, whatever field or
 * message they reached, so that no error text quoting a request can leak the token.
 */
export function createLogger(options: {
  level: LogLevel;
  secrets: string[];
  destination?: DestinationStream;
}): Logger {
  const secrets = options.secrets.filter((s) => s.length >= 8);
  return pino(
    {
      level: options.level,
      base: { app: 'summit' },
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
