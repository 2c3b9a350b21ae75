/** REST: the application, the gateway's address, users, and application commands. */
import { randomBytes } from 'node:crypto';
import { type APIApplicationCommand, type APIUser, ApplicationCommandType } from 'discord.js';
import { commandIssues } from '../../discord-limits.js';
import { snowflake } from '../ids.js';
import {
  DiscordError,
  ok,
  RestHandlers,
  type RestRequest,
  type Route,
  route,
  throwIfIssues,
} from './route.js';

/** GATEWAY_MESSAGE_CONTENT_LIMITED | APPLICATION_COMMAND_BADGE: an unverified bot with the content intent. */
export const APPLICATION_FLAGS = (1 << 19) | (1 << 23);

export class ApplicationHandlers extends RestHandlers {
  override routes(): Route[] {
    return [
      route('GET', '/gateway', false, () => ok({ url: this.fake.gatewayUrl })),
      route('GET', '/gateway/bot', true, () => ok(this.gatewayBot())),
      route('GET', '/users/@me', true, () => ok(this.fake.botUser)),
      route('GET', '/users/:user', true, (r) => ok(this.getUser(r))),
      route('GET', '/applications/@me', true, () => ok(this.application())),
      route('GET', '/applications/:app/commands', true, (r) => ok(this.listCommands(r))),
      route('PUT', '/applications/:app/commands', true, (r) => ok(this.overwriteCommands(r))),
      route('POST', '/applications/:app/commands', true, (r) => ok(this.createCommand(r))),
      route('GET', '/applications/:app/guilds/:guild/commands', true, (r) => ok(this.listCommands(r))),
      route('PUT', '/applications/:app/guilds/:guild/commands', true, (r) => ok(this.overwriteCommands(r))),
      route('POST', '/applications/:app/guilds/:guild/commands', true, (r) => ok(this.createCommand(r))),
    ];
  }

  private gatewayBot(): unknown {
    return {
      url: this.fake.gatewayUrl,
      shards: this.fake.shardCount,
      session_start_limit: {
        total: 1000,
        remaining: 999,
        reset_after: 14_400_000,
        max_concurrency: this.fake.maxConcurrency,
      },
    };
  }

  private application(): Record<string, unknown> {
    return {
      id: this.fake.applicationId,
      name: this.fake.botUser.username,
      icon: null,
      description: 'Answers questions from a fact base.',
      summary: '',
      type: null,
      bot: this.fake.botUser,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: randomBytes(32).toString('hex'),
      flags: APPLICATION_FLAGS,
      owner: this.fake.users.owner,
      team: null,
      approximate_guild_count: this.fake.guilds.length,
      integration_types_config: { '0': {} },
    };
  }

  private getUser(request: RestRequest): APIUser {
    const found = [this.fake.botUser, ...Object.values(this.fake.users)].find(
      (u) => u.id === request.params.user,
    );
    if (found === undefined) throw new DiscordError(404, { code: 10013, message: 'Unknown User' });
    return found;
  }

  private commandScope(request: RestRequest): string {
    if (request.params.app !== this.fake.applicationId) {
      throw new DiscordError(403, { code: 50001, message: 'Missing Access' }, [
        `application ${request.params.app} is not the bot's`,
      ]);
    }
    const guildId = request.params.guild;
    if (guildId !== undefined && !this.fake.guilds.some((guild) => guild.id === guildId)) {
      throw new DiscordError(403, { code: 50001, message: 'Missing Access' }, [
        `the bot is not in guild ${guildId}`,
      ]);
    }
    return guildId ?? 'global';
  }

  private listCommands(request: RestRequest): APIApplicationCommand[] {
    return this.state.commands.get(this.commandScope(request)) ?? [];
  }

  private overwriteCommands(request: RestRequest): APIApplicationCommand[] {
    const scope = this.commandScope(request);
    throwIfIssues(commandIssues(request.body));
    const previous = this.state.commands.get(scope) ?? [];
    const stored = (request.body as Record<string, unknown>[]).map((command) =>
      this.storeCommand(command, scope, previous),
    );
    this.state.commands.set(scope, stored);
    this.state.registrations.push({ scope, commands: stored });
    return stored;
  }

  private createCommand(request: RestRequest): APIApplicationCommand {
    const scope = this.commandScope(request);
    const previous = this.state.commands.get(scope) ?? [];
    throwIfIssues(commandIssues([request.body]));
    const command = this.storeCommand(request.body as Record<string, unknown>, scope, previous);
    this.state.commands.set(scope, [
      ...previous.filter((c) => !(c.name === command.name && c.type === command.type)),
      command,
    ]);
    this.state.registrations.push({ scope, commands: [command] });
    return command;
  }

  /** Stores a validated command; like Discord, a command keeps its id when overwritten by name. */
  private storeCommand(
    body: Record<string, unknown>,
    scope: string,
    previous: APIApplicationCommand[],
  ): APIApplicationCommand {
    const type = (body.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
    const same = previous.find((command) => command.name === body.name && command.type === type);
    return {
      ...(body as unknown as APIApplicationCommand),
      id: same?.id ?? snowflake(),
      application_id: this.fake.applicationId,
      version: snowflake(),
      type,
      description: typeof body.description === 'string' ? body.description : '',
      default_member_permissions: (body.default_member_permissions as string | null | undefined) ?? null,
      nsfw: body.nsfw === true,
      ...(scope === 'global' ? {} : { guild_id: scope }),
    };
  }
}
