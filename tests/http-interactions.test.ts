/**
 * The HTTP interactions endpoint as Discord uses it. Requests are signed with a key pair made
 * here; interactions come from the fake Discord's users, delivered to two replicas in turn by a
 * relay that plays Discord's part (tests/support/http-relay.ts), so that the fake checks every
 * response, edit and follow-up against Discord's rules, and a click lands on another replica than
 * the message it was on.
 */
import { Writable } from 'node:stream';
import { InteractionResponseType, InteractionType, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotDeps } from '../src/discord/answer.js';
import type { HttpApp } from '../src/http/app.js';
import { createDiscordRest } from '../src/http/discord-rest.js';
import { createLogger } from '../src/ops/log.js';
import { deployCommands, TOKEN } from './support/bot.js';
import { choiceProblems, messageProblems } from './support/discord-limits.js';
import {
  FakeDiscord,
  type InteractionCallback,
  type InteractionHandle,
  type StoredMessage,
  snowflake,
} from './support/fake-discord/index.js';
import { HttpRelay, startEndpoint } from './support/http-relay.js';
import { newSigner, postSigned } from './support/http-signing.js';
import { buttons, embedOf, isEphemeral, type MessageData, messageOf, textOf } from './support/messages.js';
import { readPng } from './support/png.js';
import { engine } from './support/summit.js';

const signer = newSigner();
const logs: string[] = [];
const servers: HttpApp[] = [];
let fake: FakeDiscord;
let relay: HttpRelay;
let endpoints: string[];
let random = () => 0.5;

/** A replica of the endpoint on 127.0.0.1, logging (debug and up) into `logs`. */
async function startReplica(name: string, deps: Partial<BotDeps> = {}): Promise<string> {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const log = createLogger({ level: 'debug', secrets: [TOKEN], destination }).child({ replica: name });
  const { app, url } = await startEndpoint(fake, signer, {
    engine: engine(),
    log,
    random: () => random(),
    ...deps,
  });
  servers.push(app);
  return url;
}

beforeAll(async () => {
  fake = await FakeDiscord.start({ token: TOKEN, log: () => {} });
  await deployCommands(fake, { DISCORD_GUILD_ID: fake.guild.id });
  endpoints = [await startReplica('a'), await startReplica('b')];
  relay = await HttpRelay.start(fake, endpoints, signer);
}, 30_000);

afterAll(async () => {
  relay?.close();
  await Promise.all(servers.map((server) => server.close()));
  await fake?.close();
});

const entries = () => logs.map((line) => JSON.parse(line) as Record<string, unknown>);

/** The response the endpoint gave, as the fake accepted it, checked against Discord's message limits. */
async function responseTo(interaction: InteractionHandle): Promise<InteractionCallback> {
  const callback = await interaction.response();
  if (
    callback.type === InteractionResponseType.ChannelMessageWithSource ||
    callback.type === InteractionResponseType.UpdateMessage
  ) {
    const edit = callback.type === InteractionResponseType.UpdateMessage;
    expect(messageProblems(callback.data, { edit })).toEqual([]);
  }
  return callback;
}

async function slash(name: string, options: Record<string, string | number | boolean> = {}, ctx = {}) {
  const interaction = await fake.slash(name, options, ctx);
  const callback = await responseTo(interaction);
  return { interaction, callback, message: messageOf(callback) };
}

const endpointOf = (interaction: InteractionHandle) =>
  relay.deliveries.find((d) => d.payload.id === interaction.id)?.endpoint;

/** A guild interaction as Discord sends it, for requests that do not come from the fake's users. */
function payload(type: InteractionType, data: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const channel = fake.channel('general');
  return {
    id: snowflake(),
    application_id: fake.applicationId,
    type,
    token: `token-${snowflake()}`,
    version: 1,
    guild_id: fake.guild.id,
    channel: { id: channel.id, type: channel.type },
    channel_id: channel.id,
    member: { user: fake.users.member, permissions: '0', roles: [] },
    app_permissions: '0',
    locale: 'en-US',
    data,
    ...extra,
  };
}

const ping = () =>
  JSON.stringify({ id: snowflake(), application_id: fake.applicationId, type: 1, token: 'ping', version: 1 });

