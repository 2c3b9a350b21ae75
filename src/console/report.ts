import type { ErrorSink } from '../commands/dispatch.js';
import { knowledgeSettings } from '../settings.js';

/** A failed handler in the console: one line with the reference; the stack only with SUMMIT_DEBUG=1. */
export const reportToStderr: ErrorSink = (error, reference, invocation) => {
  const detail =
    knowledgeSettings().SUMMIT_DEBUG === '1' && error instanceof Error ? error.stack : String(error);
  console.error(`[summit] /${invocation.command} failed (reference ${reference}): ${detail}`);
};
