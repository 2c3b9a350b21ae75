/**
 * The image cannot be built on a machine without a Docker engine, so its recipe is checked
 * against the repository instead: what it copies exists and is not ignored, every mode of the
 * entry point runs a program the build produces, it runs unprivileged with a health check, and
 * secrets and tests stay out of the build context.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATEWAY_ENV, GATEWAY_NODE_FLAGS, GATEWAY_PROGRAM } from '../src/cli/lifecycle.js';
import { ROOT } from './support/bot.js';

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const entrypoint = readFileSync(join(ROOT, 'docker/entrypoint.sh'), 'utf8');
const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

/** Instructions, with continuation lines joined. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const stages = instructions.filter((i) => i.startsWith('FROM '));
const finalStage = instructions.slice(instructions.lastIndexOf(stages.at(-1) as string));

describe('Dockerfile', () => {
  it('builds in one stage and runs from another, with production dependencies only', () => {
    expect(stages).toHaveLength(2);
    expect(instructions).toContain('RUN npm run build && npm prune --omit=dev');
    expect(finalStage.some((i) => /npm (ci|install)/.test(i))).toBe(false);
  });

  it('copies only what exists in the repository and is not ignored', () => {
    const sources = instructions
      .filter((i) => i.startsWith('COPY ') && !i.includes('--from='))
      .flatMap((i) =>
        i
          .replace(/--chown=\S+/, '')
          .split(/\s+/)
          .slice(1, -1),
      );
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect(existsSync(join(ROOT, source)), source).toBe(true);
      expect(ignored, source).not.toContain(source);
    }
  });

  it('keeps secrets, tests, dependencies and build output out of the build context', () => {
    for (const path of ['.env', '.env.*', 'node_modules', 'dist', 'tests', '.git']) {
      expect(ignored).toContain(path);
    }
    expect(ignored).toContain('!.env.example');
  });

  it('runs as an unprivileged user, with a health check on /healthz and the fact base baked in', () => {
    expect(finalStage).toContain('USER node');
    expect(finalStage.find((i) => i.startsWith('HEALTHCHECK'))).toMatch(/\/healthz/);
    expect(finalStage.join('\n')).toMatch(/KNOWLEDGE_DIR=\/app\/knowledge/);
    expect(finalStage.some((i) => /^COPY .*knowledge knowledge$/.test(i))).toBe(true);
  });

  it('serves /healthz and /metrics on every interface inside the container, where its published port leads', () => {
    // Outside a container they stay on loopback (METRICS_HOST's default); the image opts out.
    expect(finalStage.join('\n')).toMatch(/METRICS_HOST=0\.0\.0\.0/);
    expect(finalStage.join('\n')).toMatch(/EXPOSE .*9090/);
  });

  it('offers every way of running Summit, each a program the build produces', () => {
    const programs = [...entrypoint.matchAll(/exec node (?:--\S+ )*(dist\/\S+\.js)/g)].map(
      (m) => m[1] as string,
    );
    expect(programs).toEqual(
      expect.arrayContaining([
        `dist/src/cli/${GATEWAY_PROGRAM}`,
        'dist/src/cli/serve.js',
        'dist/src/cli/start-sharded.js',
        'dist/src/cli/deploy-commands.js',
      ]),
    );
    for (const program of programs) expect(existsSync(join(ROOT, program)), program).toBe(true);
  });

  it('runs the gateway bot with the same environment, Node flags and program as npm start and every shard', () => {
    const flags = GATEWAY_NODE_FLAGS.join(' ');
    const env = Object.entries(GATEWAY_ENV)
      .map(([name, value]) => `${name}=${value}`)
      .join(' ');
    expect(entrypoint).toContain(`${env} exec node ${flags} dist/src/cli/${GATEWAY_PROGRAM}`);
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<
      string,
      string
    >;
    expect(scripts.start).toContain(`${env} node ${flags} dist/src/cli/${GATEWAY_PROGRAM}`);
  });

  it('has an entry point the shell accepts, which runs the bot by default', () => {
    execFileSync('sh', ['-n', join(ROOT, 'docker/entrypoint.sh')]);
    expect(instructions).toContain('CMD ["start"]');
  });
});
