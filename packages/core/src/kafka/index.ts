export { KafkaEngine } from './engine.js';
export { type CompiledKafkaOptions, type KafkaConnectionOptions, parseKafkaOptions } from './options.js';
export { ProduceError } from '../produce/errors.js';
