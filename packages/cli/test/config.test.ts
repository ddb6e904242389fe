import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../src/config.js';
import { runCli } from '../src/run.js';
import { captureOutput } from './capture-output.js';

const dirWith = (content: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'sharq-config-'));
  writeFileSync(join(dir, 'sharq.config.json'), content);
  return dir;
};

describe('config file', () => {
  it('reads ./sharq.config.json when present, nothing otherwise', () => {
    const settings = { configPath: undefined, logLevel: undefined };
    expect(loadConfigFile(settings, dirWith('{"brokers":["h:1"],"logLevel":"warn"}'))).toEqual({
      brokers: ['h:1'],
      logLevel: 'warn',
    });
    expect(loadConfigFile(settings, mkdtempSync(join(tmpdir(), 'sharq-empty-')))).toEqual({});
  });

  it('names the file and the bad key; unknown keys are errors too', () => {
    const settings = { configPath: undefined, logLevel: undefined };
    expect(() => loadConfigFile(settings, dirWith('{"brokers": 5}'))).toThrowError(
      /sharq\.config\.json: brokers/,
    );
    expect(() => loadConfigFile(settings, dirWith('{"broker": "h:1"}'))).toThrowError(/Unrecognized key/);
    expect(() => loadConfigFile(settings, dirWith('{nope'))).toThrowError(/not JSON/);
    expect(() => loadConfigFile({ configPath: '/nonexistent/sharq.json', logLevel: undefined })).toThrowError(
      /does not exist/,
    );
  });

  it('a bad config or global flag fails any command with exit code 2 before it does anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sharq-config-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"logLevel": "loud"}');
    const output = captureOutput();
    expect(await runCli(['--config', file, 'demo', '--jobs', '10'], output)).toBe(2);
    expect(output.stderr.join('\n')).toMatch(/VALIDATION.*logLevel/);
    const second = captureOutput();
    expect(await runCli(['--log-level', 'loud', 'demo'], second)).toBe(2);
    expect(second.stderr.join('\n')).toMatch(/--log-level/);
    expect(second.stdout).toEqual([]);
  });

  it('flags beat the environment, which beats the file', async () => {
    const dir = dirWith('{"brokers":"file-host:1"}');
    const previous = { cwd: process.cwd(), env: process.env.SHARQ_BROKERS };
    process.chdir(dir);
    try {
      const { resolveKafka } = await import('../src/kafka-connection.js');
      const ctx = {
        output: captureOutput(),
        settings: { configPath: undefined, logLevel: undefined },
        logger: () => {
          throw new Error('unused');
        },
      };
      delete process.env.SHARQ_BROKERS;
      expect((await resolveKafka(undefined, ctx)).brokers).toEqual(['file-host:1']);
      process.env.SHARQ_BROKERS = 'env-host:1';
      expect((await resolveKafka(undefined, ctx)).brokers).toEqual(['env-host:1']);
      expect((await resolveKafka('flag-host:1', ctx)).brokers).toEqual(['flag-host:1']);
    } finally {
      process.chdir(previous.cwd);
      if (previous.env === undefined) delete process.env.SHARQ_BROKERS;
      else process.env.SHARQ_BROKERS = previous.env;
    }
  });
});
