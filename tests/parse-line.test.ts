import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/commands/command.js';
import { parseLine } from '../src/commands/parse-line.js';
import { newSession } from './support/summit.js';

/** The UsageError a line throws, or fails the test. */
function usageErrorOf(line: string): UsageError {
  try {
    parseLine(line);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`parseLine(${JSON.stringify(line)}) did not throw`);
}

describe('parseLine', () => {
  it('reads plain text as a question for /ask', () => {
    expect(parseLine('When did they meet in Sochi?')).toEqual({
      command: 'ask',
      args: { question: 'When did they meet in Sochi?' },
    });
  });

  it('trims the line, and keeps colons in a plain question', () => {
    expect(parseLine('   What did Putin say: about Hanukkah?  ')).toEqual({
      command: 'ask',
      args: { question: 'What did Putin say: about Hanukkah?' },
    });
  });

  it('splits a slash command at each ` name:` of its options', () => {
    expect(parseLine('/quote speaker:Putin query:triumph of light')).toEqual({
      command: 'quote',
      args: { speaker: 'Putin', query: 'triumph of light' },
    });
    expect(parseLine('/meetings year:2015 place:Paris')).toEqual({
      command: 'meetings',
      args: { year: '2015', place: 'Paris' },
    });
  });

  it('trims the values between options', () => {
    expect(parseLine('/quote   speaker:  Putin    query:triumph of light   ')).toEqual({
      command: 'quote',
      args: { speaker: 'Putin', query: 'triumph of light' },
    });
  });

  it('reads a command with no options', () => {
    expect(parseLine('/help')).toEqual({ command: 'help', args: {} });
    expect(parseLine('/meetings')).toEqual({ command: 'meetings', args: {} });
  });

  it('fills the main option with bare text', () => {
    expect(parseLine('/when Sochi')).toEqual({ command: 'when', args: { query: 'Sochi' } });
    expect(parseLine('/where Moscow 2016')).toEqual({ command: 'where', args: { query: 'Moscow 2016' } });
    expect(parseLine('/topics Sochi')).toEqual({ command: 'topics', args: { meeting: 'Sochi' } });
  });

  it('fills the main option with the bare text before the named options', () => {
    expect(parseLine('/quote Hanukkah speaker:Putin')).toEqual({
      command: 'quote',
      args: { query: 'Hanukkah', speaker: 'Putin' },
    });
  });

  it('reads option names and the command name case-insensitively', () => {
    expect(parseLine('/quote SPEAKER:Putin Query:triumph of light')).toEqual({
      command: 'quote',
      args: { speaker: 'Putin', query: 'triumph of light' },
    });
    expect(parseLine('/Meetings Year:2016')).toEqual({ command: 'meetings', args: { year: '2016' } });
  });

  it('throws a UsageError for an unknown `name:` on a command without a main option', () => {
    const error = usageErrorOf('/meetings city:Paris');
    expect(error.message).toContain('/meetings has no option “city”');
    expect(error.message).toContain('year, place, topic, person');
    expect(usageErrorOf('/help city:Paris').message).toContain('/help has no option “city”');
  });

  it('throws a UsageError for bare text on a command without a main option', () => {
    expect(usageErrorOf('/meetings 2015').message).toMatch(/\/meetings takes named options, like year:…/);
    expect(usageErrorOf('/help me').message).toBe('/help takes no options.');
  });

  it('keeps a colon inside a value when it is not an option name', () => {
    expect(parseLine('/ask what is 10:30?')).toEqual({
      command: 'ask',
      args: { question: 'what is 10:30?' },
    });
    expect(parseLine('/quote query:talks at 10:30 note:none speaker:Putin')).toEqual({
      command: 'quote',
      args: { query: 'talks at 10:30 note:none', speaker: 'Putin' },
    });
  });

  it('does not take an option name inside a word as an option', () => {
    expect(parseLine('/quote query:subquery:x')).toEqual({ command: 'quote', args: { query: 'subquery:x' } });
  });

  it('passes an unknown command name through for the dispatcher', () => {
    expect(parseLine('/meetngs year:2015')).toEqual({ command: 'meetngs', args: {} });
    expect(parseLine('/frobnicate')).toEqual({ command: 'frobnicate', args: {} });
  });
});

describe('ConsoleSession.answer', () => {
  it('answers an unknown command with a usage reply suggesting the closest', () => {
    const reply = newSession().answer('/meetngs');
    expect(reply.kind).toBe('usage');
    expect(reply.title).toBe('Unknown command');
    expect(reply.text).toContain('/meetngs');
    expect(reply.suggestions.map((s) => s.label)).toContain('/meetings');
    expect(reply.suggestions[0]?.label).toBe('/meetings');
  });

  it('turns a parse error into a usage reply instead of throwing', () => {
    const reply = newSession().answer('/meetings city:Paris');
    expect(reply.kind).toBe('usage');
    expect(reply.private).toBe(true);
    expect(reply.text).toContain('/meetings has no option “city”');
  });

  it('runs the parsed line: options reach the command', () => {
    const reply = newSession().answer('/quote Hanukkah speaker:Putin');
    expect(reply.kind).toBe('answer');
    expect(reply.title).toMatch(/Putin/);
    expect(reply.citations.length).toBeGreaterThan(0);
  });
});
