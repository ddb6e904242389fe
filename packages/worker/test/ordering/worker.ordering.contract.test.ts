import { EmbeddedEngine } from '@sharq/core';
import { runOrderingContract } from './worker.ordering.contract.js';

runOrderingContract('embedded', () => new EmbeddedEngine());
