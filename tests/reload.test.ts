/**
 * Moderators edit the fact base while Summit runs: a valid edit replaces the version in force,
 * an invalid one is rejected with the file and the problem while the previous version goes on
 * answering, and the console's /reload does the same.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { renderText } from '../src/console/render.js';
import { ConsoleSession } from '../src/console/session.js';
import { createEngine } from '../src/engine/create.js';
import { LiveEngine, type ReloadResult } from '../src/reload/live-engine.js';
import { copyKnowledge, mutate, removeKnowledgeCopies } from './support/knowledge-copy.js';
import { ask } from './support/summit.js';

afterAll(removeKnowledgeCopies);

/** A valid edit: a new spelling users may type for the Hanukkah topic. */
const addAlias = (dir: string) =>
  mutate(dir, 'topics.yaml', '      Chanukkah,\n', '      Chanukkah,\n      Lichterfest,\n');
/** An invalid edit: a quote no longer verbatim in its article. */
const misquote = (dir: string) =>
  mutate(dir, 'quotes.yaml', 'text: We haven’t planned yet', 'text: We have planned it all');

/** A console session over a live fact base, whose /reload runs `reload` (by default, a real reload). */
function consoleOver(live: LiveEngine, reload: () => ReloadResult = () => live.reload()) {
  const fail = (error: unknown) => {
    throw error;
  };
  return new ConsoleSession(live.engine, fail, Math.random, reload);
}

const answerIn = (live: LiveEngine, question: string) => renderText(consoleOver(live).answer(question));

describe('reloading the fact base', () => {
  it('reports an unchanged folder as unchanged and keeps the same engine', () => {
    const live = new LiveEngine(copyKnowledge());
    const before = live.engine;
    expect(live.reload()).toMatchObject({ status: 'unchanged', engine: before });
    expect(live.reloadedAt).toBeUndefined();
  });

  it('swaps in a valid edit, which the next answer uses, and leaves the old engine whole', () => {
    const dir = copyKnowledge();
    const live = new LiveEngine(dir);
    const before = live.engine;
    expect(answerIn(live, '/topics Lichterfest')).not.toContain('Hanukkah');
    addAlias(dir);
    const result = live.reload();
    expect(result.status).toBe('reloaded');
    expect(live.engine).not.toBe(before);
    expect(live.engine.kb.version).not.toBe(before.kb.version);
    expect(live.reloadedAt).toBeTypeOf('number');
    expect(answerIn(live, '/topics Lichterfest')).toContain('Hanukkah');
    // An interaction that began with the old engine finishes with the old engine.
    expect(before.resolve('topic', 'Lichterfest').item).toBeUndefined();
  });

  it('rejects an invalid edit with the file and the problem, and goes on serving the previous version', () => {
    const dir = copyKnowledge();
    const live = new LiveEngine(dir);
    const before = live.engine;
    misquote(dir);
    const result = live.reload();
    expect(result.status).toBe('rejected');
    const problems = result.status === 'rejected' ? result.problems : [];
    expect(problems).toEqual([
      expect.objectContaining({ file: 'quotes.yaml', message: expect.stringContaining('not found') }),
    ]);
    expect(live.engine).toBe(before);
    expect(answerIn(live, '/when Sochi')).toContain('2019');
  });

  it('watches the folder: a saved edit is picked up, and a broken one reported, without a restart', async () => {
    const dir = copyKnowledge();
    const live = new LiveEngine(dir);
    const results: ReloadResult[] = [];
    let notify = () => {};
    const stop = live.watch({
      debounceMs: 50,
      onReload: (result) => {
        results.push(result);
        notify();
      },
      onError: (error) => {
        throw error;
      },
    });
    const next = () =>
      new Promise<ReloadResult>((resolve) => (notify = () => resolve(results.at(-1) as ReloadResult)));
    try {
      let reported = next();
      addAlias(dir);
      expect((await reported).status).toBe('reloaded');
      expect(live.engine.resolve('topic', 'Lichterfest').item?.id).toBe('hanukkah');

      reported = next();
      misquote(dir);
      const rejected = await reported;
      expect(rejected.status).toBe('rejected');
      expect(live.engine.resolve('topic', 'Lichterfest').item?.id).toBe('hanukkah');
    } finally {
      stop();
    }
  });
});

describe('/reload', () => {
  it('tells the moderator the version now in force, and what changed nothing', () => {
    const dir = copyKnowledge();
    const live = new LiveEngine(dir);
    const session = consoleOver(live);
    expect(renderText(session.answer('/reload'))).toMatch(/^Fact base unchanged\n/);
    addAlias(dir);
    const reloaded = session.answer('/reload');
    expect(reloaded).toMatchObject({ title: 'Fact base reloaded', private: true });
    expect(reloaded.text).toContain(live.engine.kb.version.slice(0, 8));
    // The session answers from the new version from then on.
    expect(renderText(session.answer('/topics Lichterfest'))).toContain('Hanukkah');
  });

  it('names the file, the place in it and the problem of a rejected edit', () => {
    const dir = copyKnowledge();
    const live = new LiveEngine(dir);
    const session = consoleOver(live);
    misquote(dir);
    const rejected = session.answer('/reload');
    expect(rejected).toMatchObject({ kind: 'error', title: 'Fact base not reloaded', private: true });
    expect(rejected.text).toMatch(
      /`quotes\.yaml:\d+:\d+ \[\d+\]\.text \(paris-2018-not-planned\): .*not found/,
    );
    expect(rejected.text).toContain(`still answering from version **${live.engine.kb.version.slice(0, 8)}**`);
  });

  it('lists at most eight problems and counts the rest', () => {
    const dir = copyKnowledge();
    const live = new LiveEngine(dir);
    mutate(dir, 'quotes.yaml', /^ {2}source: /gm, '  source: nowhere-');
    const result = live.reload();
    const session = consoleOver(live, () => result);
    const text = session.answer('/reload').text;
    expect(text.split('\n').filter((l) => l.startsWith('- `'))).toHaveLength(8);
    expect(text).toMatch(/- …and \d+ more$/);
  });

  it('is not offered where the fact base cannot be reloaded', () => {
    expect(ask('/reload').reply).toMatchObject({ kind: 'usage', title: 'Not available here' });
  });

  it('builds a fresh engine from the same folder as createEngine does', () => {
    const dir = copyKnowledge();
    expect(new LiveEngine(dir).engine.kb.version).toBe(createEngine(dir).kb.version);
  });
});
