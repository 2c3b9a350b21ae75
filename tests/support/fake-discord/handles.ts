/** Handles returned to tests: their view of an interaction or of a message a user sent. */
import type { APIInteraction } from 'discord.js';
import type { Inbox } from './inbox.js';
import type { FakeDiscord } from './index.js';
import type { InteractionCallback, Rejection, StoredMessage } from './types.js';

/** What the fake knows about one dispatched interaction; shared with its handle. */
export interface InteractionRecord {
  payload: APIInteraction;
  /** `/ask`, `button ask:more`, … for error messages. */
  label: string;
  channelId: string;
  /** When the bot was sent the interaction (the last time, if a RESUME replayed it). */
  dispatchedAt: number;
  acknowledged: boolean;
  /** How long after `dispatchedAt` the accepted initial response arrived. */
  responseDelayMs?: number;
  /** The message `@original` refers to: the reply, or for deferUpdate/update the component's message. */
  originalMessageId?: string;
  followUpIds: string[];
  callbacks: Inbox<InteractionCallback>;
  edits: Inbox<StoredMessage>;
  followUps: Inbox<StoredMessage>;
  rejections: Rejection[];
}

/** The test's view of one interaction: what the bot answered, edited and followed up with. */
export class InteractionHandle {
  /** @internal */
  constructor(
    private readonly record: InteractionRecord,
    private readonly fake: FakeDiscord,
  ) {}

  /** The INTERACTION_CREATE payload as dispatched. */
  get payload(): APIInteraction {
    return this.record.payload;
  }

  get id(): string {
    return this.record.payload.id;
  }

  get token(): string {
    return this.record.payload.token;
  }

  /** Initial responses accepted so far (at most one). */
  get callbacks(): readonly InteractionCallback[] {
    return this.record.callbacks.all;
  }

  /** Follow-ups sent so far, as they were when sent. */
  get followUps(): readonly StoredMessage[] {
    return this.record.followUps.all;
  }

  /** Every webhook edit (PATCH) of the original response or a follow-up, as the message was after it. */
  get edits(): readonly StoredMessage[] {
    return this.record.edits.all;
  }

  /** How long after the bot was sent the interaction its accepted initial response arrived. */
  get responseDelayMs(): number | undefined {
    return this.record.responseDelayMs;
  }

  /** Refusals of this interaction's callback and webhook calls. */
  get rejections(): readonly Rejection[] {
    return this.record.rejections;
  }

  /** Resolves with the accepted initial response (callback type and data). */
  response(timeoutMs = this.fake.waitTimeoutMs): Promise<InteractionCallback> {
    return this.record.callbacks.wait(() => true, {
      consume: false,
      timeoutMs,
      what: this.describe('a response'),
    });
  }

  /** Resolves with the message after the next not-yet-awaited edit of `@original` (or of `messageId`). */
  waitForEdit(messageId?: string, timeoutMs = this.fake.waitTimeoutMs): Promise<StoredMessage> {
    const matches = (message: StoredMessage) => message.id === (messageId ?? this.record.originalMessageId);
    return this.record.edits.wait(matches, { consume: true, timeoutMs, what: this.describe('an edit') });
  }

  /** Resolves with the next not-yet-awaited follow-up. */
  waitForFollowUp(timeoutMs = this.fake.waitTimeoutMs): Promise<StoredMessage> {
    return this.record.followUps.wait(() => true, {
      consume: true,
      timeoutMs,
      what: this.describe('a follow-up'),
    });
  }

  /** The original response message as it is now (after edits), if there is one. */
  original(): StoredMessage | undefined {
    const id = this.record.originalMessageId;
    return id === undefined ? undefined : this.fake.storedMessage(id);
  }

  /** The original response and follow-ups as they are now, without deleted ones. */
  messages(): StoredMessage[] {
    const ids = [this.record.originalMessageId, ...this.record.followUpIds];
    return [...new Set(ids)].flatMap((id) => {
      const message = id === undefined ? undefined : this.fake.storedMessage(id);
      return message === undefined ? [] : [message];
    });
  }

  private describe(what: string): () => string {
    return () => {
      const refused = refusalLines(this.record.rejections);
      return `${what} to ${this.record.label} (interaction ${this.id})${refused ? `; refused:${refused}` : ''}`;
    };
  }
}

/** The test's view of a message a user sent. */
export class MessageHandle {
  /** @internal */
  constructor(
    /** The message as stored (full content, even where the bot's intents hide it). */
    readonly message: StoredMessage,
    private readonly fake: FakeDiscord,
  ) {}

  /** Resolves with the bot's next not-yet-awaited message that replies to this one. */
  reply(timeoutMs = this.fake.waitTimeoutMs): Promise<StoredMessage> {
    return this.fake.nextChannelMessage(
      this.message.channel_id,
      timeoutMs,
      (message) => message.message_reference?.message_id === this.message.id,
    );
  }
}

/** Refusals as indented lines, one per refusal, for the message of a wait that timed out. */
export function refusalLines(rejections: readonly Rejection[]): string {
  return rejections.map((r) => `\n  ${r.status} ${r.method} ${r.path}: ${r.reasons.join('; ')}`).join('');
}
