import { EmbeddedEngine } from '../../../src/embedded/index.js';
import { runSchedulerContract } from './scheduler.contract.js';

runSchedulerContract('embedded', () => new EmbeddedEngine());
