/**
 * The store on both databases: the embedded SQLite file always, and a real PostgreSQL server
 * started for this file in a temporary folder (skipped, saying why, where PostgreSQL is not
 * installed). The same queries run on each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply } from '../src/answers/reply.js';
import { questionRow } from '../src/insights/record.js';
import { openStore } from '../src/store/open.js';
import type { QuestionRow, Store } from '../src/store/store.js';
import { hasPostgres, startPostgres, type TestPostgres } from './support/postgres.js';
import { engine } from './support/summit.js';

const withPostgres = hasPostgres('store.test.ts');

const kb = engine().kb;
const NOW = Date.UTC(2026, 11, 1);
const DAY = 86_400_000;

function asked(id: string, text: string, kind: 'answer' | 'not-found', at = NOW): QuestionRow {
  const r = reply({ kind, title: 't', text: 'x' });
  return questionRow(id, { via: 'ask', text, reply: r, guild: '1', latencyMs: 2, kb }, at);
}

async function everything(store: Store): Promise<QuestionRow[]> {
  const rows: QuestionRow[] = [];
  for await (const page of store.questionsSince(0)) rows.push(...page);
  return rows;
}

function storeContract(name: string, open: () => Promise<Store>) {
  describe(name, () => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
    }, 60_000);
    afterAll(async () => {
      await store?.close();
    });

    it('keeps hostile text exactly as typed: SQL only ever travels as parameters', async () => {
      const evil = "'); drop table questions; -- <@123> **x** \u200b";
      await store.insertQuestions([asked('evil', evil, 'not-found')]);
      const rows = await everything(store);
      expect(rows.find((r) => r.id === 'evil')?.text).toBe(evil);
    });

    it('counts answers by kind and groups unanswered questions by their terms', async () => {
      await store.insertQuestions([
        asked('a1', 'Did they talk about tanks?', 'not-found'),
        asked('a2', 'talk about tanks did they', 'not-found'),
        asked('a3', 'When did they meet in Sochi?', 'answer'),
        asked('old', 'Did they talk about tanks?', 'not-found', NOW - 100 * DAY),
      ]);
      const data = await store.insights(NOW - 30 * DAY);
      expect(data.byKind.answered).toBe(1);
      expect(data.unanswered[0]).toMatchObject({ terms: 'tank', count: 2 });
      // Repeating a batch (its reply was lost) adds nothing.
      await store.insertQuestions([asked('a1', 'Did they talk about tanks?', 'not-found')]);
      expect((await store.insights(NOW - 30 * DAY)).unanswered[0]?.count).toBe(2);
    });

    it('keeps one vote per member per answer, the latest', async () => {
      await store.upsertVotes([
        { question_id: 'a3', voter: 'm1', value: 1, voted_at: NOW },
        { question_id: 'a3', voter: 'm1', value: -1, voted_at: NOW + 1 },
        { question_id: 'a3', voter: 'm2', value: -1, voted_at: NOW },
      ]);
      await store.upsertVotes([{ question_id: 'a3', voter: 'm2', value: -1, voted_at: NOW + 2 }]);
      const data = await store.insights(NOW - DAY);
      expect(data.downvoted).toEqual([{ id: 'a3', text: 'When did they meet in Sochi?', down: 2, up: 0 }]);
    });

    it('purges what is older than the retention period', async () => {
      expect(await store.purge(NOW - 90 * DAY)).toBe(1);
      const rows = await everything(store);
      expect(rows.map((r) => r.id)).not.toContain('old');
    });

    it('takes cooldown uses in one window, without lengthening it, and purges ended windows', async () => {
      const take = (at: number, id = 'member-hash') => store.takeCooldown(id, 3, 10_000, at);
      expect([await take(NOW), await take(NOW + 1), await take(NOW + 2)]).toEqual([0, 0, 0]);
      expect(await take(NOW + 4_000)).toBe(6_000);
      // A refused use is not counted: the window still ends 10 s after the first use.
      expect(await take(NOW + 9_000)).toBe(1_000);
      expect(await take(NOW + 10_000)).toBe(0);
      expect(await take(NOW + 10_001, 'another')).toBe(0);
      expect(await store.purgeCooldowns(NOW + 19_999)).toBe(0);
      expect(await store.purgeCooldowns(NOW + 20_001)).toBe(2);
    });

    it('counts a window that would end further away than its length as ended: no row holds a member back longer', async () => {
      await store.db
        .insertInto('cooldowns')
        .values({ id: 'forged', ends_at: NOW + 365 * DAY, used: 99, holder: 'x' })
        .execute();
      expect(await store.takeCooldown('forged', 3, 10_000, NOW)).toBe(0);
      expect(await store.takeCooldown('forged', 1, 10_000, NOW + 1)).toBe(9_999);
    });

    it('lets exactly the ration through when one member’s uses arrive together', async () => {
      const takes = await Promise.all(
        Array.from({ length: 20 }, () => store.takeCooldown('burst', 5, 10_000, NOW)),
      );
      expect(takes.filter((wait) => wait === 0)).toHaveLength(5);
    });

    it('reads questions page by page in time order', async () => {
      const many = Array.from({ length: 23 }, (_, i) =>
        asked(`p${String(i).padStart(2, '0')}`, `q ${i}`, 'answer', NOW + 10 + (i % 3)),
      );
      await store.insertQuestions(many);
      const pages: QuestionRow[][] = [];
      for await (const page of store.questionsSince(NOW + 10, 5)) pages.push(page);
      expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
      const times = pages.flat().map((r) => r.asked_at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'summit-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
storeContract('embedded SQLite', () => openStore({ dataDir: join(dir, 'data') }));

let pg: TestPostgres | undefined;
afterAll(() => pg?.remove());
describe.skipIf(!withPostgres)('PostgreSQL', () => {
  storeContract('a real server', async () => {
    pg = await startPostgres();
    return openStore({ databaseUrl: pg.url, dataDir: dir });
  });
});
