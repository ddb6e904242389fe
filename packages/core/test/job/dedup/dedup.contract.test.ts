import { EmbeddedEngine } from '../../../src/embedded/index.js';
import { runDedupContract } from './dedup.contract.js';

runDedupContract('embedded', () => new EmbeddedEngine());
