/**
 * Moderators edit the fact base while Summit runs: a valid edit replaces the version in force,
 * an invalid one is rejected with the file and the problem while the previous version goes on
 * answering, and the console's /reload does the same.
 */
import { readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { renderText } from '../src/console/render.js';
import { ConsoleSession } from '../src/console/session.js';
import { createEngine } from '../src/engine/create.js';
import { LiveEngine, type ReloadResult } from '../src/reload/live-engine.js';
import { copyKnowledge, mutate, removeKnowledgeCopies, scratchFolder } from './support/knowledge-copy.js';
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
    const watching = await watch(live);
    try {
      expect((await watching.after(() => addAlias(dir))).status).toBe('reloaded');
      expect(live.engine.resolve('topic', 'Lichterfest').item?.id).toBe('hanukkah');
      expect((await watching.after(() => misquote(dir))).status).toBe('rejected');
      expect(live.engine.resolve('topic', 'Lichterfest').item?.id).toBe('hanukkah');
    } finally {
      watching.stop();
    }
  });
});

/** A new spelling for the Hanukkah topic, saved the way `sed -i` and most editors save: a new file renamed over the old. */
function renameInAlias(dir: string, alias: string): void {
  const path = join(dir, 'topics.yaml');
  const text = readFileSync(path, 'utf8').replace(
    '      Chanukkah,\n',
    `      Chanukkah,\n      ${alias},\n`,
  );
  writeFileSync(`${path}.new`, text);
  renameSync(`${path}.new`, path);
}

const knows = (live: LiveEngine, alias: string) =>
  live.engine.resolve('topic', alias).item?.id === 'hanukkah';

/** Watches a live fact base as the bot does; `after` makes a change and resolves with the reload it caused. */
async function watch(live: LiveEngine, debounceMs = 100) {
  const results: ReloadResult[] = [];
  const errors: Error[] = [];
  let reloaded = () => {};
  let ready = () => {};
  const armed = new Promise<void>((resolve) => (ready = resolve));
  const stop = live.watch({
    debounceMs,
    onReload: (result) => {
      results.push(result);
      reloaded();
    },
    onError: (error) => errors.push(error),
    onReady: () => ready(),
  });
  await armed;
  return {
    results,
    errors,
    stop,
    async after(change: () => void): Promise<ReloadResult> {
      const seen = results.length;
      const noticed = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`change ${seen + 1} went unnoticed`)), 5_000);
        reloaded = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      change();
      await noticed;
      return results[seen] as ReloadResult;
    },
  };
}

describe('watching the fact base, however its files are saved', { timeout: 30_000 }, () => {
  it('notices every save of a file renamed over the old one, not only the first', async () => {
    const dir = copyKnowledge();
    const live = new LiveEngine(dir);
    const watching = await watch(live);
    try {
      for (const alias of ['Lichterfest', 'Chanukka-Fest', 'Festival of Lights']) {
        expect((await watching.after(() => renameInAlias(dir, alias))).status, alias).toBe('reloaded');
        expect(knows(live, alias), alias).toBe(true);
      }
      // And an edit written in place after those is noticed too.
      expect((await watching.after(() => misquote(dir))).status).toBe('rejected');
      expect(watching.errors).toEqual([]);
    } finally {
      watching.stop();
    }
  });

  it('keeps the version in force while a file is deleted, and takes it back once re-created', async () => {
    const dir = copyKnowledge();
    const live = new LiveEngine(dir);
    const path = join(dir, 'topics.yaml');
    const saved = readFileSync(path, 'utf8');
    const watching = await watch(live);
    try {
      const deleted = await watching.after(() => rmSync(path));
      expect(deleted).toMatchObject({
        status: 'rejected',
        problems: [expect.objectContaining({ file: 'topics.yaml' })],
      });
      expect(
        (
          await watching.after(() =>
            writeFileSync(
              path,
              saved.replace('      Chanukkah,\n', '      Chanukkah,\n      Lichterfest,\n'),
            ),
          )
        ).status,
      ).toBe('reloaded');
      expect(knows(live, 'Lichterfest')).toBe(true);
      expect((await watching.after(() => renameInAlias(dir, 'Chanukka-Fest'))).status).toBe('reloaded');
    } finally {
      watching.stop();
    }
  });

  it('follows the folder when a new one is renamed into its place, and edits in the new one after that', async () => {
    const home = scratchFolder();
    const dir = copyKnowledge(join(home, 'knowledge'));
    const live = new LiveEngine(dir);
    const next = copyKnowledge(join(home, 'knowledge.next'));
    addAlias(next);
    const watching = await watch(live);
    try {
      const swapped = await watching.after(() => {
        renameSync(dir, join(home, 'knowledge.old'));
        renameSync(next, dir);
      });
      expect(swapped.status).toBe('reloaded');
      expect(knows(live, 'Lichterfest')).toBe(true);
      expect((await watching.after(() => renameInAlias(dir, 'Chanukka-Fest'))).status).toBe('reloaded');
      expect(knows(live, 'Chanukka-Fest')).toBe(true);
    } finally {
      watching.stop();
    }
  });

  it('follows a symlink flipped to a new version, as volume and deployment tools do', async () => {
    const home = scratchFolder();
    const v1 = copyKnowledge(join(home, 'v1'));
    const v2 = copyKnowledge(join(home, 'v2'));
    addAlias(v2);
    const current = join(home, 'current');
    symlinkSync(v1, current);
    const live = new LiveEngine(current);
    const watching = await watch(live);
    try {
      const flipped = await watching.after(() => {
        symlinkSync(v2, `${current}.new`);
        renameSync(`${current}.new`, current);
      });
      expect(flipped.status).toBe('reloaded');
      expect(knows(live, 'Lichterfest')).toBe(true);
      expect((await watching.after(() => renameInAlias(v2, 'Chanukka-Fest'))).status).toBe('reloaded');
      // The old version, no longer pointed at, is not watched any more.
      addAlias(v1);
      await sleep(400);
      expect(watching.results).toHaveLength(2);
    } finally {
      watching.stop();
    }
  });

  it('reloads once for a burst of saves', async () => {
    const dir = copyKnowledge();
    const live = new LiveEngine(dir);
    const debounceMs = 150;
    const watching = await watch(live, debounceMs);
    try {
      const first = await watching.after(() => {
        for (const alias of ['Lichterfest', 'Chanukka-Fest', 'Festival of Lights']) renameInAlias(dir, alias);
        mutate(dir, 'topics.yaml', '      Chanukkah,\n', '      Chanukkah,\n      Hanoucca,\n');
      });
      expect(first.status).toBe('reloaded');
      await sleep(debounceMs * 3);
      expect(watching.results).toHaveLength(1);
      for (const alias of ['Lichterfest', 'Festival of Lights', 'Hanoucca'])
        expect(knows(live, alias), alias).toBe(true);
    } finally {
      watching.stop();
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
