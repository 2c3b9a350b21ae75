/** REST: interaction callbacks (the initial response) and the interaction webhook (follow-ups, edits). */
import {
  type APIMessage,
  type APIMessageInteractionMetadata,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
} from 'discord.js';
import { choiceIssues, type Issue, isRecord, messageIssues, modalIssues } from '../../discord-limits.js';
import type { InteractionRecord } from '../handles.js';
import { interactionUser, legacyInteraction, responseMessageType } from '../interaction-payloads.js';
import { numberOr } from '../json-http.js';
import { botMessage, publicMessage } from '../message-payloads.js';
import type { InteractionCallback, StoredMessage } from '../types.js';
import {
  DiscordError,
  ok,
  RestHandlers,
  type RestReply,
  type RestRequest,
  type Route,
  route,
  throwIfIssues,
} from './route.js';

/** Message flags a bot may set when it sends; Discord ignores the others. */
const SENDABLE_FLAGS =
  MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.Ephemeral;

/** Which initial responses Discord accepts for each interaction type. */
const ALLOWED_CALLBACKS: Record<InteractionType, readonly InteractionResponseType[]> = {
  [InteractionType.Ping]: [InteractionResponseType.Pong],
  [InteractionType.ApplicationCommand]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.Modal,
  ],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [
    InteractionResponseType.ApplicationCommandAutocompleteResult,
  ],
  [InteractionType.ModalSubmit]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
  ],
};

