import { EmbeddedEngine } from '../../../src/embedded/index.js';
import { runPriorityContract } from './priority.contract.js';

runPriorityContract('embedded', () => new EmbeddedEngine());
