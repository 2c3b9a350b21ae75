/**
 * Words the console itself obeys rather than asking the fact base: with or without a slash,
 * since a user who types `clear` or `exit` at a prompt expects a shell's meaning, not an answer.
 */
const CONTROLS = { clear: 'clear', exit: 'quit', quit: 'quit' } as const;

export type ConsoleControl = (typeof CONTROLS)[keyof typeof CONTROLS];

export function consoleControl(line: string): ConsoleControl | undefined {
  const word = line.trim().toLowerCase().replace(/^\//, '');
  return Object.hasOwn(CONTROLS, word) ? CONTROLS[word as keyof typeof CONTROLS] : undefined;
}
