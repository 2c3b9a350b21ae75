import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkKnowledge,
  formatProblem,
  KnowledgeError,
  type KnowledgeProblem,
  loadKnowledge,
} from '../src/knowledge/load.js';
import { copyKnowledge, mutate, removeKnowledgeCopies } from './support/knowledge-copy.js';

const ROOT = resolve(import.meta.dirname, '..');
const KNOWLEDGE = join(ROOT, 'knowledge');
const CHECK_CLI = join(ROOT, 'dist/src/cli/knowledge-check.js');
const ASK_CLI = join(ROOT, 'dist/src/cli/ask.js');
const STACK_LINE = '    at ';

afterAll(removeKnowledgeCopies);

/** The 1-based line of the first (or last) line of `text` that contains `needle`. */
function lineOf(text: string, needle: string, which: 'first' | 'last' = 'first'): number {
  const lines = text.split('\n');
  const index =
    which === 'first'
      ? lines.findIndex((l) => l.includes(needle))
      : lines.findLastIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`no line contains ${needle}`);
  return index + 1;
}

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  if (!('KNOWLEDGE_DIR' in extra)) delete out.KNOWLEDGE_DIR;
  return out;
}

function run(script: string, args: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: ROOT,
    env: env(extraEnv),
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the real fact base', () => {
  it('passes the check with no problems and loads every collection', () => {
    const { knowledge, problems } = checkKnowledge(KNOWLEDGE);
    expect(problems).toEqual([]);
    expect(knowledge).toBeDefined();
    expect(knowledge?.sources).toHaveLength(5);
    for (const name of ['meetings', 'quotes', 'people', 'places', 'topics', 'events'] as const) {
      expect(knowledge?.[name].length, name).toBeGreaterThan(0);
    }
    expect(knowledge?.version).toMatch(/^[0-9a-f]{12}$/);
    // Every source carries the text of its article.
    for (const source of knowledge?.sources ?? [])
      expect(knowledge?.article(source).length).toBeGreaterThan(100);
  });

  it('loadKnowledge returns the same fact base, with lookups by id', () => {
    const kb = loadKnowledge(KNOWLEDGE);
    expect(kb.person('putin')?.name).toBe('Vladimir Putin');
    expect(kb.meeting('sochi-2019')?.sources).toContain('sochi-2019');
    expect(kb.source('nope')).toBeUndefined();
  });

  it('the CLI exits 0 with a one-line summary of the counts on stdout', () => {
    const kb = loadKnowledge(KNOWLEDGE);
    const { status, stdout, stderr } = run(CHECK_CLI, ['knowledge']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const counts = (['sources', 'meetings', 'quotes', 'people', 'places', 'topics', 'events'] as const)
      .map((name) => `${kb[name].length} ${name}`)
      .join(', ');
    expect(stdout.trim()).toBe(`knowledge:check passed (version ${kb.version}): ${counts}`);
    expect(stdout).toMatch(/: 5 sources, /);
  });
});

interface BrokenCase {
  name: string;
  file: string;
  from: string | RegExp;
  to: string;
  /** The record path the problem must name. */
  path: string;
  message: RegExp;
  /** Text on the line(s) the problem may point at (in the mutated file). */
  at: string[];
  /** Whether the mutation must yield exactly this one problem (no knock-on problems). */
  only?: boolean;
}

