import { describe, expect, it } from 'vitest';
import { plainAuthBytes } from '../../../src/client/sasl/plain.js';
import { ScramClient, ScramError, saslName } from '../../../src/client/sasl/scram.js';

// RFC 7677 §3: the SCRAM-SHA-256 example exchange.
const rfc7677 = {
  clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal:
    'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

describe('ScramClient', () => {
  it('reproduces the RFC 7677 SCRAM-SHA-256 test vector and accepts its server signature', async () => {
    const scram = new ScramClient('SCRAM-SHA-256', 'user', 'pencil', 'rOprNGfwEbeRWgbNEkqO');
    expect(scram.first().toString()).toBe(rfc7677.clientFirst);
    const final = await scram.final(Buffer.from(rfc7677.serverFirst));
    expect(final.toString()).toBe(rfc7677.clientFinal);
    expect(() => scram.verify(Buffer.from(rfc7677.serverFinal))).not.toThrow();
  });

  it('rejects a forged server signature', async () => {
    const scram = new ScramClient('SCRAM-SHA-256', 'user', 'pencil', 'rOprNGfwEbeRWgbNEkqO');
    await scram.final(Buffer.from(rfc7677.serverFirst));
    expect(() => scram.verify(Buffer.from('v=AAAAZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ='))).toThrow(
      ScramError,
    );
    expect(() => scram.verify(Buffer.from('e=invalid-proof'))).toThrow(/invalid-proof/);
  });

  it('rejects a server nonce that does not extend ours', async () => {
    const scram = new ScramClient('SCRAM-SHA-256', 'user', 'pencil', 'abc');
    await expect(scram.final(Buffer.from('r=xyz123,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096'))).rejects.toThrow(
      ScramError,
    );
    await expect(scram.final(Buffer.from('r=abc,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096'))).rejects.toThrow(
      ScramError,
    );
    await expect(scram.final(Buffer.from('garbage'))).rejects.toThrow(ScramError);
    await expect(scram.final(Buffer.from('r=abcd,s=AA==,i=zero'))).rejects.toThrow(ScramError);
  });

  it('produces a SHA-512 proof of the right length', async () => {
    const scram = new ScramClient('SCRAM-SHA-512', 'user', 'pencil', 'nonce');
    const final = (
      await scram.final(Buffer.from('r=nonceSERVER,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096'))
    ).toString();
    const proof = Buffer.from(final.split(',p=')[1]!, 'base64');
    expect(proof.length).toBe(64);
  });

  it('escapes = and , in user names and uses a random nonce by default', () => {
    expect(saslName('a=b,c')).toBe('a=3Db=2Cc');
    const a = new ScramClient('SCRAM-SHA-256', 'u', 'p').first().toString();
    const b = new ScramClient('SCRAM-SHA-256', 'u', 'p').first().toString();
    expect(a).not.toBe(b);
  });
});

it('plainAuthBytes is NUL user NUL password', () => {
  expect(plainAuthBytes('alice', 'secret')).toEqual(Buffer.from('\0alice\0secret'));
});
