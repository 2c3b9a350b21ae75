/**
 * The record never holds up an answer, whatever its store does: unreachable at start, lost and
 * back, slow, or so far behind that the queue fills. Rows wait (up to the bound), the rest are
 * dropped and counted, writing resumes, and a clean stop writes what is queued.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteractionResponseType } from 'discord.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { reply } from '../src/answers/reply.js';
import { Recorder, type RecordingOptions } from '../src/insights/recorder.js';
import { Metrics } from '../src/ops/metrics.js';
import { openStore, type StoreLocation } from '../src/store/open.js';
import { type QuestionRow, Store } from '../src/store/store.js';
import { startTestBot } from './support/bot.js';
import { messageOf, textOf } from './support/messages.js';
import { hasPostgres, startPostgres } from './support/postgres.js';
import { engine } from './support/summit.js';

const dirs: string[] = [];
const recorders: Recorder[] = [];
afterEach(async () => {
  await Promise.all(recorders.splice(0).map((r) => r.stop(1000)));
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function where(): StoreLocation {
  const dir = mkdtempSync(join(tmpdir(), 'summit-faults-'));
  dirs.push(dir);
  return { dataDir: dir };
}

/** A store whose writes fail while `down` and take `delayMs` each. */
class FaultyStore extends Store {
  down = false;
  delayMs = 0;
  override async insertQuestions(rows: readonly QuestionRow[]): Promise<void> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.down) throw new Error('connection refused');
    return super.insertQuestions(rows);
  }
}

async function faulty(location: StoreLocation): Promise<FaultyStore> {
  const store = await openStore(location);
  return new FaultyStore(store.db, store.dialect);
}

function recorder(
  options: Partial<RecordingOptions>,
  open?: (w: StoreLocation) => Promise<Store>,
  metrics?: Metrics,
) {
  let r: Recorder | undefined;
  const events = metrics?.recording(() => r?.queue.length ?? 0);
  r = new Recorder(
    { enabled: true, retentionDays: 90, queueCapacity: 1000, where: where(), ...options },
    events,
    Date.now,
    open,
  );
  recorders.push(r);
  return r;
}

const kb = engine().kb;
const ask = (r: Recorder, i: number) =>
  r.question({
    via: 'ask',
    text: `question ${i}`,
    reply: reply({ title: 't', text: 'x' }),
    latencyMs: 1,
    kb,
  });

async function countIn(location: StoreLocation): Promise<number> {
  const store = await openStore(location);
  try {
    const row = await store.db
      .selectFrom('questions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return Number(row?.n);
  } finally {
    await store.close();
  }
}

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
};

describe('the record and its store', () => {
  it('keeps questions while the store is unreachable at start, and writes them once it opens', async () => {
    let attempts = 0;
    const r = recorder({}, async (w) => {
      attempts += 1;
      if (attempts < 3) throw new Error('ECONNREFUSED');
      return openStore(w);
    });
    const opened = r.start();
    for (let i = 0; i < 10; i++) expect(ask(r, i)).toMatch(/^[\w-]{12}$/);
    expect(r.isOpen).toBe(false);
    await opened;
    await until(() => r.queue.written === 10);
    expect(attempts).toBe(3);
    expect(await countIn(r.options.where)).toBe(10);
  }, 20_000);

  it('drops what does not fit while the store is down, counts it in /metrics, and resumes when it is back', async () => {
    let store: FaultyStore | undefined;
    const metrics = new Metrics({ engine: () => engine(), commands: [] });
    const r = recorder({ queueCapacity: 100 }, async (w) => (store = await faulty(w)), metrics);
    await r.start();
    (store as FaultyStore).down = true;
    let queued = 0;
    for (let i = 0; i < 150; i++) if (ask(r, i) && r.queue.length > queued) queued = r.queue.length;
    expect(r.queue.dropped).toBe(50);
    const text = await metrics.text();
    expect(text).toMatch(/^summit_records_dropped_total 50$/m);
    expect(text).toMatch(/^summit_records_waiting 100$/m);
    (store as FaultyStore).down = false;
    expect(await r.queue.flush(10_000)).toBe(true);
    expect(await countIn(r.options.where)).toBe(100);
    expect(await metrics.text()).toMatch(/^summit_records_written_total 100$/m);
  }, 20_000);

  it('answers at once while every write takes seconds', async () => {
    let store: FaultyStore | undefined;
    const r = recorder({}, async (w) => (store = await faulty(w)));
    await r.start();
    (store as FaultyStore).delayMs = 2000;
    ask(r, 0);
    await r.queue.flush(0);
    // A write is under way and will take seconds; recording another question does not wait for it.
    const before = r.queue.written;
    for (let i = 1; i <= 100; i++) ask(r, i);
    expect(r.queue.written).toBe(before);
    expect(r.queue.length).toBe(101);
    expect(await r.stop(10_000)).toBe(true);
    expect(await countIn(r.options.where)).toBe(101);
  }, 20_000);

  it('writes every question recorded before a clean stop', async () => {
    const r = recorder({ queueCapacity: 5000 });
    await r.start();
    for (let i = 0; i < 1234; i++) ask(r, i);
    expect(await r.stop()).toBe(true);
    expect(await countIn(r.options.where)).toBe(1234);
  });

  it('records nothing, and offers no votes, when recording is off', async () => {
    const r = recorder({ enabled: false, hashKey: 'a-secret-of-enough-length' });
    expect(ask(r, 1)).toBeUndefined();
    expect(r.vote('abc', '123', true)).toBe(false);
    expect(r.takesVotes).toBe(false);
  });

  it('takes no votes without a hash key: members could not be counted once without storing who they are', async () => {
    const r = recorder({});
    expect(r.takesVotes).toBe(false);
    expect(r.vote('abc', '123', true)).toBe(false);
  });
});

describe('answers on Discord while the store is slow', () => {
  it('sends every answer in the window while each write takes seconds', async () => {
    let store: FaultyStore | undefined;
    const r = recorder({ hashKey: 'a-secret-of-enough-length' }, async (w) => {
      store = await faulty(w);
      store.delayMs = 3000;
      return store;
    });
    await r.start();
    const t = await startTestBot({}, undefined, (log) => ({ engine: engine(), log, recorder: r }));
    try {
      for (const question of [
        'When did they meet in Sochi?',
        'Who won the 1998 World Cup?',
        'How many times did they meet?',
      ]) {
        const interaction = await t.fake.slash('ask', { question });
        const callback = await interaction.response();
        expect(callback.type).toBe(InteractionResponseType.ChannelMessageWithSource);
        expect(textOf(messageOf(callback))).not.toBe('');
      }
      expect(r.queue.written).toBe(0);
    } finally {
      await t.stop();
    }
    expect(await r.stop(10_000)).toBe(true);
    expect(await countIn(r.options.where)).toBe(3);
  }, 30_000);
});

describe.skipIf(!hasPostgres('record-faults.test.ts'))('a PostgreSQL server lost mid-run and back', () => {
  it('keeps questions while the server is down and writes them when it is back', async () => {
    const pg = await startPostgres();
    try {
      const location = { databaseUrl: pg.url, dataDir: where().dataDir };
      const r = recorder({ where: location });
      await r.start();
      for (let i = 0; i < 5; i++) ask(r, i);
      await until(() => r.queue.written === 5);
      pg.stop();
      for (let i = 5; i < 25; i++) ask(r, i);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(r.queue.length).toBe(20);
      pg.start();
      expect(await r.queue.flush(20_000)).toBe(true);
      expect(await countIn(location)).toBe(25);
    } finally {
      pg.remove();
    }
  }, 60_000);
});
