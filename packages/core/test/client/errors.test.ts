import { describe, expect, it } from 'vitest';
import {
  allBrokerErrors,
  brokerError,
  brokerErrorInfo,
  errorCodeOf,
  isKafkaProtocolError,
  KafkaProtocolError,
  throwIfBrokerError,
} from '../../src/client/errors.js';
import { SharqError } from '../../src/errors.js';

// Every code KIP-932 (Apache Kafka's design of share groups) names, with the recovery the share consumer needs.
const kip932Codes: [number, string][] = [
  [-1, 'UNKNOWN_SERVER_ERROR'],
  [2, 'CORRUPT_MESSAGE'],
  [3, 'UNKNOWN_TOPIC_OR_PARTITION'],
  [6, 'NOT_LEADER_OR_FOLLOWER'],
  [14, 'COORDINATOR_LOAD_IN_PROGRESS'],
  [15, 'COORDINATOR_NOT_AVAILABLE'],
  [16, 'NOT_COORDINATOR'],
  [25, 'UNKNOWN_MEMBER_ID'],
  [29, 'TOPIC_AUTHORIZATION_FAILED'],
  [30, 'GROUP_AUTHORIZATION_FAILED'],
  [35, 'UNSUPPORTED_VERSION'],
  [42, 'INVALID_REQUEST'],
  [56, 'KAFKA_STORAGE_ERROR'],
  [68, 'NON_EMPTY_GROUP'],
  [69, 'GROUP_ID_NOT_FOUND'],
  [81, 'GROUP_MAX_SIZE_REACHED'],
  [100, 'UNKNOWN_TOPIC_ID'],
  [110, 'FENCED_MEMBER_EPOCH'],
  [113, 'STALE_MEMBER_EPOCH'],
  [121, 'INVALID_RECORD_STATE'],
  [122, 'SHARE_SESSION_NOT_FOUND'],
  [123, 'INVALID_SHARE_SESSION_EPOCH'],
  [124, 'FENCED_STATE_EPOCH'],
  [129, 'REBOOTSTRAP_REQUIRED'],
  [133, 'SHARE_SESSION_LIMIT_REACHED'],
  [134, 'GROUP_DELETION_FAILED'],
];

describe('broker error table', () => {
  it.each(kip932Codes)('knows code %i as %s', (code, name) => {
    expect(brokerErrorInfo(code).name).toBe(name);
    expect(errorCodeOf(name)).toBe(code);
  });

  it('knows the common codes by name', () => {
    const names = [
      'NONE',
      'LEADER_NOT_AVAILABLE',
      'REQUEST_TIMED_OUT',
      'NETWORK_EXCEPTION',
      'SASL_AUTHENTICATION_FAILED',
      'INVALID_CONFIG',
      'TOPIC_ALREADY_EXISTS',
    ];
    for (const name of names) expect(errorCodeOf(name), name).toBeTypeOf('number');
  });

  it('has unique codes and names, ascending', () => {
    const all = allBrokerErrors();
    expect(all.length).toBeGreaterThan(130);
    expect(new Set(all.map((e) => e.name)).size).toBe(all.length);
    for (let i = 1; i < all.length; i++) expect(all[i]!.errorCode).toBeGreaterThan(all[i - 1]!.errorCode);
  });

  it('flags metadata staleness on leader and topic-id errors', () => {
    for (const name of [
      'NOT_LEADER_OR_FOLLOWER',
      'UNKNOWN_TOPIC_ID',
      'UNKNOWN_TOPIC_OR_PARTITION',
      'LEADER_NOT_AVAILABLE',
    ]) {
      const info = brokerErrorInfo(errorCodeOf(name)!);
      expect(info, name).toMatchObject({ retriable: true, refreshMetadata: true, fatal: false });
    }
  });

  it('flags coordinator moves separately from metadata', () => {
    expect(brokerErrorInfo(16)).toMatchObject({
      retriable: true,
      refreshCoordinator: true,
      refreshMetadata: false,
    });
    expect(brokerErrorInfo(15)).toMatchObject({ retriable: true, refreshCoordinator: true });
    expect(brokerErrorInfo(14)).toMatchObject({ retriable: true, refreshCoordinator: false });
  });

  it('asks for a rejoin on fenced or unknown members, a session reset on share-session errors', () => {
    expect(brokerErrorInfo(110)).toMatchObject({ rejoin: true, fatal: false, resetSession: false });
    expect(brokerErrorInfo(25)).toMatchObject({ rejoin: true, fatal: false });
    expect(brokerErrorInfo(122)).toMatchObject({ resetSession: true, retriable: true, rejoin: false });
    expect(brokerErrorInfo(123)).toMatchObject({ resetSession: true, retriable: true });
    expect(brokerErrorInfo(133)).toMatchObject({ retriable: true, resetSession: false });
  });

  it('treats a lost record lock as final for that record, not as a reason to retry or rejoin', () => {
    expect(brokerErrorInfo(121)).toMatchObject({
      retriable: false,
      rejoin: false,
      resetSession: false,
      fatal: false,
      refreshMetadata: false,
    });
  });

  it('marks authorization, version and malformed-request errors fatal', () => {
    for (const code of [29, 30, 35, 42, 58, 81]) {
      expect(brokerErrorInfo(code), String(code)).toMatchObject({ fatal: true, retriable: false });
    }
  });

  it('keeps fatal exclusive of retriable and rejoin', () => {
    for (const info of allBrokerErrors()) {
      if (info.fatal) expect(info.retriable || info.rejoin, info.name).toBe(false);
    }
  });

  it('maps an unknown code to a non-retriable, non-fatal entry named after the code', () => {
    expect(brokerErrorInfo(9999)).toMatchObject({ name: 'KAFKA_ERROR_9999', retriable: false, fatal: false });
    expect(errorCodeOf('NO_SUCH_ERROR')).toBeUndefined();
  });
});

describe('brokerError', () => {
  it('builds a SharqError whose code is the Kafka error name and which carries the flags', () => {
    const error = brokerError(121, 'topic t partition 0 offset 7');
    expect(error).toBeInstanceOf(KafkaProtocolError);
    expect(error).toBeInstanceOf(SharqError);
    expect(isKafkaProtocolError(error)).toBe(true);
    expect(error.code).toBe('INVALID_RECORD_STATE');
    expect(error.errorCode).toBe(121);
    expect(error.retriable).toBe(false);
    expect(error.message).toContain('topic t partition 0 offset 7');
    expect(error.message).toContain('INVALID_RECORD_STATE (121)');
    expect(error.name).toBe('KafkaProtocolError');
  });

  it('works without a message', () => {
    const error = brokerError(6);
    expect(error.code).toBe('NOT_LEADER_OR_FOLLOWER');
    expect(error.refreshMetadata).toBe(true);
    expect(error.message).toMatch(/^NOT_LEADER_OR_FOLLOWER \(6\) — /);
  });

  it('throwIfBrokerError passes NONE and throws anything else', () => {
    expect(() => throwIfBrokerError(0)).not.toThrow();
    expect(() => throwIfBrokerError(123, 'epoch 4')).toThrow(KafkaProtocolError);
    expect(isKafkaProtocolError(new Error('x'))).toBe(false);
  });
});
