import { resolve } from 'node:path';
import { type RecordingSettings, readRecordingSettings } from '../settings.js';
import type { RecordingOptions } from './recorder.js';

/** The record's settings (checked in src/settings.ts) as the recorder and the store take them. */
export function recordingOptions(s: RecordingSettings): RecordingOptions {
  return {
    enabled: s.SUMMIT_RECORDING === 'on',
    hashKey: s.SUMMIT_HASH_KEY,
    retentionDays: s.SUMMIT_RETENTION_DAYS,
    queueCapacity: s.SUMMIT_RECORD_QUEUE,
    where: { databaseUrl: s.DATABASE_URL, dataDir: resolve(s.SUMMIT_DATA_DIR) },
  };
}

/** The record's settings, checked like the others: a mistake stops start-up with one line. */
export function readRecordingOptions(env: NodeJS.ProcessEnv = process.env): RecordingOptions {
  return recordingOptions(readRecordingSettings(env));
}
