// A processor module for the CLI:  npx sharq worker examples/processor.mjs --queue emails --processes 2 --concurrency 20
export default async function process(job, { signal }) {
  await new Promise((resolve) => setTimeout(resolve, 10));
  if (signal.aborted) throw new Error('aborted');
  return { handled: job.id };
}
