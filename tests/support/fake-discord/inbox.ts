/** Waiting for things the bot does. */

interface Waiter<T> {
  match: (item: T) => boolean;
  consume: boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
}

/**
 * A list of things that happened plus waiters for the next matching one. An item that arrived before
 * anyone waited still satisfies the wait, so tests never race the bot. A consuming wait marks its item
 * so that the next consuming wait gets a later one.
 */
export class Inbox<T> {
  private readonly items: T[] = [];
  private readonly consumed = new Set<number>();
  private readonly waiters = new Set<Waiter<T>>();
  private closed = false;

  get all(): readonly T[] {
    return this.items;
  }

  push(item: T): void {
    const index = this.items.push(item) - 1;
    for (const waiter of this.waiters) {
      if (this.consumed.has(index) || !waiter.match(item)) continue;
      if (waiter.consume) this.consumed.add(index);
      waiter.resolve(item);
    }
  }

  wait(
    match: (item: T) => boolean,
    options: { consume: boolean; timeoutMs: number; what: () => string },
  ): Promise<T> {
    const index = this.items.findIndex((item, i) => !this.consumed.has(i) && match(item));
    if (index >= 0) {
      if (options.consume) this.consumed.add(index);
      return Promise.resolve(this.items[index] as T);
    }
    if (this.closed)
      return Promise.reject(new Error(`FakeDiscord closed while waiting for ${options.what()}`));
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        match,
        consume: options.consume,
        resolve: (item) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(item);
        },
        reject: (error) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(error);
        },
      };
      const timer = setTimeout(
        () =>
          waiter.reject(new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what()}`)),
        options.timeoutMs,
      );
      this.waiters.add(waiter);
    });
  }

  close(): void {
    this.closed = true;
    for (const waiter of this.waiters)
      waiter.reject(new Error('FakeDiscord closed while a test was waiting'));
  }
}
