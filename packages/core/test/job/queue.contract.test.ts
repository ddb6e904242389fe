import { EmbeddedEngine } from '../../src/embedded/index.js';
import { runQueueContract } from './queue.contract.js';

runQueueContract('embedded', () => new EmbeddedEngine());
