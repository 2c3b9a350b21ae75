/**
 * The image's recipe checked against the repository, in every run of the suite (building and
 * running the image itself is `npm run test:image`, which needs a Docker engine): what it copies
 * exists and is not ignored, every mode of the entry point runs a program the build produces, it
 * runs unprivileged with a health check, and secrets and tests stay out of the build context.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GATEWAY_ENV, GATEWAY_PROGRAM } from '../src/cli/gateway-launch.js';
import { ROOT } from './support/bot.js';
import { imageModes } from './support/image-modes.js';

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
    for (const path of ['.env', '.env.*', 'node_modules', 'dist', '.cache', 'tests', '.git']) {
      expect(ignored).toContain(path);
    }
    expect(ignored).toContain('!.env.example');
  });

  it('runs as an unprivileged user, with the fact base baked in, owned by root and read-only to that user', () => {
    expect(finalStage).toContain('USER node');
    expect(finalStage.join('\n')).toMatch(/KNOWLEDGE_DIR=\/app\/knowledge/);
    expect(finalStage).toContain('COPY knowledge knowledge');
    expect(finalStage.some((i) => i.includes('--chown'))).toBe(false);
  });

  it('builds offline from any base that has Node, Node 24 by default, without fetching a BuildKit frontend', () => {
    expect(dockerfile).not.toMatch(/^#\s*syntax=/m);
    expect(instructions).toContain('ARG NODE_IMAGE=node:24-bookworm-slim');
    expect(stages.every((i) => /^FROM \$\{NODE_IMAGE\}/.test(i))).toBe(true);
  });

  it('compiles native modules against the headers of the Node that runs them, not a download from nodejs.org', () => {
    const buildStage = instructions.slice(0, instructions.indexOf(stages[1] as string));
    // Where the official node images keep them, and the stand-in base (scripts/image/base.sh) too.
    const nodedir = buildStage.indexOf('ENV npm_package_config_node_gyp_nodedir=/usr/local');
    expect(nodedir).toBeGreaterThan(0);
    expect(nodedir).toBeLessThan(buildStage.findIndex((i) => i.startsWith('RUN npm ci')));
  });

  it('keeps the record of questions in a volume the unprivileged user owns, in the image and under compose', () => {
    expect(finalStage).toContain('RUN mkdir -p /app/data && chown node:node /app/data');
    expect(finalStage).toContain('VOLUME /app/data');
    expect(finalStage.join('\n')).toMatch(/SUMMIT_DATA_DIR=\/app\/data/);
    expect(readFileSync(join(ROOT, 'compose.yaml'), 'utf8')).toMatch(/^ {6}- summit-data:\/app\/data$/m);
  });

  it('checks health with a program the build produces, and exposes every port a mode serves', () => {
    const check = finalStage.find((i) => i.startsWith('HEALTHCHECK'));
    expect(check).toContain('CMD ["node", "/app/dist/src/cli/healthcheck.js"]');
    expect(existsSync(join(ROOT, 'dist/src/cli/healthcheck.js'))).toBe(true);
    expect(finalStage).toContain('EXPOSE 8080 9090-9099');
  });

  it('serves /healthz and /metrics on every interface inside the container, where its published port leads', () => {
    // Outside a container they stay on loopback (METRICS_HOST's default); the image opts out.
    expect(finalStage.join('\n')).toMatch(/METRICS_HOST=0\.0\.0\.0/);
    expect(finalStage.join('\n')).toMatch(/EXPOSE .*9090/);
  });

  it('offers every way of running Summit, each a program the build produces', () => {
    const programs = [
      ...entrypoint.matchAll(/exec node (?:\$GATEWAY_NODE_FLAGS )?\/app\/(dist\/\S+\.js)/g),
    ].map((m) => m[1] as string);
    expect(programs).toEqual(
      expect.arrayContaining([
        `dist/src/cli/${GATEWAY_PROGRAM}`,
        'dist/src/cli/serve.js',
        'dist/src/cli/start-sharded.js',
        'dist/src/cli/deploy-commands.js',
        'dist/src/cli/knowledge-check.js',
        'dist/src/cli/ask.js',
        'dist/src/cli/console.js',
      ]),
    );
    for (const program of programs) expect(existsSync(join(ROOT, program)), program).toBe(true);
  });

  it('starts the gateway bot with the environment npm start and every shard use, from one file', () => {
    expect(GATEWAY_ENV).toEqual({
      MALLOC_TRIM_THRESHOLD_: '131072',
      MALLOC_MMAP_THRESHOLD_: '32768',
      NODE_OPTIONS: '--max-semi-space-size=1 --expose-gc',
      GATEWAY_NODE_FLAGS: '--no-maglev --no-sparkplug --no-wasm-dynamic-tiering --no-wasm-tier-up',
    });
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<
      string,
      string
    >;
    const sourced = /set -a\s*(?:&&|\n)\s*\. (?:\.|\/app)\/dist\/src\/cli\/gateway\.env/;
    expect(scripts.start).toMatch(sourced);
    expect(scripts.start).toContain(`node $GATEWAY_NODE_FLAGS dist/src/cli/${GATEWAY_PROGRAM}`);
    expect(entrypoint).toContain(`node $GATEWAY_NODE_FLAGS /app/dist/src/cli/${GATEWAY_PROGRAM}`);
    expect(entrypoint).toMatch(sourced);
    for (const copy of [scripts.start, entrypoint]) {
      for (const [name, value] of Object.entries(GATEWAY_ENV)) {
        expect(copy).not.toContain(name === 'NODE_OPTIONS' ? '--max-semi-space-size' : value);
      }
    }
    expect(existsSync(join(ROOT, 'dist/src/cli/gateway.env'))).toBe(true);
  });

  it('has an entry point the shell accepts, which runs the bot by default', () => {
    execFileSync('sh', ['-n', join(ROOT, 'docker/entrypoint.sh')]);
    expect(instructions).toContain('CMD ["start"]');
  });

  it('answers a mistyped mode with the list of modes', () => {
    const run = spawnSync('sh', [join(ROOT, 'docker/entrypoint.sh'), 'server'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^summit: there is no mode called 'server'\./);
    expect(imageModes()).toEqual([
      'start',
      'start:sharded',
      'serve',
      'deploy-commands',
      'knowledge:check',
      'ask',
      'console',
      'insights',
    ]);
    for (const mode of imageModes()) {
      expect(run.stderr).toMatch(new RegExp(`^  ${mode} `, 'm'));
    }
  });

  it('keeps scripts and sources LF on every checkout', () => {
    expect(readFileSync(join(ROOT, '.gitattributes'), 'utf8')).toMatch(/^\* text=auto eol=lf$/m);
    expect(entrypoint).not.toContain('\r');
  });
});
