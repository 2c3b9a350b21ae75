import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DrawRequest, DrawResponse } from './render-worker.js';

/**
 * Pictures are drawn in a thread of their own (render-worker.ts), started on the first picture
 * and stopped once no picture has been asked for in a while. The renderer (vega, vega-lite,
 * resvg, the fonts) costs about 100 MB once loaded and holds the CPU for a few hundred
 * milliseconds a picture: in the thread, the bot's event loop keeps answering meanwhile, and
 * an idle bot gives the memory back.
 */

/** How long the drawing thread waits for another picture before it stops. */
const RENDERER_IDLE_MS = 60_000;

/**
 * The compiled thread. Code runs from dist/src/timeline/ or, bundled, from dist/src/cli/: from
 * either, ../timeline/ is the same folder. Tests run the TypeScript sources, beside dist/.
 */
function workerFile(): string {
  const compiled = fileURLToPath(new URL('../timeline/render-worker.js', import.meta.url));
  return existsSync(compiled)
    ? compiled
    : fileURLToPath(new URL('../../dist/src/timeline/render-worker.js', import.meta.url));
}

type Waiting = { resolve: (png: Uint8Array) => void; reject: (error: Error) => void };

/** One drawing thread, the pictures it owes, and its idle timer. */
class DrawingThread {
  private readonly worker = new Worker(workerFile());
  private readonly pending = new Map<number, Waiting>();
  private nextId = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly gone: (thread: DrawingThread) => void) {
    this.worker.on('message', (response: DrawResponse) => {
      const waiting = this.pending.get(response.id);
      this.pending.delete(response.id);
      if ('png' in response) waiting?.resolve(response.png);
      else waiting?.reject(new Error(`drawing failed: ${response.error}`));
      this.settle();
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', () => this.fail(new Error('the drawing thread stopped')));
  }

  draw(spec: Record<string, unknown>): Promise<Uint8Array> {
    const id = this.nextId++;
    const drawn = new Promise<Uint8Array>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.worker.postMessage({ id, spec } satisfies DrawRequest);
    this.settle();
    return drawn;
  }

  async stop(): Promise<void> {
    clearTimeout(this.idle);
    await this.worker.terminate();
  }

  /** While pictures are owed the thread keeps the process alive; idle, it stops after a while. */
  private settle(): void {
    clearTimeout(this.idle);
    if (this.pending.size > 0) {
      this.worker.ref();
      return;
    }
    this.worker.unref();
    this.idle = setTimeout(() => {
      this.gone(this);
      void this.stop();
    }, RENDERER_IDLE_MS).unref();
  }

  /** The thread died: what it owed fails, and the next picture starts another. */
  private fail(error: Error): void {
    clearTimeout(this.idle);
    this.gone(this);
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

let thread: DrawingThread | undefined;
const forget = (gone: DrawingThread) => {
  if (thread === gone) thread = undefined;
};

export function renderChart(spec: Record<string, unknown>): Promise<Uint8Array> {
  thread ??= new DrawingThread(forget);
  return thread.draw(spec);
}

/** Stops the drawing thread now, freeing its memory; the next picture starts another. */
export async function releaseRenderer(): Promise<void> {
  const stopping = thread;
  thread = undefined;
  await stopping?.stop();
}
