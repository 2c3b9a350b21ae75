/**
 * Expensive commands are rationed per user: a burst is allowed, the next use is told how long
 * to wait, and everyone else, and every cheap lookup, is unaffected. (The same rule in a shared
 * PostgreSQL store: tests/shared-cooldowns.test.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cooldowns, type FallbackReason, rationed, SharedCooldowns } from '../src/commands/cooldowns.js';
import { findCommand } from '../src/commands/registry.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const ask = findCommand('ask');
if (!ask?.cooldown) throw new Error('/ask should be rationed');
const { uses, seconds } = ask.cooldown;

describe('cooldowns', () => {
  it('allows a burst, then says how many seconds to wait', async () => {
    const time = clock();
    const cooldowns = new Cooldowns(time.now);
    for (let i = 0; i < uses; i++) expect(await rationed(cooldowns, 'ana', 'ask')).toBeUndefined();
    time.advance(1_500);
    const wait = await rationed(cooldowns, 'ana', 'ask');
    expect(wait).toMatchObject({ kind: 'usage', title: 'One moment', private: true });
    expect(wait?.text).toBe(`You can use /ask again in ${seconds - 1} s.`);
  });

  it('does not lengthen the wait for a user who retries early, and lets them in when it ends', () => {
    const time = clock();
    const cooldowns = new Cooldowns(time.now);
    for (let i = 0; i < uses; i++) cooldowns.take('ana', ask);
    for (let i = 0; i < 5; i++) {
      time.advance(1_000);
      expect(cooldowns.take('ana', ask)).toBeGreaterThan(0);
    }
    time.advance(seconds * 1000 - 5_000);
    expect(cooldowns.take('ana', ask)).toBe(0);
  });

  it('rations each user separately, and never the lookups', async () => {
    const cooldowns = new Cooldowns(clock().now);
    for (let i = 0; i < uses; i++) cooldowns.take('ana', ask);
    expect(cooldowns.take('ana', ask)).toBeGreaterThan(0);
    expect(cooldowns.take('ben', ask)).toBe(0);
    for (let i = 0; i < 100; i++) expect(await rationed(cooldowns, 'ana', 'when')).toBeUndefined();
  });

  it('rations moderators’ tools too', async () => {
    const cooldowns = new Cooldowns(clock().now);
    const burst = findCommand('reload')?.cooldown?.uses ?? 0;
    expect(burst).toBeGreaterThan(0);
    for (let i = 0; i < burst; i++) expect(await rationed(cooldowns, 'mod', 'reload')).toBeUndefined();
    expect((await rationed(cooldowns, 'mod', 'reload'))?.title).toBe('One moment');
  });
});

describe('cooldowns in a store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'summit-cooldowns-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function shared(store: () => Store | undefined, time = clock()) {
    const fallbacks: FallbackReason[] = [];
    const cooldowns = new SharedCooldowns({
      store,
      hashKey: 'a-secret-for-the-hashes',
      local: new Cooldowns(time.now),
      onFallback: (reason) => fallbacks.push(reason),
      now: time.now,
    });
    return { cooldowns, fallbacks };
  }

  it('shares one ration between processes using the same store', async () => {
    const store = await openStore({ dataDir: dir });
    try {
      const time = clock();
      const [a, b] = [shared(() => store, time), shared(() => store, time)];
      for (let i = 0; i < uses; i++) expect(await (i % 2 ? a : b).cooldowns.take('ana', ask)).toBe(0);
      expect(await a.cooldowns.take('ana', ask)).toBe(seconds);
      expect(await b.cooldowns.take('ben', ask)).toBe(0);
      expect([...a.fallbacks, ...b.fallbacks]).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('decides in memory, and counts it, while the store is not open', async () => {
    const { cooldowns, fallbacks } = shared(() => undefined);
    for (let i = 0; i < uses; i++) expect(await cooldowns.take('ana', ask)).toBe(0);
    expect(await cooldowns.take('ana', ask)).toBe(seconds);
    expect(fallbacks).toEqual(Array(uses + 1).fill('not-open'));
  });
});