const brokenCases: BrokenCase[] = [
  {
    name: 'a missing required field',
    file: 'events.yaml',
    from: / {2}summary: >-\n {4}A joint mechanism[\s\S]*?proposing it\.\n/,
    to: '',
    path: '[0].summary (deconfliction-mechanism-2015)',
    message: /^missing required field "summary"$/,
    at: ['- id: deconfliction-mechanism-2015'],
    only: true,
  },
  {
    name: 'an unknown key',
    file: 'quotes.yaml',
    from: '  meeting: paris-2018\n  context: Netanyahu said that',
    to: '  meeting: paris-2018\n  mood: happy\n  context: Netanyahu said that',
    path: '[0] (paris-2018-very-good)',
    message: /"mood"/,
    at: ['- id: paris-2018-very-good', 'mood: happy'],
    only: true,
  },
  {
    name: 'a quote that is not verbatim in its source',
    file: 'quotes.yaml',
    from: 'text: We haven’t planned yet\n',
    to: 'text: We have planned nothing yet\n',
    path: '[1].text (paris-2018-not-planned)',
    message: /^quote not found verbatim in source "jns-paris-2018": "We have planned nothing yet"$/,
    at: ['text: We have planned nothing yet'],
    only: true,
  },
  {
    name: 'an evidence span that is not in its article',
    file: 'events.yaml',
    from: 'text: credited Netanyahu with proposing',
    to: 'text: credited Putin with proposing',
    path: '[0].evidence[1].text (deconfliction-mechanism-2015)',
    message:
      /^evidence not found verbatim in source "paris-coordination-2015": "credited Putin with proposing/,
    at: ['text: credited Putin with proposing'],
    only: true,
  },
  {
    name: 'an unknown person in participants',
    file: 'meetings.yaml',
    from: 'participants: [netanyahu, putin]',
    to: 'participants: [netanyahu, putn]',
    path: '[0].participants[1] (jerusalem-2012)',
    message: /^unknown person "putn" \(no such id in people\.yaml\)$/,
    at: ['participants: [netanyahu, putn]'],
    only: true,
  },
  {
    name: 'an unknown topic',
    file: 'meetings.yaml',
    from: '- topic: deconfliction-mechanism\n',
    to: '- topic: deconfliction-mechanisms\n',
    path: '[1].topics[0].topic (moscow-2015)',
    message: /^unknown topic "deconfliction-mechanisms" \(no such id in topics\.yaml\)$/,
    at: ['- topic: deconfliction-mechanisms'],
    only: true,
  },
  {
    name: 'an unknown source',
    file: 'meetings.yaml',
    from: 'source: jns-paris-2018',
    to: 'source: jns-paris-2019',
    path: '[0].date.evidence[0].source (jerusalem-2012)',
    message: /^unknown source "jns-paris-2019" \(no such id in sources\.yaml\)$/,
    at: ['source: jns-paris-2019'],
    only: true,
  },
  {
    name: 'an unknown event in related',
    file: 'meetings.yaml',
    from: 'related: [turkey-downs-russian-jet-2015,',
    to: 'related: [turkey-downs-israeli-jet-2015,',
    path: '[3].related[0] (paris-2015)',
    message: /^unknown event "turkey-downs-israeli-jet-2015" \(no such id in events\.yaml\)$/,
    at: ['related: [turkey-downs-israeli-jet-2015,'],
    only: true,
  },
  {
    name: 'a malformed day (2012-02-30)',
    file: 'meetings.yaml',
    from: 'value: 2012-06-25',
    to: 'value: 2012-02-30',
    path: '[0].date.value (jerusalem-2012)',
    message: /not a real calendar date/,
    at: ['value: 2012-02-30'],
    only: true,
  },
  {
    name: 'a malformed month (2019-13)',
    file: 'quotes.yaml',
    from: 'value: 2018-11',
    to: 'value: 2019-13',
    path: '[1].date.value (paris-2018-not-planned)',
    message: /not a real calendar date/,
    at: ['value: 2019-13'],
    only: true,
  },
  {
    name: 'a date in the wrong form (2012-6-25)',
    file: 'meetings.yaml',
    from: 'value: 2012-06-25',
    to: 'value: 2012-6-25',
    path: '[0].date.value (jerusalem-2012)',
    message: /a date is YYYY, YYYY-MM or YYYY-MM-DD/,
    at: ['value: 2012-6-25'],
  },
  {
    name: 'an inferred date without reasoning',
    file: 'meetings.yaml',
    from: '    status: stated\n',
    to: '    status: inferred\n',
    path: '[0].date.reasoning (jerusalem-2012)',
    message: /an inferred value needs its reasoning/,
    at: ['  date:', 'value: 2012-06-25', 'status: inferred'],
    only: true,
  },
  {
    name: 'a venue not within its city',
    file: 'meetings.yaml',
    from: 'city: jerusalem\n    venue: netanyahu-residence',
    to: 'city: moscow\n    venue: netanyahu-residence',
    path: '[0].place.venue (jerusalem-2012)',
    message: /^venue "netanyahu-residence" is not within city "moscow"$/,
    at: ['venue: netanyahu-residence'],
    only: true,
  },
];

