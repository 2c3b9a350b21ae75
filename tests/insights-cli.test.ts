/**
 * The record outside Discord: the console's /insights and `npm run insights` exporting CSV and
 * JSON, both reading the store that the settings name.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply } from '../src/answers/reply.js';
import { questionRow } from '../src/insights/record.js';
import { openStore } from '../src/store/open.js';
import { engine } from './support/summit.js';

const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'summit-insights-cli-'));
const kb = engine().kb;
const FORMULA = '=HYPERLINK("http://evil","click")';

beforeAll(async () => {
  const store = await openStore({ dataDir: dir });
  const miss = reply({ kind: 'not-found', title: 't', text: 'x' });
  const now = Date.now();
  await store.insertQuestions([
    questionRow(
      'q1',
      { via: 'ask', text: 'Did they talk about tanks?', reply: miss, latencyMs: 3, kb },
      now - 1000,
    ),
    questionRow('q2', { via: 'mention', text: FORMULA, reply: miss, latencyMs: 4, kb }, now - 500),
    questionRow(
      'q3',
      { via: 'ask', text: 'line one\nline "two", three', reply: miss, latencyMs: 4, kb },
      now - 400,
    ),
    questionRow(
      'old',
      { via: 'ask', text: 'long ago', reply: miss, latencyMs: 4, kb },
      now - 40 * 86_400_000,
    ),
  ]);
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(script: string, args: string[], input?: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    SUMMIT_DATA_DIR: dir,
    SUMMIT_HISTORY: join(dir, 'h'),
  };
  delete env.DATABASE_URL;
  const result = spawnSync(process.execPath, [join(ROOT, 'dist/src/cli', script), ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 20_000,
    ...(input !== undefined && { input }),
  });
  if (result.error) throw result.error;
  return result;
}

describe('npm run insights', () => {
  it('exports the period as CSV, with formulas defused and quoting intact', () => {
    const { status, stdout, stderr } = run('insights.js', ['--format', 'csv', '--days', '30']);
    expect(status).toBe(0);
    expect(stderr).toContain('3 questions from the last 30 days (sqlite)');
    const lines = stdout.split('\r\n');
    expect(lines[0]).toBe('id,asked_at,guild,via,text,kind,sources,topic,latency_ms,kb_version');
    expect(stdout).toContain(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(stdout).toContain('"line one\nline ""two"", three"');
    expect(stdout).not.toContain('long ago');
  });

  it('exports JSON that parses back to the same questions', () => {
    const { status, stdout } = run('insights.js', ['--format', 'json', '--days', '90']);
    expect(status).toBe(0);
    const rows = JSON.parse(stdout) as { id: string; text: string; kind: string }[];
    expect(rows.map((r) => r.id)).toEqual(['old', 'q1', 'q2', 'q3']);
    expect(rows[2]).toMatchObject({ text: FORMULA, kind: 'not-covered' });
  });

  it('says what it takes when asked for something else', () => {
    const { status, stderr } = run('insights.js', ['--format', 'xml']);
    expect(status).toBe(2);
    expect(stderr).toContain('--format must be csv or json');
  });
});

describe('the console', () => {
  it('answers /insights from the record', () => {
    const { stdout } = run('console.js', [], '/insights days:7\n/when Sochi\n');
    expect(stdout).toContain('Insights · the last 7 days');
    expect(stdout).toMatch(/3 questions/);
    // Lines keep their order even though /insights waited for the store.
    expect(stdout.indexOf('Insights')).toBeLessThan(stdout.indexOf('Sochi'));
  });
});
