/**
 * `npm run bench`: Summit against a naive fuse.js engine on the real fact base and on synthetic
 * ones of 1,000, 10,000 and 100,000 meetings (`npm run bench -- --sizes 1000,10000` picks sizes).
 * For each: latency of /ask, /quote, /when and autocomplete over benchmark queries (exact, with
 * typos, and half-typed), how often the first result is the record meant, index build, start-up
 * with and without the prebuilt snapshot, resident memory, and the time per answer under hostile
 * input against its budget, and the gateway bot's start-up and idle memory against a local fake
 * Discord. Exits 1 when an answer breaks the budget.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Engine } from '../src/engine/engine.js';
import { readPrebuiltIndexes, writePrebuiltIndexes } from '../src/engine/prebuilt.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { KnowledgeBase } from '../src/knowledge/model.js';
import { writeSnapshot } from '../src/knowledge/snapshot.js';
import { answer } from './answers.js';
import { Baseline } from './baseline.js';
import type { ChildReport } from './child.js';
import { DATA_DIR, syntheticFactBase } from './data.js';
import { type GatewayRun, gatewayRun } from './gateway.js';
import { BUDGET_MS, type HostileRun, hostileRun, WORST_CASE_UP_TO, withinBudget } from './hostile.js';
import { insightsRun, insightsTable } from './insights.js';
import { benchmarkQueries, type Form, type Kind, type Query } from './queries.js';
import { mb, median, ms, percentile, ratio, share, since } from './stats.js';
import { timelineRun, timelineTable } from './timeline.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ASK_CLI = join(ROOT, 'dist/src/cli/ask.js');
const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
const KINDS: Kind[] = ['ask', 'quote', 'when', 'autocomplete'];
const FORMS: Form[] = ['exact', 'typo', 'prefix'];

const { values: options } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    queries: { type: 'string', default: '1000' },
  },
});
const sizes = options.sizes
  .split(',')
  .filter(Boolean)
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const perKind = Math.max(1, Number(options.queries) || 1000);
const log = (line: string) => process.stderr.write(`${line}\n`);

/** How hard to look at a fact base of this many meetings, within the run's ten minutes. */
function planFor(meetings: number) {
  const small = meetings < 1000;
  return {
    /** Baseline: records indexed (a sample above this), and queries per kind. */
    baselineKeep: small ? undefined : 1_000,
    baselinePerKind: small ? 50 : 6,
    engineBuilds: meetings <= 1000 ? 5 : 1,
    coldRuns: meetings < 1000 ? 7 : meetings <= 1000 ? 5 : meetings <= 10_000 ? 3 : 1,
    /**
     * Start-ups without prebuilt data: at the largest size they take a minute or more each, and
     * are what the load and index build figures add up to; they are skipped there.
     */
    coldRunsWithout: meetings >= 100_000 ? 0 : meetings < 1000 ? 7 : meetings <= 1000 ? 3 : 1,
    hostilePerCommand: meetings >= 100_000 ? 30 : 40,
    gateway: {
      starts: meetings < 1000 ? 6 : meetings <= 10_000 ? 2 : 0,
      idles: meetings <= 1000 ? 5 : meetings <= 10_000 ? 2 : 1,
    },
  };
}

interface Timed {
  ms: number[];
  hits: number;
  byForm: Partial<Record<Form, { hits: number; total: number }>>;
}

interface KindResults {
  summit: Record<Kind, Timed>;
  baseline: Record<Kind, Timed>;
  /** Summit on exactly the queries the baseline ran, for a like-for-like quality. */
  summitOnBaselineQueries: { hits: number; total: number };
}

interface DatasetResult {
  name: string;
  kb: { meetings: number; records: number };
  loadMs: number;
  snapshotMs: number;
  indexMs: number;
  /** Reading the indexes prebuilt for the fact base instead of building them. */
  prebuiltMs: number;
  /** Building the typo indexes, which the bot does at start and one-shot answers on first need. */
  prepareMs: number;
  baselineIndexMs: number;
  baselineScale: number;
  queries: KindResults;
  hostile: HostileRun;
  /** Start-ups: with the snapshot and prebuilt indexes, with the snapshot alone, and with neither. */
  cold: { summit: number; snapshotOnly: number; summitWithout: number; baseline: number };
  rss: { summit: number; baseline: number };
  gateway: GatewayRun;
}

const emptyTimed = (): Timed => ({ ms: [], hits: 0, byForm: {} });

