import { keyedHash } from '../store/keyed-hash.js';
import { openStore, type StoreLocation } from '../store/open.js';
import type { InsightsData, QuestionRow, Store, VoteRow } from '../store/store.js';
import { WriteQueue } from '../store/write-queue.js';
import { type Asked, newQuestionId, questionRow } from './record.js';

/**
 * The record of questions and votes. Nothing here ever holds up an answer: `question` and `vote`
 * only queue a row; the store is opened after the bot is ready (and again until it can be), and
 * rows wait for it in a bounded queue, are written in batches, and are dropped and counted when
 * the queue is full. Records older than the retention period are purged while the bot runs.
 */

export interface RecordingOptions {
  /** false: nothing is recorded and answers carry no feedback buttons. */
  enabled: boolean;
  /** Secret that hashes member ids for votes; without it votes are not taken. */
  hashKey?: string | undefined;
  retentionDays: number;
  /** Most rows waiting for the store. */
  queueCapacity: number;
  where: StoreLocation;
}

/** What the recorder reports, for logs and metrics; adapters decide where it goes. */
export interface RecordingEvents {
  written?(count: number): void;
  dropped?(count: number): void;
  storeError?(error: unknown, waiting: number): void;
  storeOpen?(dialect: string): void;
  purged?(count: number): void;
}

type Row = { question: QuestionRow } | { vote: VoteRow };

const BATCH = 500;
const PURGE_EVERY_MS = 6 * 3600_000;
const REOPEN_MAX_MS = 30_000;
const DAY_MS = 86_400_000;

export class Recorder {
  readonly queue: WriteQueue<Row>;
  private store: Store | undefined;
  private opening: Promise<void> | undefined;
  private stopped = false;
  private timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly options: RecordingOptions,
    private readonly events: RecordingEvents = {},
    private readonly now: () => number = Date.now,
    private readonly open: (where: StoreLocation) => Promise<Store> = openStore,
  ) {
    this.queue = new WriteQueue<Row>({
      capacity: options.queueCapacity,
      batchSize: BATCH,
      onWritten: (n) => events.written?.(n),
      onDropped: (n) => events.dropped?.(n),
      onError: (error, waiting) => events.storeError?.(error, waiting),
    });
  }

  /** Whether answers should carry 👍/👎: recording is on and votes can be counted once per member. */
  get takesVotes(): boolean {
    return this.options.enabled && Boolean(this.options.hashKey);
  }

  get isOpen(): boolean {
    return this.store !== undefined;
  }

  /** The store, once it is open, for what else the bot keeps there (shared cooldowns). */
  get openedStore(): Store | undefined {
    return this.store;
  }

  /** Records a question; returns its id (for feedback buttons), or nothing when recording is off. */
  question(asked: Asked): string | undefined {
    if (!this.options.enabled) return undefined;
    const id = newQuestionId();
    this.queue.push({ question: questionRow(id, asked, this.now()) });
    return id;
  }

  /** Records a member's vote on an answer; false when votes are not taken or the queue is full. */
  vote(questionId: string, memberId: string, up: boolean): boolean {
    if (!this.takesVotes) return false;
    const voter = keyedHash(this.options.hashKey as string, memberId);
    return this.queue.push({
      vote: { question_id: questionId, voter, value: up ? 1 : -1, voted_at: this.now() },
    });
  }

  /**
   * Opens the store and starts writing; an unreachable store is tried again with a growing
   * pause, while rows keep waiting in the queue. Resolves once it is open (or the recorder stops).
   */
  start(): Promise<void> {
    if (!this.options.enabled) return Promise.resolve();
    this.opening ??= this.openUntilReady(1000);
    return this.opening;
  }

  private async openUntilReady(pauseMs: number): Promise<void> {
    while (!this.stopped) {
      try {
        const store = await this.open(this.options.where);
        if (this.stopped) return void (await store.close());
        this.store = store;
        this.events.storeOpen?.(store.dialect);
        this.queue.attach((batch) => write(store, batch));
        this.schedulePurge(0);
        return;
      } catch (error) {
        this.events.storeError?.(error, this.queue.length);
        await this.pause(pauseMs);
        pauseMs = Math.min(pauseMs * 2, REOPEN_MAX_MS);
      }
    }
  }

  /** What /insights shows for the last `days` days; nothing while the store is not open. */
  async report(days: number): Promise<InsightsData | undefined> {
    return this.store?.insights(this.now() - days * DAY_MS);
  }

  /** Deletes what is older than the retention period. */
  async purge(): Promise<number> {
    if (!this.store) return 0;
    const count = await this.store.purge(this.now() - this.options.retentionDays * DAY_MS);
    this.events.purged?.(count);
    return count;
  }

  /** Writes what is queued (for up to `timeoutMs`) and closes the store; true when nothing was left behind. */
  async stop(timeoutMs = 3000): Promise<boolean> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    const flushed = await this.queue.flush(timeoutMs, { close: true });
    await this.store?.close().catch(() => {});
    this.store = undefined;
    return flushed;
  }

  private schedulePurge(delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.purge()
        .catch((error: unknown) => this.events.storeError?.(error, this.queue.length))
        .finally(() => {
          if (!this.stopped) this.schedulePurge(PURGE_EVERY_MS);
        });
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      timer.unref();
      this.timers.add(timer);
    });
  }
}

async function write(store: Store, batch: readonly Row[]): Promise<void> {
  const questions = batch.flatMap((r) => ('question' in r ? [r.question] : []));
  const votes = batch.flatMap((r) => ('vote' in r ? [r.vote] : []));
  await store.insertQuestions(questions);
  await store.upsertVotes(votes);
}
