/**
 * Feedback and /insights end to end: the real bot, logged in to the fake Discord, recording into
 * an embedded store in a temporary folder. Members vote on an answer (and change their vote),
 * and a moderator reads what was asked; a member is refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIMessageTopLevelComponent } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Recorder } from '../src/insights/recorder.js';
import { openStore } from '../src/store/open.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { messageProblems } from './support/discord-limits.js';
import type { StoredMessage } from './support/fake-discord/index.js';
import { embedOf, isEphemeral, messageOf, textOf } from './support/messages.js';
import { engine } from './support/summit.js';

let t: TestBot;
let recorder: Recorder;
const dir = mkdtempSync(join(tmpdir(), 'summit-insights-'));

beforeAll(async () => {
  recorder = new Recorder({
    enabled: true,
    hashKey: 'a-test-secret-of-some-length',
    retentionDays: 90,
    queueCapacity: 1000,
    where: { dataDir: dir },
  });
  t = await startTestBot({}, undefined, (log) => ({ engine: engine(), log, recorder }));
  await recorder.start();
}, 30_000);

afterAll(async () => {
  await t?.stop();
  await recorder?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const customIds = (message: { components?: APIMessageTopLevelComponent[] }) =>
  (message.components ?? []).flatMap((row) =>
    'components' in row ? row.components.flatMap((c) => ('custom_id' in c ? [c.custom_id] : [])) : [],
  );

async function ask(question: string, ctx = {}) {
  const interaction = await t.fake.slash('ask', { question }, ctx);
  const message = messageOf(await interaction.response());
  return { interaction, message };
}

async function click(original: StoredMessage, id: string, user = t.fake.users.member) {
  const interaction = await t.fake.button(original, id, { user });
  return messageOf(await interaction.response());
}

describe('👍/👎 on answers', () => {
  it('puts the buttons on an answer, records one vote per member, and lets a member change theirs', async () => {
    const { interaction, message } = await ask('When did they meet in Sochi?');
    const votes = customIds(message).filter((id) => id.startsWith('vote.'));
    expect(votes).toHaveLength(2);
    const [up, down] = votes as [string, string];
    expect(up).toMatch(/^vote\.up:[\w-]{12}$/);
    const answerId = up.slice('vote.up:'.length);
    const original = interaction.original() as StoredMessage;

    const first = await click(original, up);
    expect(isEphemeral(first)).toBe(true);
    expect(first.content).toContain('👍 is counted');
    const changed = await click(original, down);
    expect(changed.content).toContain('👎 is counted');
    await click(original, down, t.fake.users.moderator);

    expect(await recorder.queue.flush(5000)).toBe(true);
    const store = await openStore({ dataDir: dir });
    try {
      const votes = await store.db
        .selectFrom('votes')
        .selectAll()
        .where('question_id', '=', answerId)
        .execute();
      expect(votes.map((v) => v.value).sort()).toEqual([-1, -1]);
      // Members are kept as keyed hashes, never as their ids.
      const ids = [t.fake.users.member.id, t.fake.users.moderator.id];
      expect(votes.every((v) => !ids.some((id) => v.voter.includes(id)))).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('puts them on what Ask Summit and a mention answer', async () => {
    const asked = await t.fake.message('what did putin say about hanukkah', { user: t.fake.users.member });
    const menu = messageOf(await (await t.fake.messageContextMenu('Ask Summit', asked.message)).response());
    expect(customIds(menu).filter((id) => id.startsWith('vote.'))).toHaveLength(2);
    const mention = await t.fake.message(`<@${t.fake.botUser.id}> when did they meet in Sochi?`);
    expect(customIds(await mention.reply()).filter((id) => id.startsWith('vote.'))).toHaveLength(2);
  });

  it('leaves the buttons off what is not an answer to free text', async () => {
    const { message } = await ask('Who won the football World Cup in 1998?');
    expect(customIds(message).filter((id) => id.startsWith('vote.'))).toEqual([]);
    const lookup = messageOf(await (await t.fake.slash('when', { query: 'Sochi' })).response());
    expect(customIds(lookup).filter((id) => id.startsWith('vote.'))).toEqual([]);
  });
});

describe('/insights', () => {
  it('shows a moderator what went unanswered, grouped, inert and within Discord’s limits', async () => {
    await ask('Did they talk about the weather in Siberia?');
    await ask('the weather in Siberia: did they talk about it');
    await ask(`<@${t.fake.users.member.id}> @everyone **siberia** weather\u200b talk`);
    const long = `<@${t.fake.botUser.id}> did they talk about the **weather** of <@${t.fake.users.member.id}> siberia? ${'x'.repeat(6000)}`;
    await (await t.fake.message(long)).reply();
    await (await t.fake.message(`<@${t.fake.botUser.id}> siberia weather talk?`)).reply();
    await (await t.fake.slash('where', { query: 'Atlantis' })).response();
    expect(await recorder.queue.flush(5000)).toBe(true);

    const interaction = await t.fake.slash('insights', { days: 7 });
    const callback = await interaction.response();
    const message = callback.data ? messageOf(callback) : await interaction.waitForEdit();
    expect(isEphemeral(messageOf(callback))).toBe(true);
    expect(messageProblems(message)).toEqual([]);
    const embed = embedOf(message);
    expect(embed.title).toBe('Insights · the last 7 days');
    const unanswered = embed.fields?.find((f) => f.name.startsWith('Not answered'))?.value ?? '';
    // Five wordings of one question (a mention among them), counted together, most frequent first.
    expect(unanswered.split('\n')[0]).toMatch(/^\*\*5×\*\* .*siberia.*_\(\+2 other wordings\)_$/i);
    expect(unanswered).toContain('/where query:Atlantis');
    expect(unanswered).not.toContain('\u200bsiberia');
    expect(unanswered).not.toMatch(/<@\d/);
    expect(unanswered).not.toMatch(/(?<!\\)\*\*siberia/);
    expect(textOf(message)).toContain('Answers voted down');
    expect(embed.fields?.find((f) => f.name === 'Answers voted down')?.value).toMatch(
      /\*\*2 👎\*\* · 0 👍 · “When did they meet in Sochi\?”/,
    );
    expect(embed.description).toMatch(/answered/);
  });

  it('refuses a member without Manage Messages', async () => {
    const { message } = await ask('x', {}).then(async () => ({
      message: messageOf(
        await (await t.fake.slash('insights', {}, { user: t.fake.users.member })).response(),
      ),
    }));
    expect(isEphemeral(message)).toBe(true);
    expect(embedOf(message).title).toBe('Moderators only');
  });
});
