import type { KeyObject } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { type APIInteraction, InteractionType } from 'discord.js';
import { apology, newReference } from '../commands/dispatch.js';
import type { BotDeps } from '../discord/answer.js';
import type { Logger } from '../ops/log.js';
import { type RouteHandler, sendJson } from './app.js';
import { readBody } from './body.js';
import type { DiscordRest } from './discord-rest.js';
import type { Handled } from './handled.js';
import { commandNameOf, handleInteraction, kindOf, userOf } from './interactions.js';
import { AnsweredIds } from './replays.js';
import { choicesResponse, messageBody, replyWith } from './respond.js';
import { MAX_CLOCK_SKEW_SECONDS, signatureProblem } from './verify.js';

/**
 * `POST /interactions`, as Discord's "Interactions Endpoint URL" calls it: the body is read up to
 * a limit, its signature checked, and only then parsed and answered. The response is the answer;
 * what must follow it (a post to a channel, a public follow-up) goes through REST afterwards. One
 * log line per interaction; nothing a request carries can make the endpoint fail without answering.
 */

export interface EndpointOptions {
  deps: BotDeps;
  rest: DiscordRest;
  /** The application's public key (`publicKeyFromHex`). */
  publicKey: KeyObject;
  /** Largest body accepted, in bytes. */
  maxBodyBytes?: number;
  /** The clock a request's timestamp is judged by (ms since the epoch). */
  now?: () => number;
  /** How many answered interaction ids are remembered against replays. */
  maxRememberedIds?: number;
}

/**
 * Discord's largest payloads carry a whole message (a context menu's target, a clicked message):
 * 4,000 characters of text and 6,000 of embeds come to well under this, even escaped.
 */
export const MAX_BODY_BYTES = 128 * 1024;

/**
 * Ids remembered against replays. Each costs ~100 bytes; this many covers 300 interactions a
 * second for the whole window, far beyond one replica's share of a bot this size.
 */
export const MAX_REMEMBERED_IDS = 100_000;

export function interactionsEndpoint(options: EndpointOptions): RouteHandler {
  const { deps, publicKey, maxBodyBytes = MAX_BODY_BYTES, now = Date.now } = options;
  // A request is accepted until its timestamp is MAX_CLOCK_SKEW_SECONDS old: so long is its id kept.
  const answered = new AnsweredIds(
    MAX_CLOCK_SKEW_SECONDS * 1000,
    options.maxRememberedIds ?? MAX_REMEMBERED_IDS,
  );
  const refuse = (response: ServerResponse, status: number, reason: string) => {
    deps.log.warn({ status, reason }, 'request refused');
    // A refused body may still be arriving; the connection is not worth keeping.
    sendJson(response, status, { error: reason }, status === 413 ? { connection: 'close' } : {});
  };
  return async (request, response) => {
    const body = await readBody(request, maxBodyBytes);
    if (!body) return refuse(response, 413, 'body too large');
    const timestamp = header(request.headers['x-signature-timestamp']);
    const signature = header(request.headers['x-signature-ed25519']);
    const problem = signatureProblem(publicKey, { signature, timestamp, body }, now());
    if (problem) return refuse(response, 401, problem);
    const interaction = parseInteraction(body);
    if (!interaction) return refuse(response, 400, 'not an interaction');
    // A signed request sent again (by whoever saw it on its way) must not post a second time.
    if (!answered.firstTime(interaction.id, Number(timestamp) * 1000, now())) {
      return refuse(response, 409, 'interaction already answered');
    }
    await answer(interaction, response, options);
  };
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Signed by Discord, so trusted in its details; only its envelope is checked. */
function parseInteraction(body: Buffer): APIInteraction | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { type, id, token, application_id } = parsed as Record<string, unknown>;
  const envelope =
    typeof type === 'number' && [id, token, application_id].every((v) => typeof v === 'string');
  return envelope ? (parsed as APIInteraction) : undefined;
}

async function answer(
  interaction: APIInteraction,
  response: ServerResponse,
  { deps, rest }: EndpointOptions,
): Promise<void> {
  const started = performance.now();
  const log = deps.log.child({ interaction: interaction.id });
  // Filled in the try: even describing a malformed interaction can throw.
  let fields: Record<string, string | undefined> = {};
  let handled: Handled;
  try {
    fields = {
      type: kindOf(interaction),
      command: commandNameOf(interaction),
      user: userOf(interaction),
      guild: interaction.guild_id,
    };
    // The deps are read once here, so that one answer sees one version of the fact base.
    handled = await handleInteraction(interaction, { ...deps, log, rest });
  } catch (error) {
    handled = failed(interaction, error, log, fields);
  }
  sendJson(response, 200, handled.response);

  let outcome = handled.outcome;
  if (handled.afterwards) {
    outcome = await handled
      .afterwards()
      .catch((error: unknown) => recover(interaction, error, log, rest, fields));
  }
  const latencyMs = performance.now() - started;
  deps.metrics?.observe(fields.type ?? 'unknown', fields.command, outcome, latencyMs / 1000);
  log.info({ ...fields, outcome, latencyMs: Math.round(latencyMs) }, 'interaction');
}

/** A handler failed before answering: a private apology (or no choices), the error logged once. */
function failed(interaction: APIInteraction, error: unknown, log: Logger, fields: object): Handled {
  const reference = newReference();
  log.error({ ...fields, err: error, reference }, 'interaction failed');
  const response =
    interaction.type === InteractionType.ApplicationCommandAutocomplete
      ? choicesResponse([])
      : replyWith(apology(reference), { hidden: true });
  return { response, outcome: 'failed' };
}

/** What followed the response failed: the response becomes the apology, if Discord still takes it. */
async function recover(
  interaction: APIInteraction,
  error: unknown,
  log: Logger,
  rest: DiscordRest,
  fields: object,
): Promise<string> {
  const reference = newReference();
  log.error({ ...fields, err: error, reference }, 'interaction failed');
  try {
    await rest.editOriginal(interaction, messageBody(apology(reference), { hidden: true }));
  } catch (second) {
    log.warn({ ...fields, err: second, reference }, 'could not send the apology');
  }
  return 'failed';
}
