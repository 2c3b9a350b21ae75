/**
 * /summary posts only where the moderator could post themselves and the bot can, on both
 * transports: the gateway bot logged in to the fake Discord, and the HTTP endpoint fed by a relay
 * that plays Discord's part. The guild has a member who moderates one channel only (#mod-desk),
 * a staff channel they cannot see, a read-only channel, and one where the bot may not write.
 */
import { Writable } from 'node:stream';
import { GatewayIntentBits, InteractionResponseType, PermissionFlagsBits as P } from 'discord.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/ops/log.js';
import { deployCommands, startTestBot, TOKEN } from './support/bot.js';
import { channelPermissions, memberOf } from './support/fake-discord/guild-model.js';
import {
  FakeDiscord,
  type GuildSpec,
  type InteractionHandle,
  type StoredMessage,
} from './support/fake-discord/index.js';
import { HttpRelay, startEndpoint } from './support/http-relay.js';
import { newSigner } from './support/http-signing.js';
import { buttons, isEphemeral, messageOf, textOf } from './support/messages.js';
import { PROPERTY_TIMEOUT_MS, runs } from './support/property-runs.js';
import { engine } from './support/summit.js';

const GUILD: GuildSpec = {
  channels: [
    { name: 'mod-desk', overwrites: [{ on: 'channelModerator', allow: P.ManageMessages }] },
    { name: 'general' },
    {
      name: 'staff',
      overwrites: [
        { on: 'everyone', deny: P.ViewChannel },
        { on: 'bot', allow: P.ViewChannel },
      ],
    },
    { name: 'read-only', overwrites: [{ on: 'everyone', deny: P.SendMessages }] },
    { name: 'bot-muted', overwrites: [{ on: 'botUser', deny: P.SendMessages }] },
  ],
};

interface Transport {
  fake: FakeDiscord;
  stop(): Promise<void>;
}

async function gateway(): Promise<Transport> {
  const bot = await startTestBot({ guilds: [GUILD] });
  return { fake: bot.fake, stop: () => bot.stop() };
}

async function http(): Promise<Transport> {
  const fake = await FakeDiscord.start({ token: TOKEN, log: () => {}, guilds: [GUILD] });
  await deployCommands(fake, { DISCORD_GUILD_ID: fake.guild.id });
  const signer = newSigner();
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const { app, url } = await startEndpoint(fake, signer, {
    engine: engine(),
    log: createLogger({ level: 'silent', secrets: [TOKEN], destination: quiet }),
  });
  const relay = await HttpRelay.start(fake, [url], signer);
  return {
    fake,
    async stop() {
      relay.close();
      await app.close();
      await fake.close();
    },
  };
}

/** What the moderator was told in the end: at once, or in the edit of a private acknowledgement. */
async function told(interaction: InteractionHandle): Promise<{ text: string; ephemeral: boolean }> {
  const callback = await interaction.response();
  const message =
    callback.type === InteractionResponseType.DeferredChannelMessageWithSource
      ? await interaction.waitForEdit()
      : messageOf(callback);
  return { text: textOf(message), ephemeral: isEphemeral(message) };
}

