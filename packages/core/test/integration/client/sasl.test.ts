/**
 * SASL PLAIN and SCRAM-SHA-256/512 against a real broker. Starts its OWN broker through the testkit, adds a
 * SASL_PLAINTEXT listener to its server.properties (halt → edit → resume) and creates the SCRAM user with
 * Kafka's own ConfigCommand.
 */
import { execFile } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureKafkaLibs, type LocalKafka, startLocalKafka } from '@sharq/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../../src/client/cluster.js';
import { KafkaProtocolError } from '../../../src/client/errors.js';

const run = promisify(execFile);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('SASL against a real broker (own broker)', () => {
  let kafka: LocalKafka;
  let saslBrokers: string[];

  beforeAll(async () => {
    kafka = await startLocalKafka();
    const saslPort = await freePort();
    await kafka.halt();
    const { host, port, controllerPort } = kafka;
    // java.util.Properties: the last occurrence of a key wins, so appending overrides the generated values.
    await appendFile(
      join(kafka.dir, 'server.properties'),
      [
        `listeners=PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort},SASL_PLAINTEXT://${host}:${saslPort}`,
        `advertised.listeners=PLAINTEXT://${host}:${port},SASL_PLAINTEXT://${host}:${saslPort}`,
        'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
        'sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
        'listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="plain-secret";',
        'listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
        'listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
        '',
      ].join('\n'),
    );
    await kafka.resume();
    const { libsDir } = await ensureKafkaLibs();
    // One mechanism per call: the broker refuses to alter one user's credentials twice in a request.
    for (const credential of [
      'SCRAM-SHA-256=[iterations=4096,password=scram-secret]',
      'SCRAM-SHA-512=[password=scram-secret]',
    ]) {
      await run(
        'java',
        [
          '-cp',
          `${libsDir}/*`,
          'org.apache.kafka.tools.ConfigCommand',
          '--bootstrap-server',
          kafka.bootstrap,
          '--alter',
          '--add-config',
          credential,
          '--entity-type',
          'users',
          '--entity-name',
          'bob',
        ],
        { timeout: 120_000 },
      );
    }
    saslBrokers = [`${host}:${saslPort}`];
  }, 300_000);

  afterAll(async () => {
    await kafka?.stop();
  }, 60_000);

  async function connectAs(sasl: ConstructorParameters<typeof Cluster>[0]['sasl']): Promise<Cluster> {
    const cluster = new Cluster({ brokers: saslBrokers, sasl, requestTimeoutMs: 20_000 });
    try {
      await cluster.connect();
      // Metadata advertises the SASL listener, so this goes through a second authenticated connection path.
      expect(cluster.nodes()[0]?.port).toBe(Number(saslBrokers[0]!.split(':')[1]));
      await cluster.findGroupCoordinator('sasl-group');
      return cluster;
    } finally {
      await cluster.close();
    }
  }

  it('authenticates with PLAIN', async () => {
    await connectAs({ mechanism: 'plain', username: 'alice', password: 'plain-secret' });
  }, 60_000);

  it('authenticates with SCRAM-SHA-256 and SCRAM-SHA-512', async () => {
    await connectAs({ mechanism: 'scram-sha-256', username: 'bob', password: 'scram-secret' });
    await connectAs({ mechanism: 'scram-sha-512', username: 'bob', password: 'scram-secret' });
  }, 60_000);

  it('fails typed and fatal with a wrong password', async () => {
    const error = await connectAs({ mechanism: 'scram-sha-256', username: 'bob', password: 'wrong' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KafkaProtocolError);
    expect(error).toMatchObject({ code: 'SASL_AUTHENTICATION_FAILED', fatal: true });
  }, 60_000);
});
