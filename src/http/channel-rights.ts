import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';
import { channelPermissions, isDenied, isThreadType, type PostRights } from '../discord/permissions.js';
import type { DiscordRest } from './discord-rest.js';

/**
 * Rights in a channel that no interaction carries (Discord computes the member's and the bot's
 * permissions only for the channel it was used in, and the member's for a channel chosen in an
 * option), read over REST: the channel's overwrites (a thread's parent's), the guild's roles and
 * owner, each user's roles. A channel the bot may not read is one it lacks View Channel in.
 */

export interface RightsQuery {
  guildId: string;
  channelId: string;
  /** The member and the bot, each with their bits when an interaction already carried them. */
  member: { id: string; bits: string | undefined };
  bot: { id: string; bits: string | undefined };
  inThread: boolean;
}

export async function rightsOverRest(rest: DiscordRest, query: RightsQuery): Promise<PostRights> {
  const known: PostRights = { member: query.member.bits, bot: query.bot.bits, inThread: query.inThread };
  if (known.member !== undefined && known.bot !== undefined) return known;
  const channel = await readOrNothing(() => rest.channel(query.channelId));
  if (channel === 'denied') return { ...known, bot: 0n };
  if (!channel || !('guild_id' in channel) || channel.guild_id !== query.guildId) {
    return { member: undefined, bot: undefined, inThread: known.inThread };
  }
  const inThread = isThreadType(channel.type);
  const source =
    inThread && 'parent_id' in channel && channel.parent_id
      ? await readOrNothing(() => rest.channel(channel.parent_id as string))
      : channel;
  const guild = await readOrNothing(() => rest.guild(query.guildId));
  if (
    !source ||
    source === 'denied' ||
    !guild ||
    guild === 'denied' ||
    !('permission_overwrites' in source)
  ) {
    return { ...known, inThread };
  }
  const bitsOf = async (who: { id: string; bits: string | undefined }) => {
    if (who.bits !== undefined) return who.bits;
    const member = await readOrNothing(() => rest.member(query.guildId, who.id));
    if (!member || member === 'denied') return undefined;
    return channelPermissions({
      guildId: guild.id,
      ownerId: guild.owner_id,
      roles: guild.roles,
      userId: who.id,
      userRoles: member.roles,
      overwrites: source.permission_overwrites ?? [],
    });
  };
  return { member: await bitsOf(query.member), bot: await bitsOf(query.bot), inThread };
}

/** A read's result; undefined when there is no such thing, 'denied' when the bot may not read it. */
async function readOrNothing<T>(read: () => Promise<T>): Promise<T | 'denied' | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isDenied(error)) return 'denied';
    if (error instanceof DiscordAPIError && UNKNOWN.has(Number(error.code))) return undefined;
    throw error;
  }
}

const UNKNOWN = new Set<number>([
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.UnknownGuild,
  RESTJSONErrorCodes.UnknownMember,
]);
