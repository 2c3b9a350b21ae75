/**
 * /timeline as a user meets it: the picture decodes, has the size chosen and is not blank, its
 * alt text names every meeting it shows, the message fits Discord's limits, the answer holds in
 * words without the picture, and filters that match nothing or make no sense get the usual
 * clear answers and no picture. The console writes the picture where it is told.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { placeName, shortDate } from '../src/answers/format.js';
import type { Reply, ReplyFile } from '../src/answers/reply.js';
import { createContext, execute } from '../src/commands/registry.js';
import { DRAW_BEFORE_DEFER_MS, drawFiles, drawOrDefer } from '../src/discord/attachments.js';
import { messageBody } from '../src/http/respond.js';
import { LIMITS } from '../src/limits.js';
import { WIDTH } from '../src/timeline/chart.js';
import { ROOT } from './support/bot.js';
import { messageProblems } from './support/discord-limits.js';
import { readPng } from './support/png.js';
import { ask, engine } from './support/summit.js';

const timeline = (args: Record<string, string | number> = {}) =>
  execute('timeline', args, createContext(engine()));

/** The meetings a reply lists in its text, as the fact base has them. */
const listed = (reply: Reply) =>
  engine().kb.meetings.filter((m) =>
    reply.text.includes(`**${placeName(engine().kb, m.place) ?? 'By telephone'} · ${shortDate(m.date)}**`),
  );

describe('/timeline', () => {
  const cases: [string, Record<string, string | number>, number][] = [
    ['unfiltered', {}, 8],
    ['by topic', { topic: 'syria' }, 3],
    ['by place', { place: 'paris' }, 2],
    ['by person', { person: 'shoigu' }, 1],
    ['by years', { from: 2015, to: 2016 }, 4],
    ['a single meeting', { place: 'sochi' }, 1],
  ];

  it.each(cases)(
    '%s: a PNG of the chosen width that is not blank, and alt text naming every meeting',
    async (_, args, count) => {
      const reply = timeline(args);
      expect(reply.kind).toBe('answer');
      expect(listed(reply)).toHaveLength(count);
      const file = reply.file;
      expect(file?.name).toBe('timeline.png');
      const png = readPng((await file?.bytes()) ?? new Uint8Array());
      expect(png.signature).toBe(true);
      expect(png.width).toBe(WIDTH);
      expect(png.height).toBeGreaterThan(300);
      expect(png.inked).toBeGreaterThan(0.02);
      expect(png.colours).toBeGreaterThan(8);
      expect(file?.description.length).toBeLessThanOrEqual(LIMITS.attachmentDescription);
      for (const m of listed(reply)) {
        expect(file?.description).toContain(
          `${placeName(engine().kb, m.place) ?? 'By telephone'} ${shortDate(m.date)}`,
        );
      }
    },
    30_000,
  );

  it('fits Discord’s limits, shows the picture in the embed, and cites every meeting in words', () => {
    const reply = timeline();
    const body = messageBody(reply, { hidden: false });
    expect(messageProblems(body)).toEqual([]);
    expect(body.embeds?.[0]?.image?.url).toBe('attachment://timeline.png');
    expect(reply.citations.length).toBe(engine().kb.sources.length);
    for (const line of reply.text.split('\n').filter((l) => l.startsWith('- ')))
      expect(line).toMatch(/\[\d\]$/);
    expect(reply.text).toContain('Moscow · Sep 2015** — mentioned in passing, date inferred');
    expect(reply.title).toBe('Netanyahu–Putin meetings, 2012–2020');
  });

  it('names its filters in the title', () => {
    expect(timeline({ topic: 'syria', from: 2015 }).title).toBe(
      'Netanyahu–Putin meetings about Syria, from 2015',
    );
    expect(timeline({ person: 'shoigu' }).title).toBe('Netanyahu–Putin meetings with Sergei Shoigu, 2019');
  });

  it('answers filters that match nothing honestly, with no picture', () => {
    const reply = timeline({ place: 'sochi', to: 2015 });
    expect(reply.kind).toBe('not-found');
    expect(reply.text).toContain('The articles mention no meeting in Sochi, up to 2015');
    expect(reply.file).toBeUndefined();
  });

  it('explains filters it cannot use, privately, and draws nothing', () => {
    for (const [args, title] of [
      [{ topic: 'cheese' }, 'Unknown topic'],
      [{ place: '<@&123456789012345678>' }, 'Unknown place'],
      [{ from: 2019, to: 2015 }, 'Years the wrong way round'],
    ] as const) {
      const reply = timeline(args);
      expect(reply.title).toBe(title);
      expect(reply.private).toBe(true);
      expect(reply.file).toBeUndefined();
    }
    expect(ask('/timeline from:1066').reply.kind).toBe('usage');
    expect(ask('/timeline from:twenty').reply.kind).toBe('usage');
  });

  it('is what a question asking for a timeline gets', () => {
    const { reply } = ask('show me a timeline of their meetings about Syria');
    expect(reply.title).toBe('Netanyahu–Putin meetings about Syria, 2015–2019');
    expect(reply.file).toBeDefined();
    expect(ask('a timeline of the meetings in London').reply.kind).toBe('not-found');
  });

  it('goes with the moderator digest', () => {
    expect(execute('summary', {}, createContext(engine())).file?.name).toBe('timeline.png');
  });
});

