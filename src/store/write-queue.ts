/**
 * A bounded queue in front of a store that may be slow, down, or not open yet. `push` never
 * waits: an item either joins the queue or, when the queue is full, is dropped and counted.
 * One writer drains the queue in batches; a batch that fails stays at the head and is tried
 * again after a back-off that grows to `maxBackoffMs`, so writing resumes when the store is back.
 */

export interface WriteQueueOptions {
  /** Most items waiting at once; beyond it new items are dropped. */
  capacity: number;
  batchSize: number;
  /** How long a lone item may wait for company before it is written. */
  lingerMs?: number;
  maxBackoffMs?: number;
  onWritten?(count: number): void;
  onDropped?(count: number): void;
  onError?(error: unknown, waiting: number): void;
}

export type BatchWriter<T> = (batch: readonly T[]) => Promise<void>;

export class WriteQueue<T> {
  private items: T[] = [];
  private writer: BatchWriter<T> | undefined;
  private draining: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private backoffMs = 0;
  private closed = false;
  dropped = 0;
  written = 0;

  constructor(private readonly options: WriteQueueOptions) {}

  get length(): number {
    return this.items.length;
  }

  /** Queues an item; false when it was dropped because the queue is full or closed. */
  push(item: T): boolean {
    if (this.closed || this.items.length >= this.options.capacity) {
      this.dropped += 1;
      this.options.onDropped?.(1);
      return false;
    }
    this.items.push(item);
    if (this.items.length >= this.options.batchSize) this.kick(0);
    else this.kick(this.options.lingerMs ?? 1000);
    return true;
  }

  /** Starts writing to a store (once it is open); until then items wait. */
  attach(writer: BatchWriter<T>): void {
    this.writer = writer;
    this.kick(0);
  }

  /**
   * Writes everything queued, giving up after `timeoutMs` if the store will not take it; true
   * when the queue is empty. Further pushes are refused once `close` is set.
   */
  async flush(timeoutMs: number, { close = false } = {}): Promise<boolean> {
    this.closed ||= close;
    const deadline = Date.now() + timeoutMs;
    this.backoffMs = 0;
    while (this.items.length > 0 && this.writer && Date.now() < deadline) {
      clearTimeout(this.timer);
      this.timer = undefined;
      await (this.draining ?? this.drain());
      if (this.items.length > 0 && this.backoffMs > 0)
        await sleep(Math.min(this.backoffMs, deadline - Date.now()));
    }
    if (close) clearTimeout(this.timer);
    return this.items.length === 0;
  }

  private kick(delayMs: number): void {
    if (!this.writer || this.draining || this.closed) return;
    if (this.timer && delayMs > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.drain();
      },
      Math.max(delayMs, this.backoffMs),
    );
    this.timer.unref();
  }

  private drain(): Promise<void> {
    this.draining ??= this.writeAll().finally(() => {
      this.draining = undefined;
      if (this.items.length > 0) this.kick(0);
    });
    return this.draining;
  }

  private async writeAll(): Promise<void> {
    const write = this.writer;
    while (write && this.items.length > 0) {
      const batch = this.items.slice(0, this.options.batchSize);
      try {
        await write(batch);
      } catch (error) {
        this.backoffMs = Math.min(Math.max(250, this.backoffMs * 2), this.options.maxBackoffMs ?? 30_000);
        this.options.onError?.(error, this.items.length);
        return;
      }
      this.backoffMs = 0;
      // Items pushed meanwhile are behind the batch; the batch is the head of the queue.
      this.items.splice(0, batch.length);
      this.written += batch.length;
      this.options.onWritten?.(batch.length);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