/** Clears what earlier steps left behind (with --expose-gc), so that timings are not charged for it. */
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

function record(into: Timed, query: Query, result: { ms: number; hit: boolean }): void {
  into.ms.push(result.ms);
  const form = into.byForm[query.form] ?? { hits: 0, total: 0 };
  into.byForm[query.form] = form;
  form.total++;
  if (result.hit) {
    into.hits++;
    form.hits++;
  }
}

/** Every `n`th query of each kind, spread over the forms, for the slow baseline. */
function sampleQueries(queries: Query[], count: number): Query[] {
  return KINDS.flatMap((kind) => {
    const all = queries.filter((q) => q.kind === kind);
    const step = Math.max(1, all.length / count);
    return Array.from({ length: Math.min(count, all.length) }, (_, i) => all[Math.floor(i * step)] as Query);
  });
}

function counts(kb: KnowledgeBase) {
  const records =
    kb.sources.length +
    kb.people.length +
    kb.places.length +
    kb.topics.length +
    kb.meetings.length +
    kb.events.length +
    kb.quotes.length;
  return { meetings: kb.meetings.length, records };
}

/** Wall time of a fresh process, from spawn to exit, in milliseconds. */
function timeProcess(args: string[], env: NodeJS.ProcessEnv): { ms: number; stdout: string } {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  const elapsed = since(started);
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
  return { ms: elapsed, stdout: run.stdout };
}

function child(kind: 'summit' | 'baseline', dir: string, question: string, keep?: number) {
  const args = ['--expose-gc', CHILD, kind, dir, question, ...(keep ? [String(keep)] : [])];
  const { ms: wall, stdout } = timeProcess(args, {});
  return { wall, report: JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildReport };
}

async function benchDataset(name: string, dir: string): Promise<DatasetResult> {
  log(`\n${name}: loading and validating ${dir}…`);
  let started = performance.now();
  const kb = loadKnowledge(dir);
  const loadMs = since(started);
  started = performance.now();
  writeSnapshot(kb);
  const snapshotMs = since(started);
  const size = counts(kb);
  const plan = planFor(size.meetings);

  log(`${name}: building the engine…`);
  const builds: number[] = [];
  const preparations: number[] = [];
  let engine = new Engine(kb).prepare();
  for (let i = 0; i < plan.engineBuilds; i++) {
    started = performance.now();
    engine = new Engine(kb);
    builds.push(since(started));
    started = performance.now();
    engine.prepare();
    preparations.push(since(started));
  }
  writePrebuiltIndexes(engine);
  // A second snapshot folder without the indexes, to show what each of the two saves at start-up.
  const snapshotOnly = { SUMMIT_SNAPSHOTS: join(DATA_DIR, 'snapshots-only') };
  writeSnapshot(kb, snapshotOnly);
  started = performance.now();
  readPrebuiltIndexes(kb);
  const prebuiltMs = since(started);

  const queries = benchmarkQueries(kb, perKind);
  log(`${name}: ${queries.length} queries through Summit…`);
  collectGarbage();
  for (const q of queries.filter((_, i) => i % 40 === 0)) answer(engine, q); // warm-up
  const summit = Object.fromEntries(KINDS.map((k) => [k, emptyTimed()])) as Record<Kind, Timed>;
  for (const q of queries) record(summit[q.kind], q, answer(engine, q));

  const sample = sampleQueries(queries, plan.baselinePerKind);
  log(`${name}: ${sample.length} queries through the baseline…`);
  started = performance.now();
  const baseline = new Baseline(kb, {
    ...(plan.baselineKeep && { keep: plan.baselineKeep }),
    include: new Set(sample.map((q) => `${q.target.type}:${q.target.record.id}`)),
  });
  const baselineIndexMs = since(started) * baseline.scale;
  const base = Object.fromEntries(KINDS.map((k) => [k, emptyTimed()])) as Record<Kind, Timed>;
  const like = { hits: 0, total: 0 };
  for (const q of sample) {
    const t = performance.now();
    const first = baseline.first(q.searchText);
    const elapsed = since(t) * baseline.scale;
    record(base[q.kind], q, {
      ms: elapsed,
      hit: first?.type === q.target.type && first.id === q.target.record.id,
    });
    like.total++;
    if (answer(engine, q).hit) like.hits++;
  }

  log(`${name}: hostile input…`);
  collectGarbage();
  hostileRun(engine, 5); // warm-up
  const hostile = hostileRun(engine, plan.hostilePerCommand);

  const place = queries.find((q) => q.kind === 'ask' && q.form === 'exact' && q.target.type === 'meeting');
  const where = place?.text.match(/meet in (.+?) in /)?.[1] ?? 'Sochi';
  const question = `When did they meet in ${where}?`;
  log(`${name}: cold starts (“${question}”)…`);
  const runs = (n: number, f: () => number) => median(Array.from({ length: n }, f));
  const env = { KNOWLEDGE_DIR: dir };
  const cold = {
    summit: runs(plan.coldRuns, () => timeProcess([ASK_CLI, question], env).ms),
    snapshotOnly: runs(
      plan.coldRunsWithout,
      () => timeProcess([ASK_CLI, question], { ...env, ...snapshotOnly }).ms,
    ),
    summitWithout: runs(
      plan.coldRunsWithout,
      () => timeProcess([ASK_CLI, question], { ...env, SUMMIT_SNAPSHOTS: 'off' }).ms,
    ),
    baseline: runs(plan.coldRuns, () => {
      const { wall, report } = child('baseline', dir, question, plan.baselineKeep);
      const sampled = report.indexMs + report.firstAnswerMs;
      return wall - sampled + sampled * report.scale;
    }),
  };
  log(`${name}: resident memory…`);
  const summitChild = child('summit', dir, question).report;
  const baselineChild = child('baseline', dir, question, plan.baselineKeep).report;
  const rss = {
    summit: summitChild.rss,
    baseline:
      baselineChild.rssBeforeIndex + (baselineChild.rss - baselineChild.rssBeforeIndex) * baselineChild.scale,
  };
  log(`${name}: the gateway bot against a local fake Discord…`);
  const gateway = await gatewayRun(dir, where, plan.gateway);
  return {
    name,
    kb: size,
    loadMs,
    snapshotMs,
    indexMs: median(builds),
    prepareMs: median(preparations),
    prebuiltMs,
    baselineIndexMs,
    baselineScale: baseline.scale,
    queries: { summit, baseline: base, summitOnBaselineQueries: like },
    hostile,
    cold,
    rss,
    gateway,
  };
}