/** Asserts that the problem list opens with a clear, located problem, and returns it. */
function expectLocated(problems: KnowledgeProblem[], file: string, path: string, message: RegExp) {
  expect(problems.length).toBeGreaterThan(0);
  const first = problems[0] as KnowledgeProblem;
  expect({ file: first.file, path: first.path }).toEqual({ file, path });
  expect(first.message).toMatch(message);
  expect(first.line).toBeTypeOf('number');
  expect(first.column).toBeTypeOf('number');
  return first;
}

describe('a broken copy of the fact base', () => {
  it.each(brokenCases)('reports $name with its file, path and line', (c) => {
    const dir = copyKnowledge();
    const text = mutate(dir, c.file, c.from, c.to);
    const { knowledge, problems } = checkKnowledge(dir);
    expect(knowledge).toBeUndefined();
    const problem = expectLocated(problems, c.file, c.path, c.message);
    const lines = c.at.map((needle) => lineOf(text, needle));
    expect(lines).toContain(problem.line);
    const formatted = formatProblem(problem);
    expect(formatted).toContain(`${c.file}:${problem.line}:${problem.column} ${c.path}: `);
    if (c.only) expect(problems.map(formatProblem)).toEqual([formatted]);
  });

  it('reports a duplicate id at the second record', () => {
    const dir = copyKnowledge();
    const copy = [
      '',
      '- id: netanyahu',
      '  name: Bibi Netanyahu',
      '  role: Prime Minister of Israel',
      '  evidence:',
      '    - source: jns-paris-2018',
      '      text: Israeli Prime Minister Benjamin Netanyahu',
      '',
    ].join('\n');
    const text = mutate(dir, 'people.yaml', /$/, copy);
    const count = loadKnowledge(KNOWLEDGE).people.length;
    const { problems } = checkKnowledge(dir);
    const problem = expectLocated(
      problems,
      'people.yaml',
      `[${count}].id (netanyahu)`,
      /^duplicate id "netanyahu" \(first used by record \[0\]\)$/,
    );
    expect(problem.line).toBe(lineOf(text, '- id: netanyahu', 'last'));
    expect(problems).toHaveLength(1);
  });

  it('reports a missing article file at the `file` field of its source', () => {
    const dir = copyKnowledge();
    const source = loadKnowledge(KNOWLEDGE).source('moscow-25-years-2016');
    expect(source).toBeDefined();
    const file = source?.file ?? '';
    rmSync(join(dir, 'articles', file));
    const { knowledge, problems } = checkKnowledge(dir);
    expect(knowledge).toBeUndefined();
    const index = loadKnowledge(KNOWLEDGE).sources.findIndex((s) => s.id === 'moscow-25-years-2016');
    const problem = expectLocated(
      problems,
      'sources.yaml',
      `[${index}].file (moscow-25-years-2016)`,
      new RegExp(`^article file not found: articles/${file.replace('.', '\\.')}$`),
    );
    const sources = readFileSync(join(dir, 'sources.yaml'), 'utf8');
    expect(problem.line).toBe(lineOf(sources, `file: ${file}`));
    expect(problems).toHaveLength(1);
  });

  it('reports invalid YAML syntax with the line where it goes wrong', () => {
    const dir = copyKnowledge();
    const text = mutate(
      dir,
      'topics.yaml',
      'label: Military and security coordination\n',
      'label: [Military and security coordination\n',
    );
    const { knowledge, problems } = checkKnowledge(dir);
    expect(knowledge).toBeUndefined();
    const first = problems[0] as KnowledgeProblem;
    expect(first.file).toBe('topics.yaml');
    expect(first.message).toMatch(/^not valid YAML: /);
    // The line of the mistake, or just after it where the parser notices.
    const broken = lineOf(text, 'label: [Military');
    expect(first.line).toBeTypeOf('number');
    expect(first.line).toBeGreaterThanOrEqual(broken);
    expect(first.line).toBeLessThanOrEqual(broken + 3);
    expect(formatProblem(first)).toMatch(new RegExp(`^topics\\.yaml:${first.line}:\\d+ `));
  });

  it('reports one mistake once, not again at every record that refers to it', () => {
    // netanyahu is referred to by most meetings, events and quotes.
    const dir = copyKnowledge();
    const text = mutate(
      dir,
      'people.yaml',
      '  role: Prime Minister of Israel\n',
      '  role: Prime Minister of Israel\n  nickname: Bibi\n',
    );
    const { problems } = checkKnowledge(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'people.yaml', line: lineOf(text, 'nickname: Bibi') });
    expect(problems[0]?.message).toMatch(/nickname/);
  });

  it('does not report references into a file it could not read', () => {
    const dir = copyKnowledge();
    mutate(
      dir,
      'topics.yaml',
      'label: Military and security coordination\n',
      'label: [Military and security coordination\n',
    );
    const { problems } = checkKnowledge(dir);
    expect(problems.map((p) => p.file)).toEqual(['topics.yaml']);
  });

  it('reports a file that is not a list', () => {
    const dir = copyKnowledge();
    // The same records, but under a `topics:` key: a mapping instead of a list.
    mutate(dir, 'topics.yaml', /^/, 'topics:\n');
    mutate(dir, 'topics.yaml', /^(?!topics:)(?=.)/gm, '  ');
    const { knowledge, problems } = checkKnowledge(dir);
    expect(knowledge).toBeUndefined();
    const first = problems[0] as KnowledgeProblem;
    expect(first).toMatchObject({ file: 'topics.yaml', path: '', line: 1 });
    expect(first.message).toMatch(/must hold a list of records/);
    expect(formatProblem(first)).toBe('topics.yaml:1:1 (file): the file must hold a list of records');
  });

  it('reports a missing YAML file by name', () => {
    const dir = copyKnowledge();
    rmSync(join(dir, 'events.yaml'));
    const { knowledge, problems } = checkKnowledge(dir);
    expect(knowledge).toBeUndefined();
    const first = problems[0] as KnowledgeProblem;
    expect(first.file).toBe('events.yaml');
    expect(first.message).toMatch(/^missing file \(expected at .*events\.yaml\)$/);
    expect(formatProblem(first)).toMatch(/^events\.yaml \(file\): missing file/);
  });

  it('reports a knowledge folder that does not exist', () => {
    const missing = join(tmpdir(), `summit-no-such-folder-${process.pid}`);
    const { knowledge, problems } = checkKnowledge(missing);
    expect(knowledge).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/does not exist/);
  });

  it('loadKnowledge throws a KnowledgeError that lists every problem', () => {
    const dir = copyKnowledge();
    mutate(dir, 'meetings.yaml', 'participants: [netanyahu, putin]', 'participants: [netanyahu, putn]');
    let caught: unknown;
    try {
      loadKnowledge(dir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KnowledgeError);
    const error = caught as KnowledgeError;
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain('1 problem in the fact base:');
    expect(error.message).toContain(formatProblem(error.problems[0] as KnowledgeProblem));
  });
});

