import { allSources, meetingSources } from '../answers/sources.js';
import { perMeetingCommand } from './lookup.js';

export const sourcesCommand = perMeetingCommand({
  name: 'sources',
  description: 'The source articles and what each reports; or the sources of one meeting',
  meetingHint: 'Only this meeting, e.g. Paris 2015',
  examples: ['/sources', '/sources meeting:Paris 2015'],
  all: allSources,
  one: meetingSources,
});
