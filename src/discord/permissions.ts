import {
  type APIOverwrite,
  type APIRole,
  Constants,
  DiscordAPIError,
  OverwriteType,
  PermissionFlagsBits,
  PermissionsBitField,
  RESTJSONErrorCodes,
} from 'discord.js';

/**
 * Who may make the bot post where, decided over permission bitfields as Discord computed them,
 * so that the gateway bot and the HTTP endpoint decide alike whatever way they learnt the bits.
 */

/** A permission and its name as Discord's settings show it, for telling people what is missing. */
export type NamedPermission = readonly [flag: bigint, name: string];

/** Sending in a thread is a permission of its own. */
export function sendPermission(inThread: boolean): NamedPermission {
  return inThread
    ? [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads']
    : [PermissionFlagsBits.SendMessages, 'Send Messages'];
}

const THREAD_TYPES: readonly number[] = Constants.ThreadChannelTypes;

/** Whether a channel type (as Discord sends it) is a thread, where sending is a permission of its own. */
export const isThreadType = (type: number | undefined): boolean =>
  type !== undefined && THREAD_TYPES.includes(type);

const VIEW_CHANNEL: NamedPermission = [PermissionFlagsBits.ViewChannel, 'View Channel'];

/** What a member needs for the bot to post on their behalf: what they would need to post themselves. */
export function memberPostPermissions(inThread: boolean): NamedPermission[] {
  return [VIEW_CHANNEL, sendPermission(inThread)];
}

/** What the bot needs to post an embed in a channel. */
export function postPermissions(inThread: boolean): NamedPermission[] {
  return [...memberPostPermissions(inThread), [PermissionFlagsBits.EmbedLinks, 'Embed Links']];
}

/** Permission bits as Discord sends them (a decimal string) or as discord.js holds them. */
export type Bits = string | bigint | Readonly<PermissionsBitField>;

/** The names of the `needed` permissions that `bits` lacks; Administrator lacks nothing. */
export function lacking(bits: Bits, needed: NamedPermission[]): string[] {
  const held = new PermissionsBitField(typeof bits === 'string' ? BigInt(bits) : bits);
  return needed.filter(([flag]) => !held.has(flag)).map(([, name]) => name);
}

/** Whether a member could post in a channel themselves; unknown rights (a DM) count as yes. */
export function mayPost(memberBits: Bits | undefined, inThread: boolean): boolean {
  return memberBits === undefined || lacking(memberBits, memberPostPermissions(inThread)).length === 0;
}

/** Whose rights stop a post: the member's are checked first, as the request is theirs. */
export type PostRefusal =
  | { who: 'member' | 'bot'; missing: string[] }
  | { who: 'member' | 'bot'; unknown: true };

export interface PostRights {
  /** The invoking member's permissions in the target channel; undefined when they cannot be known. */
  member: Bits | undefined;
  /** The bot's permissions there; undefined when they cannot be known. */
  bot: Bits | undefined;
  inThread: boolean;
}

/**
 * Why a moderator's post into a channel must not happen, or undefined when both they and the
 * bot may post there. A known lack is named first (the member's before the bot's); rights that
 * cannot be known refuse too: nobody acts where they might not belong.
 */
export function postRefusal({ member, bot, inThread }: PostRights): PostRefusal | undefined {
  const memberLacks = member === undefined ? [] : lacking(member, memberPostPermissions(inThread));
  if (memberLacks.length) return { who: 'member', missing: memberLacks };
  const botLacks = bot === undefined ? [] : lacking(bot, postPermissions(inThread));
  if (botLacks.length) return { who: 'bot', missing: botLacks };
  if (member === undefined) return { who: 'member', unknown: true };
  if (bot === undefined) return { who: 'bot', unknown: true };
  return undefined;
}

/** What a REST read of a guild tells about one user in one channel. */
export interface GuildFacts {
  guildId: string;
  ownerId: string;
  roles: readonly Pick<APIRole, 'id' | 'permissions'>[];
  /** The user and the roles they hold. */
  userId: string;
  userRoles: readonly string[];
  /** The channel's overwrites (a thread's are its parent's). */
  overwrites: readonly APIOverwrite[];
}

/**
 * Discord's permission algorithm, for a channel read over REST (where no interaction carries the
 * computed bits): the roles' permissions, then the channel's overwrites for @everyone, for the
 * user's roles together, and for the user.
 */
export function channelPermissions(facts: GuildFacts): bigint {
  if (facts.userId === facts.ownerId) return PermissionsBitField.All;
  const held = new PermissionsBitField();
  for (const role of facts.roles) {
    if (role.id === facts.guildId || facts.userRoles.includes(role.id)) held.add(BigInt(role.permissions));
  }
  if (held.has(PermissionFlagsBits.Administrator)) return PermissionsBitField.All;
  const apply = (overwrites: readonly APIOverwrite[]) => {
    const deny = overwrites.map((o) => BigInt(o.deny));
    const allow = overwrites.map((o) => BigInt(o.allow));
    held.remove(...deny).add(...allow);
  };
  const everyone = facts.overwrites.filter((o) => o.id === facts.guildId);
  const roles = facts.overwrites.filter(
    (o) => o.type === OverwriteType.Role && o.id !== facts.guildId && facts.userRoles.includes(o.id),
  );
  const own = facts.overwrites.filter((o) => o.type === OverwriteType.Member && o.id === facts.userId);
  apply(everyone);
  apply(roles);
  apply(own);
  return held.bitfield;
}

/** Discord refused a request because the bot lacks a permission or access to the channel. */
export function isDenied(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess)
  );
}