describe('normalisation of quotes and evidence', () => {
  it.each([
    {
      name: 'a straight apostrophe where the article has a typographic one',
      from: 'text: We haven’t planned yet\n',
      to: "text: We haven't planned yet\n",
    },
    {
      name: 'straight double quotes where the article has typographic ones',
      from: 'context: “We haven’t planned yet,” Putin said on Thursday.',
      to: `context: '"We haven''t planned yet," Putin said on Thursday.'`,
    },
    {
      name: 'line breaks inside a quote',
      from: 'text: conversation was very good and to the point; I would say it was very important.\n',
      to: 'text: |-\n    conversation was very good\n    and to the point; I would say\n    it was very important.\n',
    },
  ])('still matches with $name', ({ from, to }) => {
    const dir = copyKnowledge();
    mutate(dir, 'quotes.yaml', from, to);
    const { knowledge, problems } = checkKnowledge(dir);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(knowledge).toBeDefined();
  });
});

describe('version', () => {
  it('is the same for an identical copy and changes when a file changes', () => {
    const original = loadKnowledge(KNOWLEDGE).version;
    const dir = copyKnowledge();
    expect(loadKnowledge(dir).version).toBe(original);

    mutate(dir, 'topics.yaml', /$/, '\n# a comment added by a test\n');
    const afterYaml = loadKnowledge(dir).version;
    expect(afterYaml).not.toBe(original);

    const article = loadKnowledge(KNOWLEDGE).sources[0]?.file ?? '';
    mutate(dir, join('articles', article), /$/, '\nAn extra line.\n');
    const afterArticle = loadKnowledge(dir).version;
    expect(afterArticle).not.toBe(afterYaml);
    expect(afterArticle).not.toBe(original);
  });
});

