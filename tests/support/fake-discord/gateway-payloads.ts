/** What the gateway sends on IDENTIFY: READY, then a GUILD_CREATE for each guild of the session's shard. */
import {
  type GatewayGuildCreateDispatchData,
  type GatewayReadyDispatchData,
  type GuildSystemChannelFlags,
  Locale,
} from 'discord.js';
import { discordTimestamp } from './ids.js';
import type { FakeDiscord } from './index.js';
import { APPLICATION_FLAGS } from './rest/applications.js';
import type { FakeGuild } from './types.js';

/** READY for a session of `shard` (when the client sent one), listing the guilds that shard serves. */
export function readyData(
  fake: FakeDiscord,
  sessionId: string,
  guilds: readonly FakeGuild[],
  shard: [number, number] | undefined,
): GatewayReadyDispatchData {
  return {
    v: 10,
    user: { ...fake.botUser, verified: true, mfa_enabled: false, email: null },
    guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
    session_id: sessionId,
    resume_gateway_url: fake.resumeGatewayUrl,
    ...(shard && { shard }),
    // Discord sends only id and flags here; discord-api-types also demands flags_new.
    application: {
      id: fake.applicationId,
      flags: APPLICATION_FLAGS,
    } as GatewayReadyDispatchData['application'],
  };
}

export function guildCreateData(guild: FakeGuild): GatewayGuildCreateDispatchData {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 1,
    default_message_notifications: 1,
    explicit_content_filter: 2,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: Locale.EnglishUS,
    features: [],
    roles: guild.roles,
    emojis: [],
    stickers: [],
    application_id: null,
    system_channel_id: guild.channels[0]?.id ?? null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    hub_type: null,
    incidents_data: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    joined_at: discordTimestamp(),
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    members: [...guild.members.values()],
    channels: guild.channels,
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
