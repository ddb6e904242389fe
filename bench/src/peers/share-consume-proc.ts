/**
 * Child process: one bare share consumer run (Sharq's or @kafkats/client's), config in argv[2], one
 * result message to the parent, then exit (a --cpu-prof profile is written at exit).
 */
import { kafkatsShareConsume } from './kafkats-share-consumer.js';
import type { ShareConsumeConfig, ShareConsumeMessage } from './share-consume-protocol.js';
import { sharqShareConsume } from './sharq-share-consumer.js';

const config = JSON.parse(process.argv[2] ?? '{}') as ShareConsumeConfig;
const send = (message: ShareConsumeMessage) =>
  new Promise<void>((resolve) => {
    if (process.send) process.send(message, () => resolve());
    else resolve();
  });

const run = config.system === 'kafkats' ? kafkatsShareConsume : sharqShareConsume;
run(config).then(
  async (result) => {
    await send({ type: 'result', result });
    process.disconnect();
  },
  async (error: unknown) => {
    await send({
      type: 'error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exitCode = 1;
    process.disconnect();
  },
);
