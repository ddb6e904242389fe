import { EmbeddedEngine } from '../../src/embedded/index.js';
import { runEngineContract } from '../engine-contract/engine-contract.js';

runEngineContract('embedded', () => new EmbeddedEngine(), { lockDurationMs: 1000, settleMs: 3000 });
