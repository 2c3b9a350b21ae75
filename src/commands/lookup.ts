import { echo, meetingTitle } from '../answers/format.js';
import { choose, type Reply, usage } from '../answers/reply.js';
import { type Aspect, answerWhenWhere } from '../answers/when-where.js';
import type { Engine } from '../engine/engine.js';
import { findTargets, type Targets } from '../engine/targets.js';
import type { Meeting } from '../knowledge/model.js';
import { LIMITS } from '../limits.js';
import { meetingChoices, targetChoices } from './choices.js';
import { defineCommand } from './command.js';

/** One meeting for a `meeting` option, or the candidates when the text is ambiguous. */
export function lookUpMeeting(
  engine: Engine,
  query: string,
): { meeting?: Meeting; candidates: Meeting[]; targets: Targets } {
  const targets = findTargets(engine, query);
  const candidates = targets.best === 'events' ? relatedMeetings(engine, targets) : targets.meetings;
  const [only] = candidates;
  return candidates.length === 1 && only ? { meeting: only, candidates, targets } : { candidates, targets };
}

/** The meetings the events found are linked to, each once, in the fact base's order. */
function relatedMeetings(engine: Engine, targets: Targets): Meeting[] {
  const ids = new Set(targets.events.flatMap((e) => e.meetings));
  const meetings = [...ids].flatMap((id) => engine.kb.meeting(id) ?? []);
  return engine.catalogue.inOrderOf([meetings]);
}

/** /when and /where: the same lookup, answered for a different aspect. */
export function aspectCommand(aspect: Aspect, description: string, queryHint: string, examples: string[]) {
  return defineCommand({
    name: aspect,
    description,
    options: {
      query: { type: 'string', description: queryHint, required: true, autocomplete: true },
    },
    main: 'query',
    examples,
    run({ query }, { engine }) {
      return answerWhenWhere(engine, aspect, query, findTargets(engine, query));
    },
    autocomplete(_option, value, { engine }) {
      return targetChoices(engine, value);
    },
  });
}

/** A `meeting` option: the meeting, or a private "which meeting?" with the candidates as choices. */
export function meetingOption(
  engine: Engine,
  value: string | undefined,
  command: (id: string) => string,
): { meeting?: Meeting; problem?: Reply } {
  if (!value) return {};
  const found = lookUpMeeting(engine, value);
  if (found.meeting) return { meeting: found.meeting };
  const choices = found.candidates.length ? found.candidates : engine.kb.meetings;
  return {
    problem: (found.candidates.length ? choose : usage)(
      found.candidates.length ? 'Which meeting?' : 'Unknown meeting',
      found.candidates.length
        ? `${found.candidates.length} meetings match ${echo(value)}. Pick one:`
        : `I can't find a meeting matching ${echo(value)} in the articles. These are the ones I know:`,
      choices
        .slice(0, found.candidates.length ? LIMITS.selectOptions : 5)
        .map((m) => ({ label: meetingTitle(engine.kb, m), command: command(m.id) })),
    ),
  };
}

/** /topics and /sources: about every meeting, or with `meeting`, about one. */
export function perMeetingCommand(spec: {
  name: string;
  description: string;
  meetingHint: string;
  examples: string[];
  all: (engine: Engine, page: number) => Reply;
  one: (engine: Engine, meeting: Meeting) => Reply;
}) {
  return defineCommand({
    name: spec.name,
    description: spec.description,
    options: {
      meeting: { type: 'string', description: spec.meetingHint, autocomplete: true },
    },
    main: 'meeting',
    examples: spec.examples,
    run({ meeting }, { engine, page = 1 }) {
      if (!meeting) return spec.all(engine, page);
      const found = meetingOption(engine, meeting, (id) => `/${spec.name} meeting:${id}`);
      return found.meeting ? spec.one(engine, found.meeting) : (found.problem as Reply);
    },
    autocomplete(_option, value, { engine }) {
      return meetingChoices(engine, value);
    },
  });
}
