import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { Cluster } from '../../src/client/cluster.js';
import { TlsError } from '../../src/client/socket.js';
import { FakeBroker } from './fake-broker.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
// Self-signed for CN=localhost, SAN IP:127.0.0.1 (made with openssl req -x509 -newkey ec …, valid 100 years).
const cert = fixture('tls-cert.pem');
const key = fixture('tls-key.pem');

let broker: FakeBroker;
const clusters: Cluster[] = [];
afterEach(async () => {
  await Promise.all(clusters.splice(0).map((c) => c.close()));
  await broker.close();
});

function cluster(ssl: ConstructorParameters<typeof Cluster>[0]['ssl']): Cluster {
  const c = new Cluster({ brokers: [broker.address], ssl, requestTimeoutMs: 1500, connectTimeoutMs: 1000 });
  clusters.push(c);
  return c;
}

it('speaks Kafka over TLS when the broker certificate is trusted', async () => {
  broker = await new FakeBroker({ key, cert }).listen();
  const c = cluster({ ca: cert });
  await c.connect();
  expect(c.nodes()).toEqual([{ nodeId: 1, host: '127.0.0.1', port: broker.port }]);
  expect(broker.requests.map((r) => r.apiKey)).toEqual([18, 3]);
});

it('fails fast with a typed TLS error on an untrusted broker certificate', async () => {
  broker = await new FakeBroker({ key, cert }).listen();
  await expect(cluster(true).connect()).rejects.toBeInstanceOf(TlsError);
  expect(broker.requests).toHaveLength(0);
});
