import { parseSettings } from '../discord/settings.js';
import type { RecordingOptions } from '../insights/recorder.js';
import { recordingOptions, recordingSchema } from '../insights/settings.js';

/** The record's settings, checked like the others: a mistake stops start-up with one line. */
export function readRecordingSettings(env: NodeJS.ProcessEnv = process.env): RecordingOptions {
  return recordingOptions(parseSettings(recordingSchema, env));
}