function qualityOf(results: Record<Kind, Timed>) {
  const all = Object.values(results);
  const total = all.reduce((n, t) => n + t.ms.length, 0);
  const hits = all.reduce((n, t) => n + t.hits, 0);
  const form = (f: Form) => {
    const parts = all.map((t) => t.byForm[f] ?? { hits: 0, total: 0 });
    return { hits: parts.reduce((n, p) => n + p.hits, 0), total: parts.reduce((n, p) => n + p.total, 0) };
  };
  return {
    hits,
    total,
    forms: Object.fromEntries(FORMS.map((f) => [f, form(f)])) as Record<
      Form,
      { hits: number; total: number }
    >,
  };
}

function table(r: DatasetResult, reference?: DatasetResult): string {
  const rows: [string, string, string, string][] = [];
  const row = (figure: string, summit: number, baseline: number, format = ms) =>
    rows.push([figure, format(summit), format(baseline), ratio(summit, baseline)]);
  const { summit, baseline } = r.queries;
  for (const kind of KINDS) {
    const label = kind === 'autocomplete' ? 'autocomplete' : `/${kind}`;
    row(`${label} p50`, percentile(summit[kind].ms, 0.5), percentile(baseline[kind].ms, 0.5));
    row(`${label} p99`, percentile(summit[kind].ms, 0.99), percentile(baseline[kind].ms, 0.99));
  }
  const sq = qualityOf(summit);
  const bq = qualityOf(baseline);
  const like = r.queries.summitOnBaselineQueries;
  rows.push([
    'first result is the record meant (all queries)',
    share(sq.hits, sq.total),
    share(bq.hits, bq.total),
    ratio(like.hits / like.total, bq.hits / bq.total).split(' ')[0] ?? '–',
  ]);
  rows.push(['… on the baseline’s queries', share(like.hits, like.total), share(bq.hits, bq.total), '']);
  for (const form of FORMS) {
    const s = sq.forms[form];
    const b = bq.forms[form];
    rows.push([`… ${form}`, share(s.hits, s.total), share(b.hits, b.total), '']);
  }
  row('index build', r.indexMs, r.baselineIndexMs);
  rows.push(['read the prebuilt indexes (the passage index too) instead', ms(r.prebuiltMs), '', '']);
  rows.push([
    'typo indexes (built as the bot starts; a one-shot answer only on its first typo)',
    ms(r.prepareMs),
    '',
    '',
  ]);
  rows.push(['load and validate the fact base (both engines)', ms(r.loadMs), '', '']);
  rows.push(['write the snapshot', ms(r.snapshotMs), '', '']);
  row('cold start to first answer, prebuilt snapshot and indexes', r.cold.summit, r.cold.baseline);
  rows.push(['… with the snapshot but no prebuilt indexes', ms(r.cold.snapshotOnly), '', '']);
  rows.push(['… with neither (validate and index in full)', ms(r.cold.summitWithout), '', '']);
  if (Number.isNaN(r.cold.summitWithout)) {
    rows.push(['(not run at this size: about load and validate plus index build)', '', '', '']);
  }
  row('resident memory, idle after answering', r.rss.summit, r.rss.baseline, mb);
  rows.push(['gateway bot (npm start): process start to ready', ms(r.gateway.readyMs), '', '']);
  rows.push(['… to its first answer', ms(r.gateway.firstAnswerMs), '', '']);
  rows.push(['… resident memory, idle after answering', mb(r.gateway.rss), '', '']);
  if (reference && r.kb.meetings > reference.kb.meetings) {
    const per = (rss: number, n: number, n0: number) => ((rss - 0) / (n - n0)) * 1000;
    const grow = (which: 'summit' | 'baseline', unit: 'meetings' | 'records') =>
      per(r.rss[which] - reference.rss[which], r.kb[unit], reference.kb[unit]);
    row(
      'memory per 1,000 meetings (with their quotes and articles)',
      grow('summit', 'meetings'),
      grow('baseline', 'meetings'),
      mb,
    );
    row('memory per 1,000 records of any kind', grow('summit', 'records'), grow('baseline', 'records'), mb);
    rows.push(['gateway bot: memory per 1,000 records', mb(gatewayGrowth(r, reference)), '', '']);
  }
  rows.push([`hostile input: worst answer (budget ${BUDGET_MS} ms)`, ms(r.hostile.worst), '', '']);
  rows.push(['hostile input: p99 answer', ms(r.hostile.p99), '', '']);
  const header = `### ${r.name}: ${r.kb.meetings.toLocaleString('en')} meetings, ${r.kb.records.toLocaleString('en')} records`;
  const lines = rows.map((cells) => `| ${cells.join(' | ')} |`);
  const baselineNote =
    r.baselineScale > 1
      ? `Baseline figures marked by this note are measured on ${Math.round(r.kb.records / r.baselineScale).toLocaleString('en')} of the ${r.kb.records.toLocaleString('en')} records (every ${r.baselineScale.toFixed(1)}th, plus the records the queries look for) and multiplied by ${r.baselineScale.toFixed(1)}: fuse.js scans every record, so its time and memory grow in proportion. Quality is measured on that sample, which flatters the baseline.`
      : 'The baseline indexes the whole fact base.';
  const counted = KINDS.map((k) => `${baseline[k].ms.length} ${k}`).join(', ');
  return [
    header,
    '',
    '| Figure | Summit | Baseline | Summit ÷ baseline |',
    '|---|---:|---:|---:|',
    ...lines,
    '',
    `${baselineNote} Baseline queries: ${counted} (its p99 is the slowest of so few). Summit: ${perKind} per kind. Slowest hostile cases: ${r.hostile.slowest.slice(0, 2).join('; ')}.`,
    '',
  ].join('\n');
}

