/**
 * Node flags for a worker thread started from this process: the parent's module loaders
 * (tsx's --import/--require hooks) are left out — a worker either needs none (plain JavaScript)
 * or registers its own — and so is any flag matching `drop` (e.g. a heap size the worker's
 * resourceLimits set instead). Other flags (--cpu-prof, heap limits) carry over.
 */
export function workerExecArgv({ drop }: { drop?: RegExp } = {}): string[] {
  const out: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (/^--(import|require|loader|experimental-loader)$/.test(a) || a === "-r") i++;
    else if (!/^--(import|require|loader|experimental-loader)=/.test(a) && !drop?.test(a)) out.push(a);
  }
  return out;
}
