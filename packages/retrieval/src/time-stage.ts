/** Runs one stage and records its wall time under `key` (stages that can degrade catch their own errors). */
export async function timeStage<T>({
  timings,
  key,
  run,
}: {
  timings: Record<string, number>;
  key: string;
  run: () => Promise<T>;
}): Promise<T> {
  const t = performance.now();
  const value = await run();
  timings[key] = performance.now() - t;
  return value;
}