/** The gateway bot's extra resident memory per 1,000 records over the reference fact base's. */
const gatewayGrowth = (r: DatasetResult, reference: DatasetResult) =>
  ((r.gateway.rss - reference.gateway.rss) / (r.kb.records - reference.kb.records)) * 1000;

const TARGETS = [
  { size: 10_000, autocomplete: 2, ask: 10 },
  { size: 100_000, autocomplete: 5, ask: 40 },
];

function summary(results: DatasetResult[]): string {
  const lines = ['### Targets', '', '| Target | Reached | Met |', '|---|---:|:---:|'];
  const mark = (ok: boolean) => (ok ? 'yes' : '**no**');
  for (const t of TARGETS) {
    const r = results.find((x) => x.kb.meetings === t.size);
    if (!r) continue;
    const auto = percentile(r.queries.summit.autocomplete.ms, 0.99);
    const ask = percentile(r.queries.summit.ask.ms, 0.99);
    lines.push(
      `| ${t.size.toLocaleString('en')} meetings: autocomplete p99 ≤ ${t.autocomplete} ms | ${ms(auto)} | ${mark(auto <= t.autocomplete)} |`,
    );
    lines.push(
      `| ${t.size.toLocaleString('en')} meetings: /ask p99 ≤ ${t.ask} ms | ${ms(ask)} | ${mark(ask <= t.ask)} |`,
    );
  }
  for (const r of results) {
    const q = qualityOf(r.queries.summit);
    const b = qualityOf(r.queries.baseline);
    const like = r.queries.summitOnBaselineQueries;
    const ok = q.hits / q.total >= 0.9 && like.hits / like.total >= b.hits / b.total;
    lines.push(
      `| ${r.name}: first-result quality ≥ 0.9 and no worse than the baseline | ${(q.hits / q.total).toFixed(3)} vs ${(b.hits / b.total).toFixed(3)} | ${mark(ok)} |`,
    );
  }
  const ten = results.find((x) => x.kb.meetings === 10_000);
  if (ten) {
    const slowest = Math.max(
      ...KINDS.map(
        (k) => percentile(ten.queries.summit[k].ms, 0.5) / percentile(ten.queries.baseline[k].ms, 0.5),
      ),
    );
    lines.push(
      `| 10,000 meetings: ≥ 50× faster than the baseline (p50, every kind) | ${Math.round(1 / slowest)}× | ${mark(1 / slowest >= 50)} |`,
    );
  }
  const real = results.find((x) => x.name === 'real fact base');
  if (real) {
    lines.push(
      `| real fact base: one-shot console answer ≤ 300 ms | ${ms(real.cold.summit)} (${ms(real.cold.summitWithout)} without the snapshot) | ${mark(real.cold.summit <= 300)} |`,
      `| real fact base: gateway bot ready to answer ≤ 600 ms | ${ms(real.gateway.readyMs)} (first answer at ${ms(real.gateway.firstAnswerMs)}) | ${mark(real.gateway.readyMs <= 600)} |`,
      `| real fact base: idle gateway bot ≤ 90 MB | ${mb(real.gateway.rss)} | ${mark(real.gateway.rss <= 90 * 1_048_576)} |`,
    );
    for (const r of results.filter((x) => x !== real)) {
      const growth = gatewayGrowth(r, real);
      lines.push(
        `| ${r.name}: gateway bot grows ≤ 3 MB per 1,000 records | ${mb(growth)} | ${mark(growth <= 3 * 1_048_576)} |`,
      );
    }
  }
  for (const r of results) {
    lines.push(
      `| ${r.name}: hostile answers ≤ ${BUDGET_MS} ms (${r.kb.meetings > WORST_CASE_UP_TO ? '99 in 100' : 'every one'}) | worst ${ms(r.hostile.worst)}, p99 ${ms(r.hostile.p99)} (${r.hostile.cases} cases) | ${mark(withinBudget(r.hostile, r.kb.meetings))} |`,
    );
  }
  return lines.join('\n');
}

