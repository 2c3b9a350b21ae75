/**
 * The guild model and permissions: the default guild, its roles, channels and members, and Discord's
 * permission algorithm over them.
 */
import {
  type APIGuildMember,
  type APIOverwrite,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type ChannelFlags,
  ChannelType,
  type GuildMemberFlags,
  OverwriteType,
  PermissionFlagsBits,
  type RoleFlags,
} from 'discord.js';
import { discordTimestamp, snowflake } from './ids.js';
import type { ChannelSpec, FakeGuild, GuildSpec, OverwriteSpec } from './types.js';

/** The users the fake plays besides the bot. */
export interface FakeUsers {
  member: APIUser;
  moderator: APIUser;
  owner: APIUser;
  /** A member with no role of note, who gets Manage Messages where a channel's overwrite grants it. */
  channelModerator: APIUser;
}

export const P = PermissionFlagsBits;
const ALL_PERMISSIONS = Object.values(P).reduce((all, bit) => all | bit, 0n);
const EVERYONE_PERMISSIONS =
  P.ViewChannel |
  P.SendMessages |
  P.ReadMessageHistory |
  P.AddReactions |
  P.EmbedLinks |
  P.AttachFiles |
  P.UseApplicationCommands |
  P.UseExternalEmojis |
  P.CreateInstantInvite |
  P.ChangeNickname |
  P.SendMessagesInThreads;
const BOT_ROLE_PERMISSIONS =
  P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory | P.AddReactions | P.UseExternalEmojis;
const MODERATOR_PERMISSIONS = P.ManageMessages | P.KickMembers | P.ModerateMembers | P.MentionEveryone;

export const DEFAULT_GUILD: GuildSpec = {
  name: 'Summit Test Guild',
  channels: [{ name: 'general' }, { name: 'announcements', botCanSend: false }],
};

export function buildGuild(spec: GuildSpec, bot: APIUser, users: FakeUsers, id = snowflake()): FakeGuild {
  const botRoleId = snowflake();
  const moderatorRoleId = snowflake();
  const roles = [
    role(id, '@everyone', 0, EVERYONE_PERMISSIONS),
    { ...role(botRoleId, bot.username, 1, BOT_ROLE_PERMISSIONS), managed: true, tags: { bot_id: bot.id } },
    { ...role(moderatorRoleId, 'Moderator', 2, MODERATOR_PERMISSIONS), hoist: true },
  ];
  const members = new Map<string, APIGuildMember>([
    [bot.id, member(bot, [botRoleId])],
    [users.member.id, member(users.member, [])],
    [users.moderator.id, member(users.moderator, [moderatorRoleId])],
    [users.owner.id, member(users.owner, [])],
    [users.channelModerator.id, member(users.channelModerator, [])],
  ]);
  const targets: OverwriteTargets = {
    everyone: id,
    bot: botRoleId,
    moderator: moderatorRoleId,
    botUser: bot.id,
    channelModerator: users.channelModerator.id,
  };
  const channels = (spec.channels ?? DEFAULT_GUILD.channels ?? []).map((channel, position) =>
    textChannel(channel, position, targets),
  );
  return {
    id,
    name: spec.name ?? 'Summit Test Guild',
    ownerId: users.owner.id,
    roles,
    everyoneRoleId: id,
    botRoleId,
    moderatorRoleId,
    channels,
    members,
  };
}

function role(id: string, name: string, position: number, permissions: bigint): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: String(permissions),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

/** The ids an `OverwriteSpec` names: roles (@everyone, the bot's, Moderator) and users. */
type OverwriteTargets = Record<OverwriteSpec['on'], string>;

const USER_TARGETS: ReadonlySet<OverwriteSpec['on']> = new Set(['botUser', 'channelModerator']);

function textChannel(spec: ChannelSpec, position: number, targets: OverwriteTargets): APITextChannel {
  const overwrite = (on: OverwriteSpec['on'], allow: bigint, deny: bigint): APIOverwrite => ({
    id: targets[on],
    type: USER_TARGETS.has(on) ? OverwriteType.Member : OverwriteType.Role,
    allow: String(allow),
    deny: String(deny),
  });
  const overwrites: APIOverwrite[] = [];
  if (spec.botCanSend === false) {
    overwrites.push(overwrite('everyone', 0n, P.SendMessages), overwrite('moderator', P.SendMessages, 0n));
  }
  if (spec.botCanView === false) overwrites.push(overwrite('bot', 0n, P.ViewChannel));
  for (const o of spec.overwrites ?? []) overwrites.push(overwrite(o.on, o.allow ?? 0n, o.deny ?? 0n));
  return {
    id: snowflake(),
    type: ChannelType.GuildText,
    name: spec.name,
    position,
    permission_overwrites: overwrites,
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0 as ChannelFlags,
  };
}

export function user(id: string, username: string, extra: Partial<APIUser> = {}): APIUser {
  return {
    id,
    username,
    discriminator: '0',
    global_name: extra.bot ? null : username.replace(/_/g, ' '),
    avatar: null,
    public_flags: 0,
    flags: 0,
    ...extra,
  } as APIUser;
}

function member(who: APIUser, roles: string[]): APIGuildMember {
  return {
    user: who,
    nick: null,
    avatar: null,
    banner: null,
    roles,
    joined_at: discordTimestamp(Date.now() - 86_400_000),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

export function withoutUser(guildMember: APIGuildMember): Omit<APIGuildMember, 'user'> {
  const { user: _user, ...rest } = guildMember;
  return rest;
}

/** Discord's permission algorithm: base (roles, owner, admin), then @everyone, role and member overwrites. */
export function channelPermissions(guild: FakeGuild, channel: APITextChannel, who: APIGuildMember): bigint {
  if (who.user.id === guild.ownerId) return ALL_PERMISSIONS;
  let permissions = 0n;
  for (const r of guild.roles) {
    if (r.id === guild.everyoneRoleId || who.roles.includes(r.id)) permissions |= BigInt(r.permissions);
  }
  if (permissions & P.Administrator) return ALL_PERMISSIONS;
  const overwrites = channel.permission_overwrites ?? [];
  const apply = (allow: bigint, deny: bigint) => {
    permissions = (permissions & ~deny) | allow;
  };
  const everyone = overwrites.find((o) => o.id === guild.everyoneRoleId);
  if (everyone) apply(BigInt(everyone.allow), BigInt(everyone.deny));
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === OverwriteType.Role && o.id !== guild.everyoneRoleId && who.roles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  apply(allow, deny);
  const own = overwrites.find((o) => o.type === OverwriteType.Member && o.id === who.user.id);
  if (own) apply(BigInt(own.allow), BigInt(own.deny));
  return permissions;
}

export function permissionNames(bits: bigint): string[] {
  return Object.entries(P)
    .filter(([, bit]) => bits & bit)
    .map(([name]) => name);
}

export function memberOf(guild: FakeGuild, who: APIUser): APIGuildMember {
  const member = guild.members.get(who.id);
  if (member === undefined) throw new Error(`${who.username} is not a member of ${guild.name}`);
  return member;
}
