import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

/**
 * A program run in a real pseudo-terminal (util-linux `script` provides one) of a chosen width, as
 * a person at a terminal runs it: it sees a TTY, prints its prompt and colours, and reads what is
 * typed line by line.
 */
export class Terminal {
  readonly #child: ChildProcessWithoutNullStreams;
  #raw = '';
  readonly exited: Promise<number | null>;

  constructor(
    command: string,
    { columns = 80, env = {} }: { columns?: number; env?: NodeJS.ProcessEnv } = {},
  ) {
    this.#child = spawn('script', ['-qfec', `stty cols ${columns} rows 50; exec ${command}`, '/dev/null'], {
      env: { ...process.env, ...env },
    });
    this.#child.stdout.on('data', (chunk: Buffer) => {
      this.#raw += chunk.toString();
    });
    this.exited = new Promise((done) => this.#child.on('exit', (code) => done(code)));
  }

  /** Everything written to the terminal, escape codes included. */
  get raw(): string {
    return this.#raw;
  }

  /** What a person sees: escape codes and carriage returns gone. */
  get screen(): string {
    return stripVTControlCharacters(this.#raw).replace(/\r/g, '');
  }

  /** Waits until the output holds `text` `times` times in all. */
  async waitFor(text: string, times = 1, timeoutMs = 15_000): Promise<void> {
    const start = Date.now();
    while (this.screen.split(text).length - 1 < times) {
      if (Date.now() - start > timeoutMs) throw new Error(`no ${JSON.stringify(text)} in:\n${this.screen}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Types a line and Enter. */
  type(line: string): void {
    this.#child.stdin.write(`${line}\r`);
  }
}