const started = performance.now();
console.log(
  `## Summit benchmark\n\nNode ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${new Date().toISOString().slice(0, 10)}.\n`,
);
const datasets = [
  { name: 'real fact base', dir: join(ROOT, 'knowledge') },
  ...sizes.map((n) => ({
    name: `${n.toLocaleString('en')} synthetic meetings`,
    dir: syntheticFactBase(n, log),
  })),
];
const results: DatasetResult[] = [];
for (const { name, dir } of datasets) {
  const result = await benchDataset(name, dir);
  results.push(result);
  console.log(table(result, results[0] === result ? undefined : results[0]));
}
log('/timeline: drawing the picture…');
console.log(
  timelineTable(
    datasets
      .filter((d) => d.name === 'real fact base' || d.name.startsWith('10,000 '))
      .map((d) => ({ name: d.name, report: timelineRun(d.dir, d.name === 'real fact base' ? 30 : 10) })),
  ),
);
console.log(summary(results));
// The record of questions: recording's cost per answer, batch writes, /insights at a million.
const knowledge = join(ROOT, 'knowledge');
console.log(`\n${insightsTable(await insightsRun(loadKnowledge(knowledge), knowledge, log))}`);
console.log(`\nThe whole run took ${(since(started) / 60_000).toFixed(1)} minutes.`);
if (results.some((r) => !withinBudget(r.hostile, r.kb.meetings))) {
  console.error(`\nThe per-answer budget of ${BUDGET_MS} ms was broken under hostile input.`);
  process.exitCode = 1;
}
