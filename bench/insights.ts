import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { answerQuestion } from '../src/ask/router.js';
import { Cooldowns, type Rationing, SharedCooldowns } from '../src/commands/cooldowns.js';
import { createContext, findCommand } from '../src/commands/registry.js';
import { Engine } from '../src/engine/engine.js';
import { questionRow } from '../src/insights/record.js';
import { Recorder } from '../src/insights/recorder.js';
import { insightsReply } from '../src/insights/report.js';
import type { KnowledgeBase } from '../src/knowledge/model.js';
import { openStore } from '../src/store/open.js';
import type { QuestionRow, Store } from '../src/store/store.js';
import { postgresBin, startPostgres, type TestPostgres } from '../tests/support/postgres.js';
import { type GatewayRun, gatewayRun } from './gateway.js';
import { benchmarkQueries } from './queries.js';
import { mb, median, ms, percentile, ratio } from './stats.js';

/**
 * The record of questions: what recording adds to an answer, how fast batches are written, and
 * /insights over a million recorded questions, on the embedded store and on PostgreSQL (a server
 * started in a temporary folder, when one is installed); and what taking a cooldown use in the
 * store costs an answer, beside taking it in memory.
 */

const DAY = 86_400_000;
const MILLION = 1_000_000;

export interface InsightsRun {
  answerP50: number;
  answerP99: number;
  recordP50: number;
  recordP99: number;
  /** A cooldown use taken in memory, p50 and p99. */
  memoryTakeP50: number;
  memoryTakeP99: number;
  stores: StoreRun[];
  /** The gateway bot (`npm start`) with the record and its cooldowns in PostgreSQL. */
  gatewayPostgres?: GatewayRun;
}

interface StoreRun {
  dialect: string;
  /** Rows per second, in batches of 500 and one by one. */
  batched: number;
  single: number;
  generateMs: number;
  insights30Ms: number;
  insights90Ms: number;
  /** A cooldown use taken in the store as an answer takes it (hash, statement, timeout), p50 and p99. */
  takeP50: number;
  takeP99: number;
}

const TAKES = 2_000;

/** A time too short for milliseconds to show. */
const micro = (value: number) => `${(value * 1000).toFixed(1)} µs`;

/** Times `TAKES` uses of /ask by 200 members, as a busy server's members would make them. */
async function takeTimes(cooldowns: Rationing): Promise<{ p50: number; p99: number }> {
  const ask = findCommand('ask');
  if (!ask) throw new Error('/ask is missing');
  const times: number[] = [];
  for (let i = 0; i < TAKES; i++) {
    const start = performance.now();
    await cooldowns.take(String(100_000_000_000_000_000n + BigInt(i % 200)), ask);
    times.push(performance.now() - start);
  }
  return { p50: median(times), p99: percentile(times, 0.99) };
}

/** Time recording adds to each answer: building its row and queueing it, beside the answer itself. */
function recordingCost(kb: KnowledgeBase, log: (line: string) => void) {
  log('insights: what recording adds to an answer…');
  const engine = new Engine(kb).prepare();
  const questions = benchmarkQueries(kb, 500)
    .filter((q) => q.kind === 'ask')
    .map((q) => q.text);
  const recorder = new Recorder({
    enabled: true,
    hashKey: 'bench-secret-key-0123456789',
    retentionDays: 90,
    queueCapacity: 10 * questions.length,
    where: { dataDir: '/nonexistent' },
  });
  const ctx = createContext(engine, { random: () => 0.5 });
  const answers: number[] = [];
  const records: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const text of questions) {
      let t = performance.now();
      const reply = answerQuestion(engine, text, ctx);
      answers.push(performance.now() - t);
      t = performance.now();
      recorder.question({ via: 'ask', text, reply, latencyMs: 1, kb });
      records.push(performance.now() - t);
    }
  }
  return {
    answerP50: percentile(answers, 0.5),
    answerP99: percentile(answers, 0.99),
    recordP50: percentile(records, 0.5),
    recordP99: percentile(records, 0.99),
  };
}

