import { parentPort } from 'node:worker_threads';
import { draw } from './draw.js';

/** The drawing thread: one specification in, one PNG out (its bytes moved, not copied). */

export interface DrawRequest {
  id: number;
  spec: Record<string, unknown>;
}

export type DrawResponse = { id: number; png: Uint8Array } | { id: number; error: string };

parentPort?.on('message', async ({ id, spec }: DrawRequest) => {
  try {
    const { png } = await draw(spec);
    parentPort?.postMessage({ id, png } satisfies DrawResponse, [png.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort?.postMessage({ id, error: String((error as Error).stack ?? error) } satisfies DrawResponse);
  }
});
