/**
 * Expensive commands are rationed per user: a burst is allowed, the next use is told how long
 * to wait, and everyone else, and every cheap lookup, is unaffected.
 */
import { describe, expect, it } from 'vitest';
import { Cooldowns, rationed } from '../src/commands/cooldowns.js';
import { findCommand } from '../src/commands/registry.js';

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const ask = findCommand('ask');
if (!ask?.cooldown) throw new Error('/ask should be rationed');
const { uses, seconds } = ask.cooldown;

describe('cooldowns', () => {
  it('allows a burst, then says how many seconds to wait', () => {
    const time = clock();
    const cooldowns = new Cooldowns(time.now);
    for (let i = 0; i < uses; i++) expect(rationed(cooldowns, 'ana', 'ask')).toBeUndefined();
    time.advance(1_500);
    const wait = rationed(cooldowns, 'ana', 'ask');
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

  it('rations each user separately, and never the lookups', () => {
    const cooldowns = new Cooldowns(clock().now);
    for (let i = 0; i < uses; i++) cooldowns.take('ana', ask);
    expect(cooldowns.take('ana', ask)).toBeGreaterThan(0);
    expect(cooldowns.take('ben', ask)).toBe(0);
    for (let i = 0; i < 100; i++) expect(rationed(cooldowns, 'ana', 'when')).toBeUndefined();
  });

  it('rations moderators’ tools too', () => {
    const cooldowns = new Cooldowns(clock().now);
    const burst = findCommand('reload')?.cooldown?.uses ?? 0;
    expect(burst).toBeGreaterThan(0);
    for (let i = 0; i < burst; i++) expect(rationed(cooldowns, 'mod', 'reload')).toBeUndefined();
    expect(rationed(cooldowns, 'mod', 'reload')?.title).toBe('One moment');
  });
});