describe('the knowledge:check CLI on a broken fact base', () => {
  it('exits 1 with the located problem and a summary on stderr, nothing on stdout', () => {
    const dir = copyKnowledge();
    const text = mutate(
      dir,
      'meetings.yaml',
      'city: jerusalem\n    venue: netanyahu-residence',
      'city: moscow\n    venue: netanyahu-residence',
    );
    const { status, stdout, stderr } = run(CHECK_CLI, [dir]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    const line = lineOf(text, 'venue: netanyahu-residence');
    expect(stderr).toMatch(
      new RegExp(
        `^meetings\\.yaml:${line}:\\d+ \\[0\\]\\.place\\.venue \\(jerusalem-2012\\): venue "netanyahu-residence" is not within city "moscow"$`,
        'm',
      ),
    );
    expect(stderr).toContain(`knowledge:check failed: 1 problem in ${dir}`);
    expect(stderr).not.toContain(STACK_LINE);
  });

  it('checks KNOWLEDGE_DIR when no folder is given', () => {
    const dir = copyKnowledge();
    mutate(dir, 'meetings.yaml', 'participants: [netanyahu, putin]', 'participants: [netanyahu, putn]');
    const { status, stderr } = run(CHECK_CLI, [], { KNOWLEDGE_DIR: dir });
    expect(status).toBe(1);
    expect(stderr).toContain('unknown person "putn"');
    expect(stderr).not.toContain(STACK_LINE);
  });

  it('exits 1 with a clear message for a folder that does not exist', () => {
    const missing = join(tmpdir(), `summit-no-such-folder-${process.pid}`);
    const { status, stdout, stderr } = run(CHECK_CLI, [missing]);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/the knowledge folder does not exist/);
    expect(stderr).not.toContain(STACK_LINE);
  });
});

