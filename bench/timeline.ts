import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createContext, execute } from '../src/commands/registry.js';
import { createEngine } from '../src/engine/create.js';
import { releaseRenderer } from '../src/timeline/render.js';
import { mb, ms, percentile } from './stats.js';

/**
 * /timeline's picture, in a process of its own so that the first picture pays what it pays in
 * the bot: starting the drawing thread and loading vega, vega-lite, resvg and the fonts in it.
 * Reports that first picture; the resident memory before it, while the thread is up and once
 * it has stopped (what an idle bot does not hold); the answer without the picture; and the
 * drawing time and PNG size over repeated pictures. Started by the benchmark as `node --expose-gc dist/bench/timeline.js <dir> <count>`;
 * prints one line of JSON.
 */

export interface TimelineReport {
  meetings: number;
  /** The answer itself (text, alt text, the picture's data), without drawing. */
  answerMs: number[];
  firstPictureMs: number;
  pictureMs: number[];
  bytes: number;
  width: number;
  rssBefore: number;
  rssAfter: number;
  /** Once the drawing thread has stopped, as it does when no picture is asked for a while. */
  rssReleased: number;
}

const SELF = fileURLToPath(import.meta.url);

export function timelineRun(dir: string, pictures: number): TimelineReport {
  const run = spawnSync(process.execPath, ['--expose-gc', SELF, dir, String(pictures)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the timeline benchmark failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as TimelineReport;
}

export function timelineTable(rows: { name: string; report: TimelineReport }[]): string {
  const lines = [
    '\n### /timeline: the picture\n',
    '| fact base | answer p50 / p99 | first picture (loads the renderer) | picture p50 / p99 | PNG | memory: before the first picture → drawing → its thread stopped |',
    '|---|---|---|---|---|---|',
  ];
  for (const { name, report: r } of rows) {
    lines.push(
      `| ${name} (${r.meetings.toLocaleString('en')} meetings) | ${ms(percentile(r.answerMs, 0.5))} / ${ms(percentile(r.answerMs, 0.99))} | ${ms(r.firstPictureMs)} | ${ms(percentile(r.pictureMs, 0.5))} / ${ms(percentile(r.pictureMs, 0.99))} | ${(r.bytes / 1024).toFixed(0)} KB, ${r.width} px wide | ${mb(r.rssBefore)} → ${mb(r.rssAfter)} → ${mb(r.rssReleased)} |`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] === SELF) {
  const [dir = '', count = '20'] = process.argv.slice(2);
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const engine = createEngine(dir);
  const ctx = createContext(engine);
  const answerMs: number[] = [];
  const timed = () => {
    const started = performance.now();
    const reply = execute('timeline', {}, ctx);
    answerMs.push(performance.now() - started);
    return reply;
  };
  const first = timed();
  gc();
  const rssBefore = process.memoryUsage().rss;
  let started = performance.now();
  const png = (await first.file?.bytes()) ?? new Uint8Array();
  const firstPictureMs = performance.now() - started;
  gc();
  const rssAfter = process.memoryUsage().rss;
  const pictureMs: number[] = [];
  for (let i = 0; i < Number(count); i++) {
    const reply = timed();
    started = performance.now();
    await reply.file?.bytes();
    pictureMs.push(performance.now() - started);
  }
  await releaseRenderer();
  gc();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const rssReleased = process.memoryUsage().rss;
  const report: TimelineReport = {
    meetings: engine.kb.meetings.length,
    answerMs,
    firstPictureMs,
    pictureMs,
    bytes: png.length,
    width: png.length > 24 ? Buffer.from(png).readUInt32BE(16) : 0,
    rssBefore,
    rssAfter,
    rssReleased,
  };
  console.log(JSON.stringify(report));
}