describe('requests signed by Discord', () => {
  it('answers PING with PONG, as Discord checks when the endpoint URL is saved', async () => {
    const answer = await postSigned(endpoints[0] ?? '', signer, ping());
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.body).toEqual({ type: InteractionResponseType.Pong });
  });

  it('refuses a tampered body, another key’s signature and missing headers with 401, answering nothing', async () => {
    const url = endpoints[0] ?? '';
    const signed = signer.headers(ping());
    const tampered = await postSigned(url, signer, ping().replace('"type":1', '"type":1 '), signed);
    const otherKey = await postSigned(url, signer, ping(), newSigner().headers(ping()));
    const { 'x-signature-ed25519': _signature, ...unsigned } = signed;
    const { 'x-signature-timestamp': _timestamp, ...undated } = signed;
    const missing = [
      await postSigned(url, signer, ping(), unsigned),
      await postSigned(url, signer, ping(), undated),
    ];
    const garbled = await postSigned(url, signer, ping(), { ...signed, 'x-signature-ed25519': 'zz' });
    for (const refused of [tampered, otherKey, ...missing, garbled]) {
      expect(refused.status).toBe(401);
      expect(refused.body).not.toHaveProperty('type');
    }
    const reasons = entries()
      .filter((e) => e.msg === 'request refused')
      .map((e) => e.reason);
    expect(reasons).toEqual(
      expect.arrayContaining(['bad signature', 'missing signature', 'malformed signature']),
    );
  });

  it('refuses a correctly signed request whose timestamp is stale or in the future (a replay)', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now - 6 * 60, now + 6 * 60]) {
      const body = ping();
      const answer = await postSigned(endpoints[0] ?? '', signer, body, signer.headers(body, timestamp));
      expect(answer.status).toBe(401);
    }
    const body = ping();
    const recent = await postSigned(endpoints[0] ?? '', signer, body, signer.headers(body, now - 60));
    expect(recent.status).toBe(200);
  });

  it('refuses an oversize body with 413, whether its length is declared or it streams in chunks', async () => {
    const huge = JSON.stringify({ type: 1, padding: 'x'.repeat(1024 * 1024) });
    const declared = await postSigned(endpoints[0] ?? '', signer, huge);
    expect(declared.status).toBe(413);

    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 16; i += 1) controller.enqueue(chunk);
        controller.close();
      },
    });
    const chunked = await fetch(endpoints[0] ?? '', {
      method: 'POST',
      headers: signer.headers(''),
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('answers a replayed request once: the same interaction, validly signed again within five minutes', async () => {
    const summary = await fake.slash('summary', { meeting: 'sochi-2019' });
    const general = fake.channel('general').id;
    await fake.nextChannelMessage(general);
    await summary.waitForEdit();
    const posts = () =>
      fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${general}/messages`);
    const before = posts().length;
    const delivery = relay.deliveries.find((d) => d.payload.id === summary.id);
    const body = JSON.stringify(delivery?.payload);
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now, now - 60]) {
      const replay = await postSigned(
        delivery?.endpoint ?? '',
        signer,
        body,
        signer.headers(body, timestamp),
      );
      expect(replay.status).toBe(409);
      expect(replay.body).not.toHaveProperty('type');
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(posts().length).toBe(before);
    expect(entries().filter((e) => e.reason === 'interaction already answered')).toHaveLength(2);
  });

  it('rejects a signed body that is not an interaction with 400', async () => {
    for (const body of ['{"type":', '[1,2]', '{"type":"1"}', '{"type":2,"id":"1"}']) {
      expect((await postSigned(endpoints[0] ?? '', signer, body)).status).toBe(400);
    }
  });

  it('answers POST /interactions only: 404 for other paths, 405 with Allow for other methods', async () => {
    const base = new URL(endpoints[0] ?? '');
    const elsewhere = await postSigned(new URL('/api/interactions', base).href, signer, ping());
    expect(elsewhere.status).toBe(404);
    const got = await fetch(base);
    expect(got.status).toBe(405);
    expect(got.headers.get('allow')).toBe('POST');
    const withQuery = await postSigned(new URL('/interactions?from=discord', base).href, signer, ping());
    expect(withQuery.status).toBe(200);
  });
});

describe('slash commands, autocomplete and the Ask Summit menu', () => {
  it('answers /when Sochi from the fact base, publicly, within Discord’s limits, pinging no one', async () => {
    const { callback, message } = await slash('when', { query: 'Sochi' });
    expect(callback.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(message)).toBe(false);
    expect(textOf(message)).toContain('12 September 2019');
    expect((callback.data as { allowed_mentions?: unknown }).allowed_mentions).toEqual({
      parse: [],
      replied_user: false,
    });
  });

  it('answers privately when asked to hide the answer', async () => {
    const { message } = await slash('when', { query: 'Sochi', hide: true });
    expect(isEphemeral(message)).toBe(true);
    expect(textOf(message)).toContain('2019');
  });

  it('suggests meetings as the user types, best match first, within Discord’s limits', async () => {
    const interaction = await fake.autocomplete('meeting', { query: 'sochy' }, 'query');
    const callback = await interaction.response();
    expect(callback.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    const choices = (callback.data?.choices ?? []) as { name: string; value: string }[];
    expect(choiceProblems(choices)).toEqual([]);
    expect(choices[0]).toEqual({ name: expect.stringMatching(/^Sochi · 12 Sep 2019/), value: 'sochi-2019' });
  });

  it('answers the question in a message the Ask Summit menu is used on, showing the question', async () => {
    const asked = await fake.message('when did they meet in Sochi?', { user: fake.users.member });
    const menu = await fake.messageContextMenu('Ask Summit', asked.message);
    const message = messageOf(await responseTo(menu));
    expect(embedOf(message).author?.name).toBe('❓ when did they meet in Sochi?');
    expect(textOf(message)).toContain('2019');
    expect(isEphemeral(message)).toBe(false);
  });

  it('explains privately when the message has no question in it', async () => {
    const empty = await fake.message(`<@${fake.botUser.id}>`, { user: fake.users.member });
    const menu = await fake.messageContextMenu('Ask Summit', empty.message);
    const message = messageOf(await responseTo(menu));
    expect(isEphemeral(message)).toBe(true);
    expect(embedOf(message).title).toBe('Nothing to ask');
  });
});

describe('buttons and menus, answered by whichever replica gets the click', () => {
  it('lets the asker turn the pages of a long list in place', async () => {
    const { interaction, message } = await slash('meetings');
    expect(buttons(message).map((b) => b.label)).toContain('Next ▶');
    const original = interaction.original() as StoredMessage;
    const next = await fake.button(original, 'page.2:/meetings', { user: interaction.payload.member?.user });
    const turned = await responseTo(next);
    expect(endpointOf(next)).not.toBe(endpointOf(interaction));
    expect(turned.type).toBe(InteractionResponseType.UpdateMessage);
    expect(embedOf(messageOf(turned)).footer?.text).toBe('Summit · page 2 of 2');
    expect(fake.storedMessage(original.id)?.embeds[0]?.footer?.text).toBe('Summit · page 2 of 2');
  });

  it('shows someone else the page privately instead of turning the asker’s list', async () => {
    const { interaction } = await slash('meetings');
    const original = interaction.original() as StoredMessage;
    const click = await fake.button(original, 'page.2:/meetings', { user: fake.users.member });
    const response = await responseTo(click);
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(isEphemeral(messageOf(response))).toBe(true);
    expect(embedOf(messageOf(response)).footer?.text).toBe('Summit · page 2 of 2');
    expect(fake.storedMessage(original.id)?.embeds[0]?.footer?.text).toBe('Summit · page 1 of 2');
  });

  it('offers more than five candidates in a menu, folds the prompt and answers the pick in public', async () => {
    const { interaction, message } = await slash('meeting', { query: 'Putin' });
    expect(isEphemeral(message)).toBe(true);
    const pick = await fake.select(interaction.original() as StoredMessage, 'pick', [
      '/meeting query:moscow-2016',
    ]);
    const folded = await responseTo(pick);
    expect(folded.type).toBe(InteractionResponseType.UpdateMessage);
    expect(messageOf(folded)).toMatchObject({ content: '↓ Moscow, 2016', embeds: [], components: [] });
    const answer = await pick.waitForFollowUp();
    expect(isEphemeral(answer)).toBe(false);
    expect(answer.embeds[0]?.title).toBe('Moscow, 2016');
  });

  it('answers a pick in place when the asker wanted the answer hidden', async () => {
    const { interaction, message } = await slash('meeting', { query: 'Paris', hide: true });
    const choice = buttons(message).find((b) => b.label.startsWith('Paris, 30 November 2015'));
    const click = await fake.button(interaction.original() as StoredMessage, choice?.id ?? '');
    const response = await responseTo(click);
    expect(response.type).toBe(InteractionResponseType.UpdateMessage);
    expect(embedOf(messageOf(response)).title).toBe('Paris, 30 November 2015');
  });

  it('tells whoever clicks a button it no longer understands, privately, that it has expired', async () => {
    const clicked = payload(
      InteractionType.MessageComponent,
      { custom_id: 'v0:an-old-format', component_type: 2 },
      {
        message: {
          id: snowflake(),
          channel_id: fake.channel('general').id,
          timestamp: new Date().toISOString(),
          flags: 0,
        },
      },
    );
    const answer = await postSigned(endpoints[1] ?? '', signer, JSON.stringify(clicked));
    expect(answer.body).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    expect(textOf((answer.body as { data: MessageData }).data)).toContain('That button has expired');
  });
});

describe('/summary for moderators', () => {
  it('refuses a member without Manage Messages, privately', async () => {
    const { message } = await slash('summary', { meeting: 'sochi-2019' }, { user: fake.users.member });
    expect(isEphemeral(message)).toBe(true);
    expect(embedOf(message).title).toBe('Moderators only');
    expect(textOf(message)).toContain('Manage Messages');
  });

  it('acknowledges privately at once, posts the summary to the channel through REST, and says where it went', async () => {
    const { interaction, callback } = await slash('summary', { meeting: 'sochi-2019' });
    expect(callback.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(isEphemeral(messageOf(callback))).toBe(true);
    const general = fake.channel('general').id;
    const posted = await fake.nextChannelMessage(general);
    expect(posted.embeds[0]?.title).toBe('Summary: Sochi, 12 September 2019');
    expect(messageProblems(posted)).toEqual([]);
    const told = await interaction.waitForEdit();
    expect(told.content).toBe(
      `Posted **Summary: Sochi, 12 September 2019** in <#${general}>: https://discord.com/channels/${fake.guild.id}/${general}/${posted.id}`,
    );
    expect(isEphemeral(told)).toBe(true);
  });

  it('says which permission it lacks where it cannot post, whether it can tell at once or Discord refuses the post', async () => {
    const announcements = fake.channel('announcements').id;
    // Discord sends the bot's permissions for this channel only: for another, they are read over REST.
    const direct = await slash('summary', { meeting: 'sochi-2019', channel: announcements });
    expect(direct.callback.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const refused = await direct.interaction.waitForEdit();
    expect(isEphemeral(refused)).toBe(true);
    expect(textOf(refused)).toContain(`To post in <#${announcements}> I need **Send Messages** there`);

    // A pick from "which meeting?" carries the channel but nobody's permissions there.
    const { interaction, message } = await slash('summary', { meeting: 'Paris', channel: announcements });
    const choice = buttons(message).find((b) => b.label.startsWith('Paris, November 2018'));
    expect(choice?.id).toContain(`channel:${announcements}`);
    const click = await fake.button(interaction.original() as StoredMessage, choice?.id ?? '');
    expect((await click.response()).type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const told = await click.waitForEdit();
    expect(textOf(told)).toContain(`To post in <#${announcements}> I need **Send Messages** there`);
  });
});

describe('failures', () => {
  it('turns a failing command into a private apology whose reference is logged once, with the interaction', async () => {
    random = () => {
      throw new Error('the dice fell off the table');
    };
    const { interaction, message } = await slash('quote');
    random = () => 0.5;
    expect(isEphemeral(message)).toBe(true);
    const reference = textOf(message).match(/reference \*\*(\w+)\*\*/)?.[1];
    expect(reference).toBeDefined();
    expect(textOf(message)).not.toContain('dice');
    const logged = entries().filter((e) => e.reference === reference);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 50, interaction: interaction.id, command: 'quote' });
    expect(textOf((await slash('when', { query: 'Sochi' })).message)).toContain('2019');
  });

  it('answers even when a handler throws on what Discord sent: an apology, or no suggestions while typing', async () => {
    const menu = payload(InteractionType.ApplicationCommand, {
      id: snowflake(),
      name: 'Ask Summit',
      type: 3,
      target_id: snowflake(),
      resolved: { messages: {} },
    });
    const apology = await postSigned(endpoints[0] ?? '', signer, JSON.stringify(menu));
    expect(apology.status).toBe(200);
    expect(apology.body).toMatchObject({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    const reference = textOf((apology.body as { data: MessageData }).data).match(
      /reference \*\*(\w+)\*\*/,
    )?.[1];
    const failed = entries().filter((e) => e.reference === reference);
    expect(failed).toMatchObject([{ msg: 'interaction failed', interaction: menu.id, type: 'context-menu' }]);

    const typing = payload(InteractionType.ApplicationCommandAutocomplete, {
      id: snowflake(),
      name: 'meeting',
      type: 1,
      options: 'not a list',
    });
    const none = await postSigned(endpoints[0] ?? '', signer, JSON.stringify(typing));
    expect(none.body).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [] },
    });
  });

  it('logs one line per interaction, without any token, public key or text a member typed', async () => {
    const lines = entries().filter((e) => e.msg === 'interaction');
    const answered = relay.deliveries.filter((d) => d.status === 200);
    expect(answered.length).toBeGreaterThan(10);
    for (const delivery of answered) {
      expect(lines.filter((l) => l.interaction === delivery.payload.id)).toHaveLength(1);
    }
    expect(lines.find((l) => l.command === 'summary' && l.outcome === 'posted')).toMatchObject({
      type: 'command',
      user: fake.users.moderator.id,
      guild: fake.guild.id,
    });
    const tokens = [TOKEN, ...relay.deliveries.map((d) => d.payload.token)];
    expect(logs.filter((line) => tokens.some((token) => line.includes(token)))).toEqual([]);
    // Ids say who did what; what members typed (questions, options) stays out, as does the key.
    expect(logs.filter((line) => /sochi|sochy|paris/i.test(line))).toEqual([]);
    expect(logs.filter((line) => line.includes(signer.publicKeyHex))).toEqual([]);
  });
});

