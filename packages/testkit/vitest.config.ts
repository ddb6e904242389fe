import { packageTestConfig } from '../../vitest.shared.js';

// The testkit runs its own global setup from source (other packages use the built @sharq/testkit/global-setup).
export default packageTestConfig({ globalSetup: './src/vitest/global-setup.ts' });
