import { EmbeddedEngine } from '@sharq/core';
import { runControlContract } from './worker.control.contract.js';

runControlContract('embedded', () => new EmbeddedEngine());
