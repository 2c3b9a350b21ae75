/** The memory of answered interaction ids: kept for the replay window, and bounded. */
import { describe, expect, it } from 'vitest';
import { AnsweredIds } from '../src/http/replays.js';

const WINDOW = 300_000;

describe('AnsweredIds', () => {
  it('answers an id once while its signed timestamp is in the window, and forgets it after', () => {
    const ids = new AnsweredIds(WINDOW, 10);
    const signed = 1_000_000;
    expect(ids.firstTime('1', signed, signed)).toBe(true);
    expect(ids.firstTime('1', signed, signed + 1000)).toBe(false);
    expect(ids.firstTime('1', signed, signed + WINDOW)).toBe(false);
    expect(ids.firstTime('2', signed + WINDOW + 1, signed + WINDOW + 1)).toBe(true);
    expect(ids.size).toBe(1);
  });

  it('holds no more than its capacity, forgetting the oldest first', () => {
    const ids = new AnsweredIds(WINDOW, 3);
    for (const id of ['a', 'b', 'c', 'd']) expect(ids.firstTime(id, 0, 0)).toBe(true);
    expect(ids.size).toBe(3);
    expect(ids.firstTime('d', 0, 1)).toBe(false);
    expect(ids.firstTime('a', 0, 1)).toBe(true);
  });
});
