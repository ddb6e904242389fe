export {
  levelFromHeader,
  levelOf,
  levelTopics,
  MAX_PRIORITY_LEVELS,
  PRIORITY_LEVEL_HEADER,
  priorityTopic,
  readyTopic,
} from './levels.js';
export { provisionPriorityLevels } from './provision-levels.js';
