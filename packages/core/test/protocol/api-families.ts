/** The API families the protocol tests run over, by name (one list for the golden and the fuzz tests). */
import type { ApiFamily } from '../../src/protocol/api.js';
import { alterShareGroupOffsetsApi } from '../../src/protocol/apis/alter-share-group-offsets/index.js';
import { apiVersionsApi } from '../../src/protocol/apis/api-versions/index.js';
import { deleteShareGroupOffsetsApi } from '../../src/protocol/apis/delete-share-group-offsets/index.js';
import { describeConfigsApi } from '../../src/protocol/apis/describe-configs/index.js';
import { describeShareGroupOffsetsApi } from '../../src/protocol/apis/describe-share-group-offsets/index.js';
import { fetchApi } from '../../src/protocol/apis/fetch/index.js';
import { findCoordinatorApi } from '../../src/protocol/apis/find-coordinator/index.js';
import { incrementalAlterConfigsApi } from '../../src/protocol/apis/incremental-alter-configs/index.js';
import { initProducerIdApi } from '../../src/protocol/apis/init-producer-id/index.js';
import { listGroupsApi } from '../../src/protocol/apis/list-groups/index.js';
import { listOffsetsApi } from '../../src/protocol/apis/list-offsets/index.js';
import { metadataApi } from '../../src/protocol/apis/metadata/index.js';
import { produceApi } from '../../src/protocol/apis/produce/index.js';
import { saslAuthenticateApi } from '../../src/protocol/apis/sasl-authenticate/index.js';
import { saslHandshakeApi } from '../../src/protocol/apis/sasl-handshake/index.js';
import { shareAcknowledgeApi } from '../../src/protocol/apis/share-acknowledge/index.js';
import { shareFetchApi } from '../../src/protocol/apis/share-fetch/index.js';
import { shareGroupDescribeApi } from '../../src/protocol/apis/share-group-describe/index.js';
import { shareGroupHeartbeatApi } from '../../src/protocol/apis/share-group-heartbeat/index.js';

type AnyFamily = ApiFamily<unknown, unknown>;

/** The families with byte-exact goldens from kafka-clients (apis/golden/). */
export const GOLDEN_FAMILIES = {
  shareGroupHeartbeatApi,
  shareGroupDescribeApi,
  shareFetchApi,
  shareAcknowledgeApi,
  describeShareGroupOffsetsApi,
  alterShareGroupOffsetsApi,
  deleteShareGroupOffsetsApi,
  incrementalAlterConfigsApi,
  describeConfigsApi,
  listGroupsApi,
  fetchApi,
  listOffsetsApi,
  produceApi,
  initProducerIdApi,
} as Record<string, AnyFamily>;

/** Every family Sharq decodes: the golden ones and the connection-level ones (no goldens). */
export const ALL_FAMILIES: AnyFamily[] = [
  ...Object.values(GOLDEN_FAMILIES),
  apiVersionsApi,
  metadataApi,
  findCoordinatorApi,
  saslHandshakeApi,
  saslAuthenticateApi,
] as AnyFamily[];
