export { type ArgsOf, type EventArgs, type EventMap, TypedEmitter } from './typed-emitter.js';
export { reportUnheardError } from './unheard-errors.js';
