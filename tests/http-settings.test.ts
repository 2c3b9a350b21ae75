import { describe, expect, it } from 'vitest';
import { readHttpSettings } from '../src/settings.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123';
const KEY = 'a'.repeat(64);

function problem(env: Record<string, string>): string {
  try {
    readHttpSettings(env);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no problem';
}

describe('HTTP endpoint settings', () => {
  it('names the missing or malformed public key in one line, without echoing it', () => {
    expect(problem({ DISCORD_TOKEN: TOKEN })).toMatch(
      /^DISCORD_PUBLIC_KEY is not set: .*Developer Portal\.$/,
    );
    expect(problem({ DISCORD_TOKEN: TOKEN, DISCORD_PUBLIC_KEY: '  ' })).toMatch(
      /^DISCORD_PUBLIC_KEY is not set/,
    );
    const wrong = problem({ DISCORD_TOKEN: TOKEN, DISCORD_PUBLIC_KEY: 'secret-but-not-hex' });
    expect(wrong).toMatch(/^DISCORD_PUBLIC_KEY does not look like a public key \(64 hex digits\)/);
    expect(wrong).not.toContain('secret');
    expect(wrong).not.toContain('\n');
  });

  it('listens on 8080 unless PORT says otherwise, and refuses a port that cannot be', () => {
    expect(readHttpSettings({ DISCORD_TOKEN: TOKEN, DISCORD_PUBLIC_KEY: KEY }).PORT).toBe(8080);
    expect(readHttpSettings({ DISCORD_TOKEN: TOKEN, DISCORD_PUBLIC_KEY: KEY, PORT: '3000' }).PORT).toBe(3000);
    for (const port of ['http', '70000', '-1', '80.5']) {
      expect(problem({ DISCORD_TOKEN: TOKEN, DISCORD_PUBLIC_KEY: KEY, PORT: port })).toMatch(
        /^PORT must be a port number/,
      );
    }
  });

  it('needs the bot token too, for what it posts through REST', () => {
    expect(problem({ DISCORD_PUBLIC_KEY: KEY })).toMatch(/^DISCORD_TOKEN is not set/);
  });
});