/** The first picture loads the renderer, which can take seconds on a busy machine. */
const DRAWING_MS = 20_000;

describe('/timeline over HTTP', () => {
  it('defers, then attaches the picture to the original response with a multipart edit', async () => {
    const { interaction, callback } = await slash('timeline', { place: 'paris' });
    expect(callback.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const edited = await interaction.waitForEdit(undefined, DRAWING_MS);
    expect(messageProblems(edited)).toEqual([]);
    const [attachment] = edited.attachments;
    expect(attachment).toMatchObject({ filename: 'timeline.png' });
    expect(attachment?.description).toMatch(/Paris 30 Nov 2015.*Paris Nov 2018/);
    expect(edited.embeds[0]?.image?.url).toBe(attachment?.url);
    expect(edited.embeds[0]?.title).toBe('Netanyahu–Putin meetings in Paris, 2015–2018');
    expect(isEphemeral(edited)).toBe(false);

    const patch = fake.requests.find(
      (r) =>
        r.method === 'PATCH' && r.path.endsWith('/messages/@original') && r.path.includes(interaction.token),
    );
    expect(patch?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(patch?.files?.map((f) => f.field)).toEqual(['files[0]']);
    const png = readPng(patch?.files?.[0]?.bytes ?? new Uint8Array());
    expect(png).toMatchObject({ signature: true, width: 1000 });
    expect(png.inked).toBeGreaterThan(0.02);
  });

  it('answers a pick from a private "did you mean" in public, the picture in the follow-up', async () => {
    const { interaction, message } = await slash('timeline', { topic: 'war' });
    const choice = buttons(message).find((b) => b.id === 'run:/timeline topic:syria');
    const click = await fake.button(interaction.original() as StoredMessage, choice?.id ?? '');
    expect((await responseTo(click)).type).toBe(InteractionResponseType.UpdateMessage);
    const answer = await click.waitForFollowUp(DRAWING_MS);
    expect(isEphemeral(answer)).toBe(false);
    expect(answer.attachments.map((a) => a.filename)).toEqual(['timeline.png']);
    expect(answer.embeds[0]?.image?.url).toBe(answer.attachments[0]?.url);
  });

  it('keeps a hidden timeline private through the deferral and the edit', async () => {
    const { interaction, callback } = await slash('timeline', { topic: 'iran', hide: true });
    expect(callback.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(isEphemeral(messageOf(callback))).toBe(true);
    const edited = await interaction.waitForEdit(undefined, DRAWING_MS);
    expect(isEphemeral(edited)).toBe(true);
    expect(edited.attachments).toHaveLength(1);
  });
});

describe('uploads the fake refuses as Discord would', () => {
  it('an embed that shows attachment:// without the file being uploaded', async () => {
    const interaction = await fake.slash('help', {}, {});
    await responseTo(interaction);
    const rest = createDiscordRest({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl });
    const embeds = [{ title: 'x', image: { url: 'attachment://timeline.png' } }];
    await expect(rest.editOriginal(interaction.payload, { embeds })).rejects.toThrow(/Invalid Form Body/);
    await expect(
      rest.editOriginal(
        interaction.payload,
        { embeds, attachments: [{ id: '0', filename: 'timeline.png', description: 'x'.repeat(1025) }] },
        [{ name: 'timeline.png', data: Buffer.from('not really a png') }],
      ),
    ).rejects.toThrow(/Invalid Form Body/);
  });
});
