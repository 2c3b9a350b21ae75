import { resolve } from 'node:path';
import { z } from 'zod';
import type { RecordingOptions } from './recorder.js';

/**
 * The settings of the record of questions (docs/insights.md), one schema section so that it can
 * join the others as it is. Every one is optional: with none, questions are recorded in
 * data/summit.sqlite for 90 days and answers carry no 👍/👎 (votes need SUMMIT_HASH_KEY).
 */
export const recordingSchema = z.object({
  SUMMIT_RECORDING: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  SUMMIT_DATA_DIR: z.string().default('data'),
  DATABASE_URL: z
    .url({
      protocol: /^postgres(ql)?$/,
      error:
        'must be a PostgreSQL URL, postgres://user:password@host:5432/database (unset: a SQLite file in SUMMIT_DATA_DIR)',
    })
    .optional(),
  SUMMIT_HASH_KEY: z
    .string()
    .min(16, 'must be at least 16 characters of secret: for example the output of openssl rand -hex 32')
    .optional(),
  SUMMIT_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(3650, 'must be at most 3650')
    .default(90),
  SUMMIT_RECORD_QUEUE: z.coerce
    .number({ error: 'must be a number of records' })
    .int('must be a whole number')
    .min(100, 'must be at least 100')
    .max(1_000_000, 'must be at most 1000000')
    .default(10_000),
});

export type RecordingSettings = z.infer<typeof recordingSchema>;

export function recordingOptions(s: RecordingSettings): RecordingOptions {
  return {
    enabled: s.SUMMIT_RECORDING === 'on',
    hashKey: s.SUMMIT_HASH_KEY,
    retentionDays: s.SUMMIT_RETENTION_DAYS,
    queueCapacity: s.SUMMIT_RECORD_QUEUE,
    where: { databaseUrl: s.DATABASE_URL, dataDir: resolve(s.SUMMIT_DATA_DIR) },
  };
}
