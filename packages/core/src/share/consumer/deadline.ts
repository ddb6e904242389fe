/**
 * Waits for `work` until `deadline` (epoch ms) at most; says whether it finished in time. The work keeps
 * running past the deadline: close() uses this so a dead broker cannot hold it for a request timeout.
 */
export async function within(work: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
