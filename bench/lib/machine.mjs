// What the numbers were measured on.
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export function machine() {
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    load: loadavg().map((x) => x.toFixed(2)).join(', '),
  };
}
