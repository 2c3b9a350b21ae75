import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/ops/log.js';
import { readDiscordSettings } from '../src/settings.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123';

function problem(env: Record<string, string>, options = {}): string {
  try {
    readDiscordSettings(env, options);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no problem';
}

describe('Discord settings', () => {
  it('stops on a missing token with one line saying what to set, and where to try the bot without it', () => {
    const message = problem({});
    expect(message).toMatch(/^DISCORD_TOKEN is not set: put your bot token in \.env/);
    expect(message).toContain('npm run console');
    expect(message).not.toContain('\n');
    expect(problem({ DISCORD_TOKEN: '   ' })).toMatch(/^DISCORD_TOKEN is not set/);
  });

  it('inside the image, says how to pass the token to the container and how to run the console there', () => {
    vi.stubEnv('SUMMIT_IN_IMAGE', '1');
    try {
      const message = problem({});
      expect(message).toMatch(
        /^DISCORD_TOKEN is not set: pass your bot token to the container as DISCORD_TOKEN \(docker run -e DISCORD_TOKEN=… or --env-file/,
      );
      expect(message).toContain('docker run -it --rm summit console');
      expect(message).not.toMatch(/\.env\b|npm run/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('names each malformed setting without echoing the token', () => {
    expect(problem({ DISCORD_TOKEN: 'not a token' })).toMatch(
      /^DISCORD_TOKEN does not look like a bot token/,
    );
    expect(problem({ DISCORD_TOKEN: 'secret-value-without-dots' })).not.toContain('secret-value');
    expect(problem({ DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: 'general' })).toMatch(
      /^DISCORD_GUILD_ID must be/,
    );
    expect(problem({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: '12' })).toMatch(/^DISCORD_CLIENT_ID must be/);
    expect(problem({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'ftp://proxy' })).toMatch(
      /^DISCORD_API_URL must be an http\(s\) URL/,
    );
    expect(problem({ DISCORD_TOKEN: TOKEN, LOG_LEVEL: 'loud' })).toMatch(/^LOG_LEVEL must be one of/);
  });

  it('needs the application id only to deploy commands', () => {
    expect(problem({ DISCORD_TOKEN: TOKEN })).toBe('no problem');
    expect(problem({ DISCORD_TOKEN: TOKEN }, { needClientId: true })).toMatch(
      /^DISCORD_CLIENT_ID is not set/,
    );
  });

  it('reads valid settings with the defaults filled in', () => {
    expect(
      readDiscordSettings({
        DISCORD_TOKEN: TOKEN,
        DISCORD_CLIENT_ID: '123456789012345678',
        DISCORD_API_URL: 'http://127.0.0.1:3000/api',
        DISCORD_GUILD_ID: '',
      }),
    ).toEqual({
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: '123456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:3000/api',
      LOG_LEVEL: 'info',
      KNOWLEDGE_WATCH: 'on',
      METRICS_HOST: '127.0.0.1',
    });
  });

  it('serves /healthz and /metrics on loopback unless an IP address is given', () => {
    expect(readDiscordSettings({ DISCORD_TOKEN: TOKEN, METRICS_HOST: '0.0.0.0' }).METRICS_HOST).toBe(
      '0.0.0.0',
    );
    expect(readDiscordSettings({ DISCORD_TOKEN: TOKEN, METRICS_HOST: '::1' }).METRICS_HOST).toBe('::1');
    expect(() => readDiscordSettings({ DISCORD_TOKEN: TOKEN, METRICS_HOST: 'everywhere' })).toThrow(
      /^METRICS_HOST must be an IP address to listen on/,
    );
  });
});

describe('logs', () => {
  function capture() {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { lines, destination };
  }

  it('are JSON lines in which the token never appears, wherever it was put', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', secrets: [TOKEN], destination });
    log.info({ token: TOKEN }, 'a field named token');
    log.info({ request: { headers: { authorization: `Bot ${TOKEN}` } } }, 'a header');
    log.error({ err: new Error(`failed with ${TOKEN} in the message`) }, `and in the text: ${TOKEN}`);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toContain(TOKEN);
      expect(() => JSON.parse(line)).not.toThrow();
    }
    expect(lines.join('')).toContain('[redacted]');
  });
});
