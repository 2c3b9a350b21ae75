import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type ExportFormat, writeExport } from '../insights/export.js';
import { readRecordingOptions } from '../insights/settings.js';
import { openStore } from '../store/open.js';
import { settingsOrExit } from './lifecycle.js';

/**
 * `npm run insights -- --format csv|json [--days N]`: the questions recorded over the last N days
 * (default 30), oldest first, on stdout, from the store the bot's settings name.
 */

const USAGE = 'usage: npm run insights -- --format csv|json [--days N]';

function fail(message: string): never {
  console.error(`summit: ${message}\n${USAGE}`);
  process.exit(2);
}

let options: { format?: string; days?: string };
try {
  ({ values: options } = parseArgs({
    options: { format: { type: 'string', default: 'csv' }, days: { type: 'string', default: '30' } },
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const format = options.format as ExportFormat;
if (!EXPORT_FORMATS.includes(format)) fail(`--format must be csv or json, not ${options.format}`);
const days = Number(options.days);
if (!Number.isInteger(days) || days < 1) fail(`--days must be a whole number of days, not ${options.days}`);

const recording = settingsOrExit(() => readRecordingOptions());
const store = await openStore(recording.where).catch((error: unknown) =>
  fail(`could not open the record: ${error instanceof Error ? error.message : String(error)}`),
);
try {
  const since = Date.now() - days * 86_400_000;
  // A pipe that reads slowly holds the writer back rather than the rows piling up in memory.
  const count = await writeExport(store.questionsSince(since), format, async (chunk) => {
    if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
  });
  console.error(`summit: ${count} questions from the last ${days} days (${store.dialect})`);
} finally {
  await store.close();
}
