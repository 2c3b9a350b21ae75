import { stripVTControlCharacters } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consoleControl } from '../src/console/controls.js';
import { renderText } from '../src/console/render.js';
import { wrapToWidth } from '../src/console/wrap.js';
import { ask, newSession } from './support/summit.js';

/** The console's answers as a person reads them: help, quotes, typos, pages. */

describe('/help', () => {
  it('shows each command’s examples one per line', () => {
    const { reply, text } = ask('/help');
    const quote = reply.fields.find((f) => f.name === '/quote');
    const lines = quote?.value.split('\n') ?? [];
    expect(lines.length).toBeGreaterThan(2);
    // The description, then one example a line.
    expect(lines.slice(1).every((line) => /^`\/quote[^`]*`$/.test(line))).toBe(true);
    expect(text).toContain('\n  /quote speaker:Putin query:triumph of light\n');
  });
});

describe('a list of quotes', () => {
  const { reply, text } = ask('/quote speaker:Putin meeting:Sochi');

  it('cites an article once for quotes said at the same place and time', () => {
    const lines = text.match(/^ {2}\[\d+\] .*$/gm) ?? [];
    expect(lines).toHaveLength(1);
    expect(reply.citations.map((c) => c.sourceId)).toEqual(['sochi-2019']);
  });

  it('never repeats a citation, in any list of quotes', () => {
    for (const line of [
      '/quote speaker:Putin',
      '/quote speaker:Netanyahu',
      '/quote query:Iran',
      '/quote meeting:Paris',
    ]) {
      const citations = ask(line).reply.citations.map((c) => JSON.stringify(c));
      expect(new Set(citations).size, line).toBe(citations.length);
    }
  });

  it('numbers every quote, the first included, 1., 2., 3.', () => {
    const numbers = [...text.matchAll(/^ *(\d+)\. Vladimir Putin$/gm)].map((m) => Number(m[1]));
    expect(numbers.length).toBeGreaterThan(1);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it('says a paraphrase is one before its text', () => {
    const paraphrases = text.split('\n').filter((line) => line.includes('(paraphrase)'));
    expect(paraphrases.length).toBeGreaterThan(0);
    for (const line of paraphrases) expect(line).toMatch(/│ \(paraphrase\) \S/);
  });

  it('keeps who said it, when and where in the citation', () => {
    expect(reply.citations[0]?.quote).toEqual({
      speaker: 'Vladimir Putin',
      place: 'Bocharov Ruchey, Sochi, Russia',
      date: '12 September 2019',
    });
  });
});

describe('a mistyped command', () => {
  it('suggests the command meant with the options typed', () => {
    const { reply, text } = ask('/qoute speaker:Putin');
    expect(reply.kind).toBe('usage');
    expect(reply.suggestions.map((s) => s.command)).toContain('/quote speaker:Putin');
    expect(text).toContain('There is no command /qoute.');
    // Asked once, not twice.
    expect(text.match(/Did you mean/g)).toHaveLength(1);
  });

  it('runs the suggestion as the answer meant', () => {
    const [suggestion] = ask('/qoute speaker:Putin meeting:Sochi').reply.suggestions;
    expect(suggestion?.command).toBe('/quote speaker:Putin meeting:Sochi');
    expect(ask(suggestion?.command ?? '').reply.title).toMatch(/quotes by Vladimir Putin at Sochi/);
  });

  it('offers the command’s example when nothing was typed after it', () => {
    expect(ask('/meetngs').reply.suggestions.map((s) => s.command)).toContain('/meetings');
  });
});

describe('/next and /prev', () => {
  it('turn the pages of the last answer only, and say when it has none', () => {
    const session = newSession();
    expect(ask('/next', session).reply.title).toBe('No list to turn');
    expect(ask('/meetings', session).reply.page?.index).toBe(1);
    expect(ask('/next', session).reply.page?.index).toBe(2);
    ask('When did they meet in Sochi?', session);
    const after = ask('/next', session);
    expect(after.reply.page).toBeUndefined();
    expect(after.text).toContain('The last answer has no other pages');
    expect(ask('/prev', session).text).toContain('The last answer has no other pages');
  });
});

describe('console controls', () => {
  it.each([
    ['clear', 'clear'],
    ['/clear', 'clear'],
    ['  CLEAR ', 'clear'],
    ['exit', 'quit'],
    ['/exit', 'quit'],
    ['quit', 'quit'],
    ['/quit', 'quit'],
  ] as const)('%j is the console’s own %s', (line, control) => {
    expect(consoleControl(line)).toBe(control);
  });

  it.each(['clear the screen?', 'When did they meet?', '/quote', 'exit polls', ''])(
    '%j is a question or a command',
    (line) => {
      expect(consoleControl(line)).toBeUndefined();
    },
  );
});

describe('folding to the terminal’s width', () => {
  const words = fc.array(fc.stringMatching(/^[a-zA-Z’“”.,]{1,12}$/), { minLength: 1, maxLength: 60 });

  it('never cuts a word, never passes the width, and loses no word', () => {
    fc.assert(
      fc.property(words, fc.integer({ min: 20, max: 120 }), fc.boolean(), (list, width, quoted) => {
        const line = `${quoted ? '  │ ' : ''}${list.join(' ')}`;
        const folded = wrapToWidth(line, width);
        for (const part of folded.split('\n')) expect(part.length).toBeLessThanOrEqual(width);
        const back = folded
          .split('\n')
          .map((part) => part.replace(/^ {2}│ /, ''))
          .join(' ')
          .split(/\s+/)
          .filter(Boolean);
        expect(back).toEqual(list);
      }),
    );
  });

  it('measures what is visible, colours aside, and keeps a quote’s bar on every folded line', () => {
    const coloured = renderText(ask('/quote speaker:Putin meeting:Sochi').reply, { color: true });
    const folded = wrapToWidth(coloured, 50).split('\n');
    for (const line of folded) expect(stripVTControlCharacters(line).length).toBeLessThanOrEqual(50);
    const quoteLines = folded.map(stripVTControlCharacters).filter((l) => l.includes('(paraphrase)'));
    expect(quoteLines.length).toBeGreaterThan(0);
    const first = folded.map(stripVTControlCharacters).indexOf(quoteLines[0] as string);
    expect(stripVTControlCharacters(folded[first + 1] as string)).toMatch(/^ {2}│ \S/);
  });

  it('shows italics inside bold in colour without their marks ("**Moscow _(inferred)_**")', () => {
    const coloured = stripVTControlCharacters(
      renderText(ask('where did they meet in september 2015').reply, { color: true }),
    );
    expect(coloured).toContain('Moscow, Russia (inferred) — September 2015 (inferred)');
    expect(coloured).not.toMatch(/_\(inferred\)_/);
  });

  it('leaves text whole without a width (a pipe)', () => {
    const text = 'word '.repeat(100).trim();
    expect(wrapToWidth(text, undefined)).toBe(text);
  });
});
