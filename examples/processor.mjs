// A processor module for the CLI:  npx sharq worker examples/processor.mjs --queue emails --processes 2 --concurrency 20
// A job whose `to` is not an address is a poison job: it fails every attempt and ends in the dead-letter queue.
export default async function process(job, { signal }) {
  await new Promise((resolve) => setTimeout(resolve, 10));
  if (signal.aborted) throw new Error('aborted');
  if (!String(job.data?.to ?? '').includes('@')) {
    throw new Error(`cannot send to ${JSON.stringify(job.data?.to)}: not an email address`);
  }
  return { handled: job.id };
}
