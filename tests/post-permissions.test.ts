/**
 * The one decision both transports make before a moderator's post: the moderator must be able to
 * see the channel and write in it (in a thread, write in threads), and the bot must be able to
 * post an embed there, from the bits Discord computed; what cannot be known refuses.
 */
import { OverwriteType, PermissionFlagsBits as P, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { refusedPost } from '../src/discord/notices.js';
import { channelPermissions, mayPost, postRefusal } from '../src/discord/permissions.js';

const READER = P.ViewChannel | P.ReadMessageHistory;
const WRITER = READER | P.SendMessages;
const BOT = WRITER | P.EmbedLinks;

describe('postRefusal', () => {
  it('lets a post through only where the moderator can write and the bot can post an embed', () => {
    expect(postRefusal({ member: WRITER, bot: BOT, inThread: false })).toBeUndefined();
    expect(postRefusal({ member: String(WRITER), bot: String(BOT), inThread: false })).toBeUndefined();
  });

  it('names what the moderator lacks first: a channel they cannot see, or one they can only read', () => {
    expect(postRefusal({ member: 0n, bot: BOT, inThread: false })).toEqual({
      who: 'member',
      missing: ['View Channel', 'Send Messages'],
    });
    expect(postRefusal({ member: READER, bot: 0n, inThread: false })).toEqual({
      who: 'member',
      missing: ['Send Messages'],
    });
  });

  it('asks for Send Messages in Threads in a thread, for both of them', () => {
    expect(postRefusal({ member: WRITER, bot: BOT, inThread: true })).toEqual({
      who: 'member',
      missing: ['Send Messages in Threads'],
    });
    const threads = P.SendMessagesInThreads;
    expect(postRefusal({ member: READER | threads, bot: BOT, inThread: true })).toEqual({
      who: 'bot',
      missing: ['Send Messages in Threads'],
    });
  });

  it('names what the bot lacks when the moderator may post', () => {
    expect(postRefusal({ member: WRITER, bot: WRITER, inThread: false })).toEqual({
      who: 'bot',
      missing: ['Embed Links'],
    });
  });

  it('refuses when either side’s rights are unknown, unless a known lack says more', () => {
    expect(postRefusal({ member: undefined, bot: BOT, inThread: false })).toEqual({
      who: 'member',
      unknown: true,
    });
    expect(postRefusal({ member: WRITER, bot: undefined, inThread: false })).toEqual({
      who: 'bot',
      unknown: true,
    });
    expect(postRefusal({ member: undefined, bot: 0n, inThread: false })).toMatchObject({ who: 'bot' });
  });

  it('treats Administrator as every permission, as Discord does', () => {
    expect(postRefusal({ member: P.Administrator, bot: P.Administrator, inThread: true })).toBeUndefined();
  });
});

describe('the refusal', () => {
  it('says whose rights are missing and which', () => {
    const mine = refusedPost('123', { who: 'member', missing: ['Send Messages'] });
    expect(mine.title).toBe("You can't post there");
    expect(mine.text).toContain("You can't send messages in <#123>: you need **Send Messages** there");
    const bots = refusedPost('123', { who: 'bot', missing: ['View Channel', 'Send Messages'] });
    expect(bots.title).toBe("I can't post there");
    expect(bots.text).toContain('I need **View Channel** and **Send Messages** there');
    expect(refusedPost('123', { who: 'member', unknown: true }).text).toContain(
      "I can't tell whether you may post in <#123>",
    );
  });
});

describe('mayPost', () => {
  it('is true where the member could write, and in a DM (no guild permissions)', () => {
    expect(mayPost(WRITER, false)).toBe(true);
    expect(mayPost(READER, false)).toBe(false);
    expect(mayPost(WRITER, true)).toBe(false);
    expect(mayPost(undefined, false)).toBe(true);
  });
});

describe('channelPermissions (a channel read over REST)', () => {
  const guildId = '100000000000000000';
  const mod = '200000000000000000';
  const base = {
    guildId,
    ownerId: '900000000000000000',
    roles: [
      { id: guildId, permissions: String(WRITER) },
      { id: mod, permissions: String(P.ManageMessages) },
    ],
    userId: '300000000000000000',
  };
  const deny = (id: string, type: OverwriteType, bits: bigint) => ({
    id,
    type,
    allow: '0',
    deny: String(bits),
  });
  const allow = (id: string, type: OverwriteType, bits: bigint) => ({
    id,
    type,
    allow: String(bits),
    deny: '0',
  });

  it('applies @everyone, then the member’s roles together, then the member’s own overwrite', () => {
    const readOnly = [deny(guildId, OverwriteType.Role, P.SendMessages)];
    const has = (bits: bigint, flag: bigint) => new PermissionsBitField(bits).has(flag);
    expect(has(channelPermissions({ ...base, userRoles: [], overwrites: readOnly }), P.SendMessages)).toBe(
      false,
    );
    const modsMayWrite = [...readOnly, allow(mod, OverwriteType.Role, P.SendMessages)];
    expect(
      has(channelPermissions({ ...base, userRoles: [mod], overwrites: modsMayWrite }), P.SendMessages),
    ).toBe(true);
    const butNotThem = [...modsMayWrite, deny(base.userId, OverwriteType.Member, P.SendMessages)];
    expect(
      has(channelPermissions({ ...base, userRoles: [mod], overwrites: butNotThem }), P.SendMessages),
    ).toBe(false);
  });

  it('gives the owner and administrators everything, whatever the overwrites', () => {
    const hidden = [deny(guildId, OverwriteType.Role, P.ViewChannel)];
    expect(channelPermissions({ ...base, userId: base.ownerId, userRoles: [], overwrites: hidden })).toBe(
      PermissionsBitField.All,
    );
    const admin = {
      ...base,
      roles: [...base.roles, { id: '400000000000000000', permissions: String(P.Administrator) }],
    };
    expect(channelPermissions({ ...admin, userRoles: ['400000000000000000'], overwrites: hidden })).toBe(
      PermissionsBitField.All,
    );
  });
});
