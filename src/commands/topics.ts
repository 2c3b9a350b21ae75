import { allTopics, meetingTopics } from '../answers/topics.js';
import { perMeetingCommand } from './lookup.js';

export const topicsCommand = perMeetingCommand({
  name: 'topics',
  description: 'Topics discussed, with the meetings for each; or the topics of one meeting',
  meetingHint: 'Only this meeting, e.g. Moscow 2016',
  examples: ['/topics', '/topics meeting:Moscow 2016', '/topics Sochi'],
  all: allTopics,
  one: meetingTopics,
});
