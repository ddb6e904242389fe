/**
 * The Redis keys of one queue's limiter. Every key shares the hash tag `{<topic>}`, so one script can
 * touch the queue-wide bucket, a tenant's bucket and a ticket together on Redis Cluster too, and two
 * queues (or two prefixes) never share a bucket.
 */
export class LimiterKeys {
  readonly namespace: string;
  constructor(namespace: string) {
    this.namespace = namespace;
  }
  static forQueue(queueTopic: string): LimiterKeys {
    return new LimiterKeys(`sharq:limiter:{${queueTopic}}`);
  }
  get global(): string {
    return `${this.namespace}:global`;
  }
  get globalPause(): string {
    return `${this.namespace}:pause`;
  }
  key(key: string): string {
    return `${this.namespace}:key:${key}`;
  }
  keyPause(key: string): string {
    return `${this.namespace}:key-pause:${key}`;
  }
  ticket(jobId: string): string {
    return `${this.namespace}:ticket:${jobId}`;
  }
}
