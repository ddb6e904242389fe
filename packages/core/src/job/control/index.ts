export { controlTopicSpec } from './control-topic.js';
export {
  decodePauseRecord,
  encodePauseRecord,
  type PauseRecord,
  type PauseSnapshot,
  readPauseState,
  writePauseState,
} from './pause-state.js';
export { type PauseListener, QueuePauseWatcher } from './pause-watcher.js';
export { provisionControlTopics } from './provision-control.js';
export { type SetPausedResult, setQueuePaused } from './set-queue-paused.js';