describe('KNOWLEDGE_DIR and the ask CLI', () => {
  it('answers from the fact base KNOWLEDGE_DIR points at', () => {
    const dir = copyKnowledge();
    const original = 'Netanyahu, Putin talk in Paris; no future meeting set';
    const edited = 'Netanyahu and Putin talk in Paris (title edited by a test)';
    mutate(dir, 'sources.yaml', `title: ${original}\n`, `title: ${edited}\n`);
    expect(checkKnowledge(dir).problems).toEqual([]);
    const { status, stdout, stderr } = run(ASK_CLI, ['/sources'], { KNOWLEDGE_DIR: dir });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain(edited);
    expect(stdout).not.toContain(original);
  });

  it('exits 1 with a clear message when KNOWLEDGE_DIR does not exist', () => {
    const missing = join(tmpdir(), `summit-no-such-folder-${process.pid}`);
    const { status, stdout, stderr } = run(ASK_CLI, ['/sources'], { KNOWLEDGE_DIR: missing });
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(missing);
    expect(stderr).toMatch(/does not exist/);
    expect(stderr).toMatch(/KNOWLEDGE_DIR/);
    expect(stderr).not.toContain(STACK_LINE);
  });

  it('exits 1 listing the problems when KNOWLEDGE_DIR holds a broken fact base', () => {
    const dir = copyKnowledge();
    mutate(dir, 'quotes.yaml', 'text: We haven’t planned yet\n', 'text: We have planned nothing yet\n');
    const { status, stdout, stderr } = run(ASK_CLI, ['When did they meet in Sochi?'], { KNOWLEDGE_DIR: dir });
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('[1].text (paris-2018-not-planned): quote not found verbatim');
    expect(stderr).toContain(`The fact base in ${dir} is not valid`);
    expect(stderr).not.toContain(STACK_LINE);
  });
});

describe('a hostile knowledge folder', () => {
  const outside = () => {
    const dir = copyKnowledge();
    const secret = join(copyKnowledge(), 'secret.txt');
    writeFileSync(secret, 'Netanyahu and Putin met in Sochi. The token is hunter2.');
    return { dir, secret };
  };

  it('refuses a collection or an article that a symlink leads out of the folder, but not one that stays inside', () => {
    const { dir, secret } = outside();
    rmSync(join(dir, 'topics.yaml'));
    symlinkSync(secret, join(dir, 'topics.yaml'));
    const article = readFileSync(join(dir, 'sources.yaml'), 'utf8').match(/^ {2}file: (\S+)$/m)?.[1] ?? '';
    rmSync(join(dir, 'articles', article));
    symlinkSync(secret, join(dir, 'articles', article));
    const messages = checkKnowledge(dir).problems.map(formatProblem);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^topics\.yaml \(file\): refused: it leads outside the knowledge folder/),
        expect.stringContaining(`articles/${article}: refused: it leads outside the knowledge folder`),
      ]),
    );

    // A mounted volume's layout: every file a link into a sibling folder of the same mount.
    const mounted = copyKnowledge();
    const data = join(mounted, '..data');
    mkdirSync(data);
    renameSync(join(mounted, 'topics.yaml'), join(data, 'topics.yaml'));
    symlinkSync(join('..data', 'topics.yaml'), join(mounted, 'topics.yaml'));
    expect(checkKnowledge(mounted).problems).toEqual([]);
  });

  it('refuses an article path that climbs out of the folder with ".."', () => {
    const { dir, secret } = outside();
    const climb = relative(join(dir, 'articles'), secret);
    mutate(dir, 'sources.yaml', /^( {2}file: )\S+$/m, `$1${climb}`);
    const messages = checkKnowledge(dir).problems.map(formatProblem);
    expect(messages.some((m) => m.includes('refused: it leads outside the knowledge folder'))).toBe(true);
  });

  it('reports a "billion laughs" file of nested aliases as a problem instead of expanding it', () => {
    const dir = copyKnowledge();
    const lines = ['- &a0 [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i += 1)
      lines.push(
        `- &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    writeFileSync(join(dir, 'topics.yaml'), `${lines.join('\n')}\n`);
    const { problems, knowledge } = checkKnowledge(dir);
    expect(knowledge).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^topics\.yaml \(file\): too many aliases/)]),
    );
  });

  it('reports YAML nested too deeply to parse as a problem, without failing', () => {
    const dir = copyKnowledge();
    writeFileSync(join(dir, 'topics.yaml'), `- ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
    const { problems } = checkKnowledge(dir);
    expect(problems.map(formatProblem)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^topics\.yaml.*not valid YAML/)]),
    );
  });
});
