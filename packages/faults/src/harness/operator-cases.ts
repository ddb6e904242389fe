/** The bad operator inputs of scenario 8 and what a clear refusal looks like. */

export interface CliCase {
  name: string;
  args: string[];
  /** Exit codes that count as a clear refusal (2 = usage, 1 = runtime failure). */
  codes: number[];
  /** Written to a file first: the path replaces `{file}` in args. */
  file?: string;
}

export function cliCases(queue: string, unknownQueue: string, brokers: string): CliCase[] {
  const b = ['--brokers', brokers];
  return [
    { name: 'unknown command', args: ['frobnicate'], codes: [1, 2] },
    { name: 'add without queue', args: ['add'], codes: [2] },
    {
      name: 'add with invalid JSON data',
      args: ['add', queue, 'work', '--data', '{not json', ...b],
      codes: [2],
    },
    {
      name: 'add with negative attempts',
      args: ['add', queue, 'work', '--data', '{}', '--attempts', '-3', ...b],
      codes: [2],
    },
    {
      name: 'add with non-numeric delay',
      args: ['add', queue, 'work', '--data', '{}', '--delay', 'soon', ...b],
      codes: [2],
    },
    {
      name: 'add with a bad backoff spec',
      args: ['add', queue, 'work', '--data', '{}', '--backoff', 'linear:x', ...b],
      codes: [2],
    },
    {
      name: 'add to an invalid queue name',
      args: ['add', 'bad name!!', 'work', '--data', '{}', ...b],
      codes: [2],
    },
    {
      name: 'add from a missing file',
      args: ['add', queue, 'work', '--file', '/nonexistent/jobs.ndjson', ...b],
      codes: [1, 2],
    },
    {
      name: 'add from an NDJSON file with a broken line',
      args: ['add', queue, 'work', '--file', '{file}', ...b],
      codes: [1, 2],
      file: '{"data":{"n":1}}\n{"data": oops}\n',
    },
    {
      name: 'add with --data and --file',
      args: ['add', queue, 'work', '--data', '{}', '--file', '/tmp/x', ...b],
      codes: [2],
    },
    {
      name: 'worker with concurrency 0',
      args: ['worker', '/nonexistent.js', '--queue', queue, '--concurrency', '0', ...b],
      codes: [2],
    },
    {
      name: 'worker with a 5 ms lock',
      args: ['worker', '/nonexistent.js', '--queue', queue, '--lock-duration', '5', ...b],
      codes: [2],
    },
    {
      name: 'status with a non-numeric interval',
      args: ['status', queue, '--interval', 'fast', ...b],
      codes: [2],
    },
    { name: 'status without --brokers value', args: ['status', queue, '--brokers'], codes: [1, 2] },
    { name: 'dlq list with page 0', args: ['dlq', 'list', queue, '--page', '0', ...b], codes: [2] },
    { name: 'dlq show with a malformed id', args: ['dlq', 'show', queue, 'not-an-id', ...b], codes: [1, 2] },
    { name: 'dlq purge without ids, --all or --yes', args: ['dlq', 'purge', queue, ...b], codes: [1, 2] },
    {
      name: 'dlq replay of an unknown queue',
      args: ['dlq', 'replay', unknownQueue, '--all', ...b],
      codes: [1, 2],
    },
    {
      name: 'dlq purge of an unknown queue',
      args: ['dlq', 'purge', unknownQueue, '--all', '--yes', ...b],
      codes: [1, 2],
    },
  ];
}

export interface HttpCase {
  name: string;
  method: string;
  path: string;
  body?: string;
  /** Send the bearer token (default true): most cases test validation behind auth. */
  auth?: boolean;
  statuses: number[];
}

export function httpCases(queue: string, unknownQueue: string): HttpCase[] {
  const huge = JSON.stringify({ ids: Array.from({ length: 200_000 }, (_, i) => `0:${i}`) });
  return [
    {
      name: 'no token',
      method: 'POST',
      path: `/api/queues/${queue}/dead/purge`,
      body: '{"all":true}',
      auth: false,
      statuses: [401, 403],
    },
    { name: 'unknown queue', method: 'GET', path: `/api/queues/${unknownQueue}`, statuses: [404] },
    {
      name: 'unknown queue DLQ list',
      method: 'GET',
      path: `/api/queues/${unknownQueue}/dead`,
      statuses: [404],
    },
    {
      name: 'purge on an unknown queue',
      method: 'POST',
      path: `/api/queues/${unknownQueue}/dead/purge`,
      body: '{"all":true}',
      statuses: [404],
    },
    {
      name: 'replay on an unknown queue',
      method: 'POST',
      path: `/api/queues/${unknownQueue}/dead/replay`,
      body: '{"all":true}',
      statuses: [404],
    },
    { name: 'invalid queue name', method: 'GET', path: '/api/queues/bad%20name!!', statuses: [400, 404] },
    { name: 'broken percent-encoding', method: 'GET', path: '/api/queues/%ZZ', statuses: [400, 404] },
    { name: 'page is a word', method: 'GET', path: `/api/queues/${queue}/dead?page=abc`, statuses: [400] },
    {
      name: 'limit too large',
      method: 'GET',
      path: `/api/queues/${queue}/dead?limit=100000`,
      statuses: [400],
    },
    {
      name: 'unknown query parameter',
      method: 'GET',
      path: `/api/queues/${queue}/dead?drop=table`,
      statuses: [400],
    },
    {
      name: 'all is a string',
      method: 'POST',
      path: `/api/queues/${queue}/dead/purge`,
      body: '{"all":"yes"}',
      statuses: [400],
    },
    {
      name: 'ids are numbers',
      method: 'POST',
      path: `/api/queues/${queue}/dead/replay`,
      body: '{"ids":[1,2]}',
      statuses: [400],
    },
    {
      name: 'body is not JSON',
      method: 'POST',
      path: `/api/queues/${queue}/dead/purge`,
      body: '{all: true',
      statuses: [400],
    },
    {
      name: 'body is a JSON array',
      method: 'POST',
      path: `/api/queues/${queue}/dead/purge`,
      body: '[]',
      statuses: [400],
    },
    {
      name: 'extra fields',
      method: 'POST',
      path: `/api/queues/${queue}/dead/purge`,
      body: '{"all":true,"also":"drop"}',
      statuses: [400],
    },
    {
      name: 'huge body (3 MB)',
      method: 'POST',
      path: `/api/queues/${queue}/dead/replay`,
      body: huge,
      statuses: [413, 400],
    },
    { name: 'wrong method', method: 'DELETE', path: `/api/queues/${queue}`, statuses: [405] },
    { name: 'unknown route', method: 'GET', path: '/api/nothing', statuses: [404] },
    {
      name: 'login with a number token',
      method: 'POST',
      path: '/api/login',
      body: '{"token":12345678}',
      auth: false,
      statuses: [400, 401, 403],
    },
  ];
}