describe('npm run ask with a picture', () => {
  const dir = mkdtempSync(join(tmpdir(), 'summit-timeline-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the PNG where --out says, and prints the path and the text timeline', () => {
    const out = join(dir, 'paris.png');
    const stdout = execFileSync(
      'node',
      [join(ROOT, 'dist/src/cli/ask.js'), '--out', out, '/timeline place:paris'],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    expect(stdout).toContain('Paris · 30 Nov 2015 — reported, date inferred');
    expect(stdout).toContain(`Picture written to ${out}`);
    expect(readPng(readFileSync(out)).width).toBe(WIDTH);
  }, 60_000);

  it('writes where SUMMIT_TIMELINE_OUT says when no --out is given', () => {
    const out = join(dir, 'from-env.png');
    execFileSync('node', [join(ROOT, 'dist/src/cli/ask.js'), '/timeline'], {
      encoding: 'utf8',
      env: { ...process.env, SUMMIT_TIMELINE_OUT: out },
    });
    expect(existsSync(out)).toBe(true);
  }, 60_000);
});

describe('drawing against Discord’s 3 seconds', () => {
  const reply = () => timeline({ place: 'sochi' });

  it('acknowledges first when the picture is not drawn within a second, and not otherwise', async () => {
    vi.useFakeTimers();
    try {
      const slow = { ...reply(), file: { ...(reply().file as ReplyFile), bytes: () => later(1_500) } };
      const deferred = vi.fn(async () => {});
      const drawing = drawOrDefer(
        drawFiles(slow, () => {}),
        deferred,
      );
      await vi.advanceTimersByTimeAsync(DRAW_BEFORE_DEFER_MS);
      expect(deferred).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1_000);
      expect((await drawing).files).toHaveLength(1);

      const quick = { ...reply(), file: { ...(reply().file as ReplyFile), bytes: () => later(200) } };
      const notDeferred = vi.fn(async () => {});
      const quickly = drawOrDefer(
        drawFiles(quick, () => {}),
        notDeferred,
      );
      await vi.advanceTimersByTimeAsync(DRAW_BEFORE_DEFER_MS * 2);
      expect((await quickly).files).toHaveLength(1);
      expect(notDeferred).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers without the picture when it cannot be drawn, and says so in the log', async () => {
    const broken = {
      ...reply(),
      file: { ...(reply().file as ReplyFile), bytes: () => Promise.reject(new Error('no fonts')) },
    };
    const logged: unknown[] = [];
    const drawn = await drawFiles(broken, (error) => logged.push(error));
    expect(drawn.files).toEqual([]);
    expect(drawn.reply.file).toBeUndefined();
    expect(drawn.reply.text).toContain('Sochi · 12 Sep 2019');
    expect(messageBody(drawn.reply, { hidden: false }).embeds?.[0]?.image).toBeUndefined();
    expect(logged).toHaveLength(1);
  });
});

/** A picture of one byte that takes `ms` to draw. */
const later = (ms: number) =>
  new Promise<Uint8Array>((resolve) => setTimeout(() => resolve(new Uint8Array([1])), ms));