function parseCallback(body: unknown): InteractionCallback {
  if (!isRecord(body) || typeof body.type !== 'number') {
    throwIfIssues([{ path: ['type'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]);
  }
  const { type, data } = body as { type: InteractionResponseType; data?: unknown };
  return isRecord(data) ? { type, data } : { type };
}

function unknownInteraction(reason: string): DiscordError {
  return new DiscordError(404, { code: 10062, message: 'Unknown interaction' }, [reason]);
}

export class InteractionHandlers extends RestHandlers {
  override routes(): Route[] {
    return [
      route('POST', '/interactions/:interaction/:token/callback', false, (r) => this.interactionCallback(r)),
      route('POST', '/webhooks/:app/:token', false, (r) => this.followUp(r)),
      route('GET', '/webhooks/:app/:token/messages/:message', false, (r) => ok(this.webhookMessage(r))),
      route('PATCH', '/webhooks/:app/:token/messages/:message', false, (r) => ok(this.editWebhookMessage(r))),
      route('DELETE', '/webhooks/:app/:token/messages/:message', false, (r) => this.deleteWebhookMessage(r)),
    ];
  }

  private interactionCallback(request: RestRequest): RestReply {
    const record = this.state.interactions.get(request.params.interaction ?? '');
    if (record === undefined || record.payload.token !== request.params.token) {
      throw unknownInteraction('no such interaction id/token');
    }
    if (record.acknowledged) {
      throw new DiscordError(400, { code: 40060, message: 'Interaction has already been acknowledged.' });
    }
    const age = Date.now() - record.dispatchedAt;
    if (age > this.fake.responseWindowMs) {
      throw unknownInteraction(
        `answered ${age} ms after dispatch; the window is ${this.fake.responseWindowMs} ms`,
      );
    }
    const callback = parseCallback(request.body);
    throwIfIssues(this.callbackIssues(record, callback));
    const message = this.applyCallback(record, callback);
    record.acknowledged = true;
    record.responseDelayMs = age;
    record.callbacks.push(structuredClone(callback));
    if (request.query.with_response !== 'true') return { status: 204 };
    return { status: 200, body: this.callbackResponse(record, callback, message) };
  }

  private callbackIssues(record: InteractionRecord, callback: InteractionCallback): Issue[] {
    if (!ALLOWED_CALLBACKS[record.payload.type].includes(callback.type)) {
      const allowed = ALLOWED_CALLBACKS[record.payload.type].join(', ');
      return [
        {
          path: ['type'],
          code: 'INTERACTION_RESPONSE_TYPE_INVALID',
          message: `Must be one of ${allowed} here.`,
        },
      ];
    }
    switch (callback.type) {
      case InteractionResponseType.ChannelMessageWithSource:
        return messageIssues(callback.data, { at: ['data'] });
      case InteractionResponseType.UpdateMessage:
        return messageIssues(callback.data, { at: ['data'], edit: true });
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
        return choiceIssues(callback.data?.choices, ['data']);
      case InteractionResponseType.Modal:
        return modalIssues(callback.data, ['data']);
      default:
        return [];
    }
  }

  /** Carries out an accepted initial response; returns the message it created or updated, if any. */
  private applyCallback(record: InteractionRecord, callback: InteractionCallback): StoredMessage | undefined {
    const data = callback.data ?? {};
    switch (callback.type) {
      case InteractionResponseType.ChannelMessageWithSource:
        return this.createResponseMessage(record, data, false);
      case InteractionResponseType.DeferredChannelMessageWithSource:
        return this.createResponseMessage(record, { flags: data.flags }, true);
      case InteractionResponseType.DeferredMessageUpdate:
        record.originalMessageId = record.payload.message?.id;
        return undefined;
      case InteractionResponseType.UpdateMessage: {
        const message = this.state.messages.get(record.payload.message?.id ?? '');
        if (message === undefined) throw new DiscordError(404, { code: 10008, message: 'Unknown Message' });
        this.state.applyEdit(message, data);
        record.originalMessageId = message.id;
        return message;
      }
      default:
        return undefined;
    }
  }

  private callbackResponse(
    record: InteractionRecord,
    callback: InteractionCallback,
    message: StoredMessage | undefined,
  ): Record<string, unknown> {
    const flags = message?.flags ?? 0;
    return {
      interaction: {
        id: record.payload.id,
        type: record.payload.type,
        response_message_id: message?.id,
        response_message_loading: (flags & MessageFlags.Loading) !== 0,
        response_message_ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
      },
      resource: { type: callback.type, ...(message ? { message: publicMessage(message) } : {}) },
    };
  }

  /** The message a type 4 (or, loading, type 5) response creates in the interaction's channel. */
  private createResponseMessage(
    record: InteractionRecord,
    data: Record<string, unknown>,
    loading: boolean,
  ): StoredMessage {
    const interaction = record.payload;
    const flags = (numberOr(data.flags, 0) & SENDABLE_FLAGS) | (loading ? MessageFlags.Loading : 0);
    const message: StoredMessage = {
      ...botMessage(this.fake.botUser, record.channelId, data),
      flags,
      type: responseMessageType(interaction),
      webhook_id: this.fake.applicationId,
      application_id: this.fake.applicationId,
      interaction_metadata: this.interactionMetadata(record),
      ...legacyInteraction(interaction),
      ...(interaction.message ? this.state.replyReference(interaction.message.id) : {}),
    };
    record.originalMessageId = message.id;
    this.state.storeBotMessage(message);
    return message;
  }

  private interactionMetadata(
    record: InteractionRecord,
    originalResponseId?: string,
  ): APIMessageInteractionMetadata {
    const interaction = record.payload;
    const base = {
      id: interaction.id,
      user: interactionUser(interaction),
      authorizing_integration_owners: interaction.authorizing_integration_owners,
      ...(originalResponseId ? { original_response_message_id: originalResponseId } : {}),
    };
    if (interaction.type === InteractionType.MessageComponent) {
      return {
        ...base,
        type: InteractionType.MessageComponent,
        interacted_message_id: interaction.message.id,
      };
    }
    return { ...base, type: InteractionType.ApplicationCommand } as APIMessageInteractionMetadata;
  }

  private followUp(request: RestRequest): RestReply {
    const record = this.webhookInteraction(request);
    throwIfIssues(messageIssues(request.body));
    const body = request.body as Record<string, unknown>;
    const original = record.originalMessageId ? this.state.messages.get(record.originalMessageId) : undefined;
    let message: StoredMessage;
    if (original !== undefined && (numberOr(original.flags, 0) & MessageFlags.Loading) !== 0) {
      // Discord turns the first follow-up after a deferred reply into that reply (ephemeral or not,
      // as the deferral said), rather than posting a second message.
      this.state.applyEdit(original, body);
      message = original;
    } else {
      message = {
        ...botMessage(this.fake.botUser, record.channelId, body),
        flags: numberOr(body.flags, 0) & SENDABLE_FLAGS,
        type: original ? MessageType.Reply : responseMessageType(record.payload),
        webhook_id: this.fake.applicationId,
        application_id: this.fake.applicationId,
        interaction_metadata: this.interactionMetadata(record, original?.id),
        ...(original ? this.state.replyReference(original.id) : {}),
      };
      this.state.storeBotMessage(message);
    }
    record.followUpIds.push(message.id);
    record.followUps.push(structuredClone(message));
    if (request.query.wait === 'false') return { status: 204 };
    return { status: 200, body: publicMessage(message) };
  }

  private webhookMessage(request: RestRequest): APIMessage {
    const record = this.webhookInteraction(request);
    return publicMessage(this.webhookTarget(record, request.params.message ?? ''));
  }

  private editWebhookMessage(request: RestRequest): APIMessage {
    const record = this.webhookInteraction(request);
    const target = this.webhookTarget(record, request.params.message ?? '');
    throwIfIssues(messageIssues(request.body, { edit: true }));
    this.state.applyEdit(target, isRecord(request.body) ? request.body : {});
    record.edits.push(structuredClone(target));
    return publicMessage(target);
  }

  private deleteWebhookMessage(request: RestRequest): RestReply {
    const record = this.webhookInteraction(request);
    this.state.deleteMessage(this.webhookTarget(record, request.params.message ?? ''));
    return { status: 204 };
  }

  /** The interaction a webhook call belongs to; it must have been acknowledged first. */
  private webhookInteraction(request: RestRequest): InteractionRecord {
    const record = this.state.interactionsByToken.get(request.params.token ?? '');
    if (record === undefined || request.params.app !== this.fake.applicationId) {
      throw new DiscordError(404, { code: 10015, message: 'Unknown Webhook' }, [
        'no interaction has this token',
      ]);
    }
    if (!record.acknowledged) {
      throw new DiscordError(404, { code: 10015, message: 'Unknown Webhook' }, [
        `${record.label} was never acknowledged, so it has no webhook`,
      ]);
    }
    return record;
  }

  /** The live stored message `@original` or an id refers to, if it belongs to the interaction. */
  private webhookTarget(record: InteractionRecord, messageId: string): StoredMessage {
    const id = messageId === '@original' ? record.originalMessageId : messageId;
    const belongs = id !== undefined && (id === record.originalMessageId || record.followUpIds.includes(id));
    const message = belongs ? this.state.messages.get(id) : undefined;
    if (message === undefined) {
      throw new DiscordError(404, { code: 10008, message: 'Unknown Message' }, [
        `${record.label} has no message ${messageId}`,
      ]);
    }
    return message;
  }
}
