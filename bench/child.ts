import { Engine } from '../src/engine/engine.js';
import { readPrebuiltIndexes } from '../src/engine/prebuilt.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { readSnapshot } from '../src/knowledge/snapshot.js';
import { answer } from './answers.js';
import { Baseline } from './baseline.js';
import type { Query } from './queries.js';

/**
 * A process of its own for what only a fresh process can show: resident memory once an engine
 * is built and has answered, and the naive baseline's start-up. Started by the benchmark as
 * `node --expose-gc dist/bench/child.js <summit|baseline> <dir> <question> [records kept]`;
 * prints one line of JSON.
 */

export interface ChildReport {
  /** Resident memory and heap in bytes, idle after answering, before and after the index. */
  rss: number;
  heapUsed: number;
  rssBeforeIndex: number;
  indexMs: number;
  firstAnswerMs: number;
  /** All records ÷ records kept, when the baseline indexed a sample. */
  scale: number;
}

const [engineName, dir = '', question = '', kept] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const settle = () => {
  gc();
  gc();
};

const kb = readSnapshot(dir) ?? loadKnowledge(dir);
settle();
const rssBeforeIndex = process.memoryUsage().rss;
let started = performance.now();
let report: Omit<ChildReport, 'rss' | 'heapUsed' | 'rssBeforeIndex'>;
if (engineName === 'summit') {
  const engine = new Engine(kb, readPrebuiltIndexes(kb));
  const indexMs = performance.now() - started;
  started = performance.now();
  const [meeting] = kb.meetings;
  if (meeting) {
    const query = {
      kind: 'ask',
      command: 'ask',
      option: 'question',
      text: question,
      target: { type: 'meeting', record: meeting },
    };
    answer(engine, query as Query);
  }
  report = { indexMs, firstAnswerMs: performance.now() - started, scale: 1 };
  (globalThis as { keep?: unknown }).keep = engine;
} else {
  const baseline = new Baseline(kb, kept ? { keep: Number(kept) } : {});
  const indexMs = performance.now() - started;
  started = performance.now();
  baseline.first(question);
  report = { indexMs, firstAnswerMs: performance.now() - started, scale: baseline.scale };
  (globalThis as { keep?: unknown }).keep = baseline;
}
settle();
const { rss, heapUsed } = process.memoryUsage();
console.log(JSON.stringify({ ...report, rss, heapUsed, rssBeforeIndex } satisfies ChildReport));
