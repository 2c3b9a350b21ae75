/** REST: the guild (its roles and owner) and its members, as the bot reads them to compute permissions. */
import type { APIGuildMember } from 'discord.js';
import type { FakeGuild } from '../types.js';
import { DiscordError, ok, RestHandlers, type RestRequest, type Route, route } from './route.js';

export class GuildHandlers extends RestHandlers {
  override routes(): Route[] {
    return [
      route('GET', '/guilds/:guild', true, (r) => ok(this.getGuild(r))),
      route('GET', '/guilds/:guild/members/:user', true, (r) => ok(this.getMember(r))),
    ];
  }

  /** The guild object's fields a bot reads here; Discord sends more (features, icons, limits). */
  private getGuild(request: RestRequest): Record<string, unknown> {
    const guild = this.guildOfBot(request.params.guild ?? '');
    return {
      id: guild.id,
      name: guild.name,
      owner_id: guild.ownerId,
      roles: guild.roles,
      features: [],
      preferred_locale: 'en-US',
    };
  }

  private getMember(request: RestRequest): APIGuildMember {
    const guild = this.guildOfBot(request.params.guild ?? '');
    const member = guild.members.get(request.params.user ?? '');
    if (member === undefined) throw new DiscordError(404, { code: 10007, message: 'Unknown Member' });
    return member;
  }

  private guildOfBot(guildId: string): FakeGuild {
    const guild = this.fake.guilds.find((g) => g.id === guildId);
    if (guild === undefined) throw new DiscordError(404, { code: 10004, message: 'Unknown Guild' });
    return guild;
  }
}
