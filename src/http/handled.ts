import type { APIInteractionResponse } from 'discord.js';
import type { BotDeps } from '../discord/answer.js';
import type { DiscordRest } from './discord-rest.js';

/** What an HTTP interaction handler needs: the bot's deps, and Discord's REST API for what follows a response. */
export interface InteractionDeps extends BotDeps {
  rest: DiscordRest;
}

/** How a handler answered an interaction. */
export interface Handled {
  /** The HTTP response body: Discord's interaction response. */
  response: APIInteractionResponse;
  /** The reply's kind, or what happened instead, for the log and the metrics. */
  outcome: string;
  /** Work that needs the response to have reached Discord first; resolves to the final outcome. */
  afterwards?: () => Promise<string>;
}
