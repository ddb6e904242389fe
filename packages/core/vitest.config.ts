import { packageTestConfig } from '../../vitest.shared.js';

export default packageTestConfig({ setupFiles: ['./test/connect-engines.ts'] });