/** Questions of a few shapes, to be repeated into a million by the database itself. */
function pool(kb: KnowledgeBase): QuestionRow[] {
  const base = [
    'Did they talk about {x}?',
    'What did Putin say about {x}?',
    'When did they discuss {x}?',
    'Was {x} on the agenda?',
  ];
  const things = [
    'Iran',
    'Syria',
    'Hanukkah',
    'gas prices',
    'tanks',
    'the S-300',
    'Crimea',
    'wheat',
    'Hezbollah',
    'tourism',
  ];
  const kinds = ['answer', 'not-found', 'answer', 'ambiguous', 'answer'] as const;
  return base.flatMap((b, i) =>
    things.flatMap((x, j) =>
      kinds.map((kind, k) =>
        questionRow(
          `pool-${i}-${j}-${k}`,
          {
            via: 'ask',
            text: b.replace('{x}', x),
            reply: { kind, title: '', text: '', fields: [], citations: [], followUps: [], suggestions: [] },
            latencyMs: 2,
            kb,
          },
          0,
        ),
      ),
    ),
  );
}

/** A million questions over 90 days, made by the database from the pool (no row crosses from Node). */
async function generate(store: Store, rows: QuestionRow[], now: number): Promise<void> {
  await store.db.schema
    .createTable('pool')
    .addColumn('n', 'integer')
    .addColumn('text', 'text')
    .addColumn('terms', 'text')
    .addColumn('kind', 'varchar(16)')
    .addColumn('topic', 'varchar(100)')
    .execute();
  await store.db
    .insertInto('pool' as never)
    .values(rows.map((r, n) => ({ n, text: r.text, terms: r.terms, kind: r.kind, topic: r.topic })) as never)
    .execute();
  const size = rows.length;
  const step = Math.floor((90 * DAY) / MILLION);
  const series =
    store.dialect === 'postgres'
      ? sql`generate_series(0, ${MILLION - 1}) as g(i)`
      : sql`(with recursive s(i) as (select 0 union all select i + 1 from s where i < ${MILLION - 1}) select i from s) as g`;
  const insert = sql`insert into questions (id, asked_at, guild, via, text, terms, kind, sources, topic, latency_ms, kb_version)
    select 'g' || g.i, cast(${now} as bigint) - g.i * cast(${step} as bigint), '1', 'ask', p.text, p.terms, p.kind, '', p.topic, 2, 'bench'
    from ${series} join pool p on p.n = g.i % ${size}`;
  // One statement makes all million rows; on PostgreSQL it outlasts the store's statement timeout.
  await store.db.transaction().execute(async (trx) => {
    if (store.dialect === 'postgres') await sql`set local statement_timeout = 0`.execute(trx);
    await insert.execute(trx);
  });
  await store.db.schema.dropTable('pool').execute();
  if (store.dialect === 'postgres') await sql`analyze questions`.execute(store.db);
}

async function measureStore(store: Store, kb: KnowledgeBase, log: (line: string) => void): Promise<StoreRun> {
  const now = Date.now();
  const rows = pool(kb);
  const fresh = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      ...(rows[i % rows.length] as QuestionRow),
      id: `${prefix}${i}`,
      asked_at: now - 200 * DAY,
    }));

  log(`insights (${store.dialect}): batch writes…`);
  const many = fresh('b', 100_000);
  let t = performance.now();
  for (let i = 0; i < many.length; i += 500) await store.insertQuestions(many.slice(i, i + 500));
  const batched = many.length / ((performance.now() - t) / 1000);
  const few = fresh('s', 2_000);
  t = performance.now();
  for (const row of few) await store.insertQuestions([row]);
  const single = few.length / ((performance.now() - t) / 1000);
  await store.purge(now - 100 * DAY);

  log(`insights (${store.dialect}): a million questions…`);
  t = performance.now();
  await generate(store, rows, now);
  const generateMs = performance.now() - t;
  const timed = async (days: number) => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      insightsReply(await store.insights(now - days * DAY), days, kb);
      runs.push(performance.now() - start);
    }
    return median(runs);
  };
  log(`insights (${store.dialect}): /insights…`);
  const insights30Ms = await timed(30);
  const insights90Ms = await timed(90);
  log(`insights (${store.dialect}): cooldown uses…`);
  let fellBack = 0;
  const shared = new SharedCooldowns({
    store: () => store,
    hashKey: 'bench-secret-key-0123456789',
    local: new Cooldowns(),
    // The bench measures the store: no use may be decided in memory for being slow.
    timeoutMs: 60_000,
    onFallback: () => (fellBack += 1),
  });
  const take = await takeTimes(shared);
  if (fellBack) throw new Error(`${fellBack} cooldown uses fell back to memory`);
  return {
    dialect: store.dialect,
    batched,
    single,
    generateMs,
    insights30Ms,
    insights90Ms,
    takeP50: take.p50,
    takeP99: take.p99,
  };
}

