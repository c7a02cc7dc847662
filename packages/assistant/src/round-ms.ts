/** Milliseconds to two decimals, as timings are stored and shown. */
export const roundMs = (ms: number) => Math.round(ms * 100) / 100;
