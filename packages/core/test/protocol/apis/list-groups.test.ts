import { describe, expect, it } from 'vitest';
import { listGroupsApi } from '../../../src/protocol/apis/list-groups/index.js';
import type { ListGroupsResponse } from '../../../src/protocol/apis/list-groups/types.js';
import { codecOf, roundTrip, truncationsFail } from './codec-test-helpers.js';

const fullResponseV5: ListGroupsResponse = {
  throttleTimeMs: 500016,
  errorCode: -43,
  groups: [
    { groupId: 's7-ü', protocolType: 's8-ü', groupState: 's9-ü', groupType: 's10-ü' },
    { groupId: 's11-ü', protocolType: 's12-ü', groupState: 's13-ü', groupType: 's14-ü' },
  ],
};

describe('ListGroups codecs', () => {
  it('covers versions 5 in ascending order under key 16', () => {
    expect(listGroupsApi.apiKey).toBe(16);
    expect(listGroupsApi.codecs.map((c) => c.version)).toEqual([5]);
    for (const c of listGroupsApi.codecs) expect(c.apiKey).toBe(16);
  });

  it('v5: round-trips fully populated request and response', () => {
    roundTrip(
      codecOf(listGroupsApi, 5),
      { statesFilter: ['s1-ü', 's2-ü'], typesFilter: ['s3-ü', 's4-ü'] },
      fullResponseV5,
    );
  });

  it('v5: round-trips nulls and empty arrays', () => {
    roundTrip(
      codecOf(listGroupsApi, 5),
      { statesFilter: [], typesFilter: [] },
      { throttleTimeMs: 1500046, errorCode: -113, groups: [] },
    );
  });

  it('v5: every truncation of a response is a DecodeError', () => {
    truncationsFail(codecOf(listGroupsApi, 5), fullResponseV5);
  });
});
