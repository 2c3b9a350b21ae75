/**
 * Live fact-base updates, cooldowns and metrics on the real bot against the fake Discord: a
 * moderator edits the files (or runs /reload) while the bot answers; nobody restarts anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../src/discord/runtime.js';
import { LiveEngine } from '../src/reload/live-engine.js';
import { startTestBot, type TestBot } from './support/bot.js';
import type { StoredMessage } from './support/fake-discord/index.js';
import { copyKnowledge, mutate, removeKnowledgeCopies } from './support/knowledge-copy.js';
import { embedOf, isEphemeral, type MessageData, messageOf } from './support/messages.js';

let t: TestBot;
let runtime: Runtime;
let dir: string;

beforeAll(async () => {
  dir = copyKnowledge();
  t = await startTestBot({}, undefined, (log) => {
    runtime = startRuntime({ live: new LiveEngine(dir), log, watch: true });
    return runtime.deps;
  });
}, 30_000);

afterAll(async () => {
  runtime?.stop();
  await t?.stop();
  removeKnowledgeCopies();
});

async function slash(name: string, options: Record<string, string | number | boolean> = {}, ctx = {}) {
  const interaction = await t.fake.slash(name, options, ctx);
  return { interaction, message: messageOf(await interaction.response()) };
}

/** Waits for the bot to log a line that matches, and returns it. */
async function logged(match: (entry: Record<string, unknown>) => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const entry = t.entries().find(match);
    if (entry) return entry;
    if (Date.now() > deadline) throw new Error(`no such log line in:\n${t.logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const version = () => runtime.deps.engine.kb.version.slice(0, 8);
const addAlias = () =>
  mutate(dir, 'topics.yaml', '      Chanukkah,\n', '      Chanukkah,\n      Lichterfest,\n');
const NOTE = 'The fact base was updated after this message was made';

describe('/reload and the file watch', () => {
  let oldQuote: StoredMessage;

  it('refuses a member without Manage Messages even when the server let the command reach them', async () => {
    const before = version();
    const { message } = await slash('reload', {}, { user: t.fake.users.member });
    expect(isEphemeral(message)).toBe(true);
    expect(embedOf(message).title).toBe('Moderators only');
    expect(embedOf(message).description).toContain('Manage Messages');
    expect(version()).toBe(before);
  });

  it('tells a moderator, privately, that nothing changed', async () => {
    const { interaction, message } = await slash('quote');
    oldQuote = interaction.original() as StoredMessage;
    const reload = await slash('reload');
    expect(isEphemeral(reload.message)).toBe(true);
    expect(embedOf(reload.message).title).toBe('Fact base unchanged');
    expect(embedOf(message).title).toBe('A random quote');
  });

  it('picks up a saved edit without a restart, and the next answer uses it', async () => {
    const before = version();
    expect(embedOf((await slash('topics', { meeting: 'Lichterfest' })).message).title).not.toMatch(
      /Hanukkah/,
    );
    addAlias();
    const line = await logged((e) => e.msg === 'fact base reloaded');
    expect(line).toMatchObject({ trigger: 'files changed', previous: expect.stringMatching(before) });
    const { message } = await slash('ask', { question: 'What did Putin say about Lichterfest?' });
    expect(embedOf(message).description ?? '').toMatch(/Hanukkah|Chanukah|light/i);
  });

  it('keeps older buttons working, and says the answer comes from the new version', async () => {
    const click = await t.fake.button(oldQuote, 'run:/quote');
    expect(embedOf(messageOf(await click.response())).description).toContain(NOTE);
    const { interaction } = await slash('quote');
    const fresh = await t.fake.button(interaction.original() as StoredMessage, 'run:/quote');
    expect(embedOf(messageOf(await fresh.response())).description).not.toContain(NOTE);
  });

  it('rejects a broken edit with the file and problem, and goes on answering from the previous version', async () => {
    const before = version();
    mutate(dir, 'quotes.yaml', 'text: We haven’t planned yet', 'text: We have planned it all');
    const line = await logged((e) => e.msg === 'fact base edit rejected: still serving the previous version');
    expect(line.problems).toEqual([
      expect.stringMatching(/^quotes\.yaml:\d+:\d+ \[\d+\]\.text \(paris-2018-not-planned\)/),
    ]);

    const { message } = await slash('reload');
    expect(isEphemeral(message)).toBe(true);
    expect(embedOf(message).title).toBe('Fact base not reloaded');
    expect(embedOf(message).description).toMatch(
      /quotes\.yaml:\d+:\d+ \[\d+\]\.text \(paris-2018-not-planned\)/,
    );
    expect(version()).toBe(before);
    expect(embedOf((await slash('when', { query: 'Sochi' })).message).description).toContain('2019');

    mutate(dir, 'quotes.yaml', 'text: We have planned it all', 'text: We haven’t planned yet');
    expect(embedOf((await slash('reload')).message).title).toBe('Fact base unchanged');
  });

  it('never lets an interaction see half a fact base: each answer is wholly one version', async () => {
    const asked = async () => {
      const { message } = await slash('quote', { query: 'Lichterfest' });
      return String(embedOf(message).description);
    };
    const withAlias = await asked();
    mutate(dir, 'topics.yaml', '      Lichterfest,\n', '');
    runtime.deps.reload?.();
    const without = await asked();
    expect(without).not.toBe(withAlias);

    const seen = new Set<string>();
    for (let round = 0; round < 6; round++) {
      const answers = Array.from({ length: 8 }, asked);
      if (round % 2 === 0) addAlias();
      else mutate(dir, 'topics.yaml', '      Lichterfest,\n', '');
      runtime.deps.reload?.();
      for (const answer of await Promise.all(answers)) seen.add(answer);
    }
    expect([...seen].filter((answer) => answer !== withAlias && answer !== without)).toEqual([]);
  });
});

describe('cooldowns', () => {
  it('asks a user who floods /ask to wait, privately, and leaves everyone else alone', async () => {
    const user = t.fake.users.owner;
    const replies = [];
    for (let i = 0; i < 6; i++)
      replies.push((await slash('ask', { question: 'When did they meet in Sochi?' }, { user })).message);
    expect(replies.slice(0, 5).every((r) => !isEphemeral(r))).toBe(true);
    const last = replies[5] as MessageData;
    expect(isEphemeral(last)).toBe(true);
    expect(embedOf(last).description).toMatch(/^You can use \/ask again in \d+ s\.$/);
    const other = await slash(
      'ask',
      { question: 'When did they meet in Sochi?' },
      { user: t.fake.users.member },
    );
    expect(isEphemeral(other.message)).toBe(false);
    expect(embedOf((await slash('when', { query: 'Sochi' }, { user })).message).description).toContain(
      '2019',
    );
  });
});

describe('metrics', () => {
  it('counts interactions by command and outcome, reloads by result, and the fact base in force', async () => {
    const text = await runtime.metrics.text();
    expect(text).toMatch(/summit_interactions_total\{type="command",command="when",outcome="answer"\} \d+/);
    expect(text).toMatch(/summit_interactions_total\{type="command",command="reload",outcome="refused"\} 1/);
    expect(text).toMatch(/summit_knowledge_reloads_total\{result="rejected"\} [1-9]/);
    expect(text).toMatch(/summit_knowledge_reloads_total\{result="reloaded"\} [1-9]/);
    expect(text).toContain(
      `summit_knowledge_records{kind="meetings"} ${runtime.deps.engine.kb.meetings.length}`,
    );
    expect(text).toMatch(/summit_interaction_duration_seconds_bucket\{le="0.1",type="command"\} \d+/);
  });
});
