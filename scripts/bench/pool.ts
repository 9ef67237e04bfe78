/** Runs `tasks` with at most `concurrency` in flight, in order. */
export async function pool(concurrency: number, tasks: Array<() => Promise<unknown>>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
}
