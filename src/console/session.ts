import { type Reply, usage } from '../answers/reply.js';
import type { Context } from '../commands/command.js';
import { type ErrorSink, runLine } from '../commands/dispatch.js';
import { createContext } from '../commands/registry.js';
import type { Engine } from '../engine/engine.js';
import type { ReloadResult } from '../reload/live-engine.js';

/**
 * One console conversation: answers lines with the same dispatcher the Discord adapter uses,
 * and remembers the last answer's pages so that /next and /prev turn them. Only the last answer's:
 * after a question with a one-page answer, /next says so rather than paging an older list.
 */
export class ConsoleSession {
  private lastPage?: { command: string; index: number; count: number };
  private answered = false;

  constructor(
    private engine: Engine,
    private readonly onError: ErrorSink,
    private readonly random: () => number = Math.random,
    /** Loads the fact base again (/reload), where the console can. */
    private readonly reloadKnowledge?: () => ReloadResult,
  ) {}

  /** `extra`: what an async source put in the context beforehand (the record, for /insights). */
  answer(line: string, extra: Partial<Context> = {}): Reply {
    const text = line.trim();
    if (text === '/next' || text === '/prev') return this.turn(text === '/next' ? 1 : -1);
    return this.run(text, 1, extra);
  }

  private turn(step: number): Reply {
    const last = this.lastPage;
    if (!last) {
      return usage(
        'No list to turn',
        this.answered
          ? 'The last answer has no other pages: /next and /prev turn the pages of the answer just before them.'
          : 'Ask for a long list first, such as /meetings or /topics.',
      );
    }
    const index = last.index + step;
    if (index < 1 || index > last.count) {
      return usage(
        'No more pages',
        `That list has ${last.count} page${last.count === 1 ? '' : 's'}; this is page ${last.index}.`,
      );
    }
    return this.run(last.command, index);
  }

  private run(line: string, page: number, extra: Partial<Context> = {}): Reply {
    const reload = this.reloadKnowledge && (() => this.reload());
    const ctx = createContext(this.engine, {
      ...extra,
      page,
      random: this.random,
      ...(reload && { reload }),
    });
    const reply = runLine(line, ctx, this.onError);
    this.lastPage = reply.page && { ...reply.page };
    this.answered = true;
    return reply;
  }

  private reload(): ReloadResult {
    const result = (this.reloadKnowledge as () => ReloadResult)();
    this.engine = result.engine;
    return result;
  }
}
