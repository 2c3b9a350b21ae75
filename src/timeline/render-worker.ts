import { parentPort } from 'node:worker_threads';
import { draw } from './draw.js';

/**
 * The drawing thread: one specification in, one PNG out. resvg hands back bytes in memory it owns,
 * which Node 24 refuses to transfer (DataCloneError), so they are copied once (~150 KB) into a
 * buffer of this thread's own, and that buffer is moved rather than copied again.
 */

export interface DrawRequest {
  id: number;
  spec: Record<string, unknown>;
}

export type DrawResponse = { id: number; png: Uint8Array } | { id: number; error: string };

parentPort?.on('message', async ({ id, spec }: DrawRequest) => {
  try {
    const png = new Uint8Array((await draw(spec)).png);
    parentPort?.postMessage({ id, png } satisfies DrawResponse, [png.buffer]);
  } catch (error) {
    parentPort?.postMessage({ id, error: String((error as Error).stack ?? error) } satisfies DrawResponse);
  }
});