/** `knowledgeDir` is `kb`'s folder, for the gateway bot. */
export async function insightsRun(
  kb: KnowledgeBase,
  knowledgeDir: string,
  log: (line: string) => void,
): Promise<InsightsRun> {
  const cost = recordingCost(kb, log);
  const memoryTake = await takeTimes(new Cooldowns());
  const stores: StoreRun[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'summit-bench-store-'));
  let pg: TestPostgres | undefined;
  let gatewayPostgres: GatewayRun | undefined;
  try {
    const sqlite = await openStore({ dataDir: dir });
    stores.push(await measureStore(sqlite, kb, log));
    await sqlite.close();
    if (postgresBin()) {
      pg = await startPostgres();
      const postgres = await openStore({ databaseUrl: pg.url, dataDir: dir });
      stores.push(await measureStore(postgres, kb, log));
      await postgres.close();
      log('insights: the gateway bot with the record in PostgreSQL…');
      gatewayPostgres = await gatewayRun(
        knowledgeDir,
        'Sochi',
        { starts: 3, idles: 3 },
        { DATABASE_URL: pg.url, SUMMIT_HASH_KEY: 'bench-secret-key-0123456789' },
      );
    } else {
      log('insights: PostgreSQL is not installed; its figures are left out');
    }
  } finally {
    pg?.remove();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    ...cost,
    memoryTakeP50: memoryTake.p50,
    memoryTakeP99: memoryTake.p99,
    stores,
    ...(gatewayPostgres && { gatewayPostgres }),
  };
}

export function insightsTable(r: InsightsRun): string {
  const lines = [
    '### The record of questions (real fact base)',
    '',
    '| figure | with recording | without | ratio |',
    '|---|---|---|---|',
    `| /ask p50: answer + recording | ${ms(r.answerP50 + r.recordP50)} | ${ms(r.answerP50)} | ${ratio(r.answerP50 + r.recordP50, r.answerP50)} |`,
    `| /ask p99: answer + recording | ${ms(r.answerP99 + r.recordP99)} | ${ms(r.answerP99)} | ${ratio(r.answerP99 + r.recordP99, r.answerP99)} |`,
    `| recording alone p50 / p99 | ${ms(r.recordP50)} / ${ms(r.recordP99)} | – | – |`,
    '',
    '| store | rows/s in batches of 500 | rows/s one by one | ratio | 1,000,000 questions made in | /insights 30 days | /insights 90 days (all) |',
    '|---|---|---|---|---|---|---|',
    ...r.stores.map(
      (s) =>
        `| ${s.dialect} | ${Math.round(s.batched).toLocaleString('en')} | ${Math.round(s.single).toLocaleString('en')} | ${(s.batched / s.single).toFixed(1)}× | ${ms(s.generateMs)} | ${ms(s.insights30Ms)} | ${ms(s.insights90Ms)} |`,
    ),
    '',
    `A cooldown use (/ask, ${TAKES.toLocaleString('en')} uses by 200 members), as an answer takes it; PostgreSQL is where replicas share it, SQLite keeps it in memory in production:`,
    '',
    '| where | p50 | p99 | p99 ratio to memory |',
    '|---|---|---|---|',
    `| in memory | ${micro(r.memoryTakeP50)} | ${micro(r.memoryTakeP99)} | 1× |`,
    ...r.stores.map(
      (s) => `| ${s.dialect} | ${ms(s.takeP50)} | ${ms(s.takeP99)} | ${ratio(s.takeP99, r.memoryTakeP99)} |`,
    ),
  ];
  const g = r.gatewayPostgres;
  if (g) {
    lines.push(
      '',
      `The gateway bot (npm start) with the record and its cooldowns in PostgreSQL: ready in ${ms(g.readyMs)}, first answer at ${ms(g.firstAnswerMs)}, ${mb(g.rss)} resident when idle (medians; budgets 600 ms and 90 MB).`,
    );
  }
  return lines.join('\n');
}
