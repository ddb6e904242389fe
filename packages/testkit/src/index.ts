export { uniqueName } from './names.js';
export { testBrokers, testRedisUrl } from './env.js';
