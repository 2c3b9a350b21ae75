import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runLine } from '../src/commands/dispatch.js';
import { createContext } from '../src/commands/registry.js';
import { createEngine } from '../src/engine/create.js';
import { Engine } from '../src/engine/engine.js';
import { readPrebuiltIndexes, writePrebuiltIndexes } from '../src/engine/prebuilt.js';
import { KnowledgeError, loadKnowledge } from '../src/knowledge/load.js';
import type { KnowledgeBase } from '../src/knowledge/model.js';
import { readSnapshot, writeSnapshot } from '../src/knowledge/snapshot.js';

/**
 * A snapshot lets an unchanged fact base start without parsing and validating it; any change to
 * any of its files must mean a full validation, so that an edit is never served unchecked.
 */

const temp = mkdtempSync(join(tmpdir(), 'summit-snapshot-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let dir: string;
let env: NodeJS.ProcessEnv;
let run = 0;
beforeEach(() => {
  run++;
  dir = join(temp, `knowledge-${run}`);
  cpSync(resolve(import.meta.dirname, '../knowledge'), dir, { recursive: true });
  env = { SUMMIT_SNAPSHOTS: join(temp, `snapshots-${run}`) };
});

/** The records of a fact base, without the lookup functions. */
const records = (kb: KnowledgeBase) => JSON.parse(JSON.stringify(kb));

describe('knowledge snapshots', () => {
  it('give back exactly the fact base that was validated, lookups included', () => {
    const loaded = loadKnowledge(dir);
    writeSnapshot(loaded, env);
    const restored = readSnapshot(dir, env);
    expect(restored).toBeDefined();
    expect(records(restored as KnowledgeBase)).toEqual(records(loaded));
    expect(restored?.meeting('sochi-2019')?.date).toEqual(loaded.meeting('sochi-2019')?.date);
    const [first] = loaded.sources;
    if (!first || !restored) throw new Error('no sources');
    expect(restored.article(first)).toBe(loaded.article(first));
    expect(restored.article(first)).toContain('Netanyahu');
  });

  it.each([
    ['a YAML file', 'meetings.yaml'],
    ['another YAML file', 'people.yaml'],
    ['an article', join('articles', '000_c3f2b6ae99285969.txt')],
  ])('are not used once %s changes, even by a comment or a space', (_what, file) => {
    writeSnapshot(loadKnowledge(dir), env);
    appendFileSync(join(dir, file), '\n# edited\n');
    expect(readSnapshot(dir, env)).toBeUndefined();
  });

  it('are not used when an article they were checked against is gone', () => {
    writeSnapshot(loadKnowledge(dir), env);
    rmSync(join(dir, 'articles', '001_4209fc84c3212326.txt'));
    expect(readSnapshot(dir, env)).toBeUndefined();
  });

  it('are not used when turned off, nor when damaged, and never throw', () => {
    writeSnapshot(loadKnowledge(dir), env);
    expect(readSnapshot(dir, { SUMMIT_SNAPSHOTS: 'off' })).toBeUndefined();
    const folder = env.SUMMIT_SNAPSHOTS as string;
    for (const name of readdirSync(folder)) writeFileSync(join(folder, name), '{"format":1,"fingerprint":');
    expect(readSnapshot(dir, env)).toBeUndefined();
    expect(readSnapshot(join(temp, 'no-such-folder'), env)).toBeUndefined();
  });
});

describe('createEngine with a snapshot', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.SUMMIT_SNAPSHOTS;
    process.env.SUMMIT_SNAPSHOTS = env.SUMMIT_SNAPSHOTS;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.SUMMIT_SNAPSHOTS;
    else process.env.SUMMIT_SNAPSHOTS = saved;
  });

  it('validates an edited fact base in full and rejects it when the edit is a mistake', () => {
    writeSnapshot(loadKnowledge(dir), env);
    expect(createEngine(dir).kb.meetings.length).toBeGreaterThan(0);
    appendFileSync(join(dir, 'meetings.yaml'), '\n- id: Not An Id\n');
    expect(() => createEngine(dir)).toThrow(KnowledgeError);
  });

  it('answers the same from a snapshot as from a full validation', () => {
    const full = createEngine(dir);
    writeSnapshot(full.kb, env);
    const fast = createEngine(dir);
    expect(records(fast.kb)).toEqual(records(full.kb));
    const quote = (e: typeof full) => e.findQuotes({ words: ['hanukkah'] }).map((q) => q.id);
    expect(quote(fast)).toEqual(quote(full));
  });
});

describe('prebuilt search indexes', () => {
  const lines = [
    'When did they meet in Sochi?',
    'What did Putin say about Hanukkah?',
    'Who said triumph of light?',
    'Did they discuss Iran?',
    'How many times did they meet?',
    '/when sotchi',
    '/quote speaker:Putin query:terror',
    '/meetings place:Russia',
    '/where climate confrence',
    '/topics Sochi',
    'Tell me about the hotline',
  ];
  const answers = (engine: Engine) => {
    const ctx = createContext(engine, { random: () => 0.5 });
    const fail = (error: unknown) => {
      throw error;
    };
    return lines.map((line) => runLine(line, ctx, fail));
  };

  it('answer exactly as indexes built from the records', () => {
    const kb = loadKnowledge(dir);
    const built = new Engine(kb);
    writePrebuiltIndexes(built, env);
    const indexes = readPrebuiltIndexes(kb, env);
    expect(indexes).toBeDefined();
    const prebuilt = new Engine(kb, indexes);
    expect(prebuilt.vocabulary.list()).toEqual(built.vocabulary.list());
    expect(answers(prebuilt)).toEqual(answers(built));
    for (const value of ['soch', 'sochy', 'Iarn', 'pu', 'triumph of li']) {
      expect(prebuilt.meetingChoiceIndex.search(value, { prefixLast: true })).toEqual(
        built.meetingChoiceIndex.search(value, { prefixLast: true }),
      );
      expect(prebuilt.quoteIndex.search(value, { prefixLast: true })).toEqual(
        built.quoteIndex.search(value, { prefixLast: true }),
      );
    }
  });

  it('are not used for another version of the fact base', () => {
    const kb = loadKnowledge(dir);
    writePrebuiltIndexes(new Engine(kb), env);
    appendFileSync(join(dir, 'topics.yaml'), '\n# edited\n');
    expect(readPrebuiltIndexes(loadKnowledge(dir), env)).toBeUndefined();
  });
});
