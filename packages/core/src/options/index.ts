export { formatPath, parseOptions, toValidationError } from './parse-options.js';
export { deliveryCountLimit, listenPort, lockDurationMs } from './fragments.js';
