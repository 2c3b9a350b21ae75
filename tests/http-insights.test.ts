/**
 * Feedback and /insights through the HTTP endpoint: two replicas record into one store, a vote
 * is taken by whichever replica the click reaches, and /insights is deferred then filled in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIMessageTopLevelComponent } from 'discord.js';
import { InteractionResponseType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApp } from '../src/http/app.js';
import { Recorder } from '../src/insights/recorder.js';
import { createLogger } from '../src/ops/log.js';
import { deployCommands, TOKEN } from './support/bot.js';
import { FakeDiscord, type StoredMessage } from './support/fake-discord/index.js';
import { HttpRelay, startEndpoint } from './support/http-relay.js';
import { newSigner } from './support/http-signing.js';
import { embedOf, isEphemeral, messageOf } from './support/messages.js';
import { engine } from './support/summit.js';

const signer = newSigner();
const dir = mkdtempSync(join(tmpdir(), 'summit-http-insights-'));
const servers: HttpApp[] = [];
const recorders: Recorder[] = [];
let fake: FakeDiscord;
let relay: HttpRelay;

async function replica(): Promise<string> {
  const recorder = new Recorder({
    enabled: true,
    hashKey: 'a-shared-secret-for-every-replica',
    retentionDays: 90,
    queueCapacity: 1000,
    where: { dataDir: dir },
  });
  await recorder.start();
  recorders.push(recorder);
  const { app, url } = await startEndpoint(fake, signer, {
    engine: engine(),
    log: createLogger({ level: 'silent', secrets: [TOKEN] }),
    recorder,
  });
  servers.push(app);
  return url;
}

beforeAll(async () => {
  fake = await FakeDiscord.start({ token: TOKEN, log: () => {} });
  await deployCommands(fake, { DISCORD_GUILD_ID: fake.guild.id });
  relay = await HttpRelay.start(fake, [await replica(), await replica()], signer);
}, 30_000);

afterAll(async () => {
  relay?.close();
  await Promise.all(servers.map((s) => s.close()));
  await Promise.all(recorders.map((r) => r.stop()));
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

const voteIds = (message: { components?: APIMessageTopLevelComponent[] }) =>
  (message.components ?? []).flatMap((row) =>
    'components' in row
      ? row.components.flatMap((c) =>
          'custom_id' in c && c.custom_id.startsWith('vote.') ? [c.custom_id] : [],
        )
      : [],
  );

describe('the HTTP endpoint', () => {
  it('records a vote whichever replica takes the click, and shows it in /insights', async () => {
    const asked = await fake.slash('ask', { question: 'When did they meet in Sochi?' });
    const [, down] = voteIds(messageOf(await asked.response())) as [string, string];
    expect(down).toMatch(/^vote\.down:/);
    const original = asked.original() as StoredMessage;
    for (const user of [fake.users.member, fake.users.moderator]) {
      const click = messageOf(await (await fake.button(original, down, { user })).response());
      expect(isEphemeral(click)).toBe(true);
      expect(click.content).toContain('👎 is counted');
    }
    await (await fake.slash('ask', { question: 'Did they talk about the weather in Siberia?' })).response();
    for (const r of recorders) expect(await r.queue.flush(5000)).toBe(true);

    const insights = await fake.slash('insights', { days: 1 });
    const callback = await insights.response();
    expect(callback.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const edit = await insights.waitForEdit();
    const embed = embedOf(edit);
    expect(embed.title).toBe('Insights · the last 1 day');
    expect(embed.fields?.find((f) => f.name === 'Answers voted down')?.value).toContain('**2 👎**');
    expect(embed.fields?.[0]?.value).toContain('weather in Siberia');
  });

  it('refuses /insights to a member without Manage Messages', async () => {
    const refused = messageOf(
      await (await fake.slash('insights', {}, { user: fake.users.member })).response(),
    );
    expect(embedOf(refused).title).toBe('Moderators only');
  });
});
