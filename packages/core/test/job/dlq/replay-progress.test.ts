import { useCaseEngines } from '@sharq/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../../src/embedded/index.js';
import {
  deadLetterRecord,
  encodeEnvelope,
  type JobEnvelope,
  Queue,
  replayDeadJobs,
} from '../../../src/index.js';

const freshEngine = useCaseEngines(() => new EmbeddedEngine());

describe('replayDeadJobs progress', () => {
  it('reports claimed, each chunk of copies produced, then committed', async () => {
    const engine = freshEngine();
    const queue = new Queue<{ n: number }>('replay-progress', { connection: engine });
    await queue.waitUntilReady();
    const { topology } = queue;
    const records = Array.from({ length: 2_500 }, (_, i) => {
      const envelope: JobEnvelope = {
        v: 1,
        id: `j${i}`,
        name: 'n',
        data: { n: i },
        opts: { attempts: 1 },
        attemptsMade: 0,
        ts: 1,
      };
      const value = encodeEnvelope(envelope).value as string;
      return deadLetterRecord({
        record: {
          topic: topology.topic,
          partition: 0,
          offset: i,
          key: Buffer.from(envelope.id),
          value: Buffer.from(value),
          headers: {},
          timestamp: 1,
        },
        envelope,
        reason: 'failed',
        error: { message: 'boom' },
        attempts: 1,
        workerId: 'w',
      });
    });
    await engine.produce(topology.dlqTopic, records);
    const seen: string[] = [];
    const result = await replayDeadJobs(
      engine,
      topology,
      { all: true },
      {
        onProgress: (p) => seen.push(`${p.phase} ${p.done}/${p.total}`),
      },
    );
    expect(result.replayed).toHaveLength(2_500);
    expect(seen).toEqual([
      'claimed 2500/2500',
      'producing 1000/2500',
      'producing 2000/2500',
      'producing 2500/2500',
      'committed 2500/2500',
    ]);
    expect((await engine.readTopic(topology.topic)).length).toBe(2_500);
    await queue.close();
  });
});