describe.each([
  ['gateway', gateway],
  ['HTTP endpoint', http],
])('/summary into another channel, over the %s', (_name, start) => {
  let t: Transport;
  let fake: FakeDiscord;
  beforeAll(async () => {
    t = await start();
    fake = t.fake;
  }, 30_000);
  afterAll(async () => {
    await t?.stop();
  });

  /** The channel moderator runs /summary in #mod-desk, the one channel they moderate. */
  const summary = (options: Record<string, string>) =>
    fake.slash('summary', options, {
      user: fake.users.channelModerator,
      channelId: fake.channel('mod-desk').id,
    });
  /** "Which meeting?" for Paris, carrying `channelId`: the pick's custom_id, and its click by the moderator. */
  const promptFor = async (channelId: string) => {
    const prompt = await summary({ meeting: 'Paris', channel: channelId });
    const pick = buttons(messageOf(await prompt.response())).find((b) =>
      b.label.startsWith('Paris, November'),
    );
    const click = () =>
      fake.button(prompt.original() as StoredMessage, pick?.id ?? '', { user: fake.users.channelModerator });
    return { pick: pick?.id, click };
  };
  const posts = (channel: string) =>
    fake.requests.filter(
      (r) => r.method === 'POST' && r.path === `/channels/${fake.channel(channel).id}/messages`,
    ).length;

  it('refuses a channel-scoped moderator a channel they cannot see, naming what they lack', async () => {
    const staff = fake.channel('staff').id;
    const answer = await told(await summary({ meeting: 'sochi-2019', channel: staff }));
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain(`You can't send messages in <#${staff}>`);
    expect(answer.text).toContain('you need **View Channel** there');
    expect(posts('staff')).toBe(0);
  });

  it('refuses them a channel they can read but not write in', async () => {
    const readOnly = fake.channel('read-only').id;
    const answer = await told(await summary({ meeting: 'sochi-2019', channel: readOnly }));
    expect(answer.text).toContain(
      `You can't send messages in <#${readOnly}>: you need **Send Messages** there`,
    );
    expect(posts('read-only')).toBe(0);
  });

  it('posts where they can write, and in the channel they moderate', async () => {
    const general = fake.channel('general').id;
    const there = await summary({ meeting: 'sochi-2019', channel: general });
    expect((await fake.nextChannelMessage(general)).embeds[0]?.title).toBe(
      'Summary: Sochi, 12 September 2019',
    );
    expect((await told(there)).text).toContain(
      `Posted **Summary: Sochi, 12 September 2019** in <#${general}>`,
    );
    const here = await summary({ meeting: 'sochi-2019' });
    await fake.nextChannelMessage(fake.channel('mod-desk').id);
    expect((await told(here)).text).toContain('Posted **Summary');
  });

  it('refuses the post where the bot cannot write, saying it is the bot that lacks the right', async () => {
    const muted = fake.channel('bot-muted').id;
    const answer = await told(await summary({ meeting: 'sochi-2019', channel: muted }));
    expect(answer.text).toContain(`To post in <#${muted}> I need **Send Messages** there`);
    expect(posts('bot-muted')).toBe(0);
  });

  it('checks a "which meeting?" pick again at click time, in the channel it carries', async () => {
    const staff = fake.channel('staff').id;
    const { pick, click } = await promptFor(staff);
    expect(pick).toContain(`channel:${staff}`);
    expect((await told(await click())).text).toContain(`You can't send messages in <#${staff}>`);
    expect(posts('staff')).toBe(0);
  });

  it('refuses a pick once the moderator has lost the right to write in its channel', async () => {
    const general = fake.channel('general').id;
    const { click } = await promptFor(general);
    fake.setOverwrite(general, fake.users.channelModerator.id, { deny: P.SendMessages });
    try {
      expect((await told(await click())).text).toContain(`You can't send messages in <#${general}>`);
    } finally {
      fake.setOverwrite(general, fake.users.channelModerator.id, {});
    }
  });

  it('answers anyone privately where they may only read: commands, Ask Summit and public buttons', async () => {
    const readOnly = fake.channel('read-only').id;
    const reader = { user: fake.users.member, channelId: readOnly };
    const asked = messageOf(await (await fake.slash('when', { query: 'Sochi' }, reader)).response());
    expect(isEphemeral(asked)).toBe(true);
    expect(textOf(asked)).toContain('2019');
    const elsewhere = await fake.slash('when', { query: 'Sochi' }, { user: fake.users.member });
    expect(isEphemeral(messageOf(await elsewhere.response()))).toBe(false);

    const question = await fake.message('When did they meet in Sochi?', {
      user: fake.users.owner,
      channelId: readOnly,
    });
    const menu = await fake.messageContextMenu('Ask Summit', question.message, reader);
    expect(isEphemeral(messageOf(await menu.response()))).toBe(true);

    // The owner may write here: their answer is public, and a reader clicking its buttons is answered privately.
    const owners = await fake.slash(
      'when',
      { query: 'Sochi' },
      { user: fake.users.owner, channelId: readOnly },
    );
    const ownersAnswer = messageOf(await owners.response());
    expect(isEphemeral(ownersAnswer)).toBe(false);
    const button = buttons(ownersAnswer).find((b) => b.id.startsWith('run:'));
    expect(button).toBeDefined();
    const click = await fake.button(owners.original() as StoredMessage, button?.id ?? '', reader);
    expect(isEphemeral(messageOf(await click.response()))).toBe(true);
  });

  it(
    'posts only where both the moderator and the bot may, whatever the overwrites (property)',
    async () => {
      const targets = ['mod-desk', 'general', 'staff', 'read-only'];
      const bits = fc
        .subarray([P.ViewChannel, P.SendMessages, P.EmbedLinks])
        .map((b) => b.reduce((a, x) => a | x, 0n));
      const overwrite = fc.record({ allow: bits, deny: bits });
      const on = ['everyone', 'botRole', 'botUser', 'member'] as const;
      const perChannel = fc.record(
        Object.fromEntries(on.map((o) => [o, overwrite])) as Record<(typeof on)[number], typeof overwrite>,
      );
      const world = fc.record(
        Object.fromEntries(targets.map((t) => [t, perChannel])) as Record<string, typeof perChannel>,
      );
      const saved = targets.map((t) => structuredClone(fake.channel(t).permission_overwrites));
      await fc.assert(
        fc.asyncProperty(world, fc.constantFrom(...targets), async (overwrites, target) => {
          const ids = {
            everyone: fake.guild.everyoneRoleId,
            botRole: fake.guild.botRoleId,
            botUser: fake.botUser.id,
            member: fake.users.channelModerator.id,
          };
          for (const [channel, byWho] of Object.entries(overwrites)) {
            for (const who of on) {
              const { allow, deny } = byWho[who];
              // The moderator keeps Manage Messages where they moderate, so that the command runs at all.
              const keep = channel === 'mod-desk' && who === 'member' ? P.ManageMessages : 0n;
              fake.setOverwrite(fake.channel(channel).id, ids[who], {
                allow: allow | keep,
                deny: deny & ~allow,
              });
            }
          }
          const channel = fake.channel(target);
          const guild = fake.guild;
          const member = channelPermissions(guild, channel, memberOf(guild, fake.users.channelModerator));
          const bot = fake.botPermissions(channel.id);
          const all = (held: bigint, needed: bigint) => (held & needed) === needed;
          const memberMay = all(member, P.ViewChannel | P.SendMessages);
          const botMay = all(bot, P.ViewChannel | P.SendMessages | P.EmbedLinks);
          const before = posts(target);
          const answer = await told(await summary({ meeting: 'sochi-2019', channel: channel.id }));
          expect(posts(target) - before).toBe(memberMay && botMay ? 1 : 0);
          if (memberMay && botMay) expect(answer.text).toContain('Posted **Summary');
          else if (!memberMay) expect(answer.text).toContain("You can't send messages");
          else expect(answer.text).toContain("I can't post there");
        }),
        { numRuns: runs(25) },
      );
      targets.forEach((name, i) => {
        const channel = fake.channel(name);
        channel.permission_overwrites = saved[i] ?? [];
        fake.dispatch('CHANNEL_UPDATE', { ...channel, guild_id: fake.guild.id }, GatewayIntentBits.Guilds);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );
});
