import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { Random } from './random.js';
import { fuzzTargets, type FuzzInput, type FuzzTarget } from './targets.js';

export { fuzzTargets };

/**
 * The child process of scripts/fuzz/run.mjs: runs inputs `from` .. `to - 1`
 * of one target and tells the parent when each starts and how it ended, so
 * the parent can time each input, kill a hang and go on after it. Input `i`
 * depends only on (seed, target, i), so any input can be rebuilt anywhere.
 */
export interface WorkerTask {
  readonly root: string;
  readonly target: string;
  readonly seed: string;
  readonly from: number;
  readonly to: number;
  /** The saved regression inputs of this target are replayed first, but for this many already done. */
  readonly skipRegressions: number;
}

export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'end'; readonly index: number; readonly outcome: 'accepted' | 'refused' | 'crash'; readonly error?: string; readonly heapMb: number }
  | { readonly type: 'done'; readonly maxRssMb: number };

export function targetNamed(root: string, name: string): FuzzTarget {
  const target = fuzzTargets(root).find((t) => t.name === name);
  if (!target) throw new Error(`no fuzz target ${name}`);
  return target;
}

/** Input `index` of `target` for `seed`: the same on every run and machine. */
export function inputFor(target: FuzzTarget, seed: string, index: number): FuzzInput {
  return target.generate(new Random(`${seed}/${target.name}/${index}`));
}

export function regressionInputs(root: string, target: FuzzTarget): { label: string; input: FuzzInput }[] {
  const dir = join(root, 'scripts', 'fuzz', 'regressions', target.name);
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    const bytes = readFileSync(join(dir, name));
    return { label: `regression ${name}`, input: target.extension === 'zip' ? { bytes } : { text: bytes.toString('utf8') } };
  });
}

async function work(task: WorkerTask, send: (message: WorkerMessage) => void): Promise<void> {
  const target = targetNamed(task.root, task.target);
  const jobs: { index: number; label: string; input: () => FuzzInput }[] = [];
  regressionInputs(task.root, target)
    .slice(task.skipRegressions)
    .forEach((r, i) => jobs.push({ index: -1 - i, label: r.label, input: () => r.input }));
  for (let index = task.from; index < task.to; index++) jobs.push({ index, label: `input ${index}`, input: () => inputFor(target, task.seed, index) });
  send({ type: 'ready' });
  for (const job of jobs) {
    const input = job.input();
    let outcome: 'accepted' | 'refused' | 'crash';
    let error: string | undefined;
    try {
      outcome = await target.run(input);
    } catch (thrown) {
      outcome = 'crash';
      error = thrown instanceof Error ? (thrown.stack ?? `${thrown.name}: ${thrown.message}`) : String(thrown);
    }
    send({ type: 'end', index: job.index, outcome, ...(error ? { error } : {}), heapMb: getHeapStatistics().used_heap_size / 1024 / 1024 });
  }
  send({ type: 'done', maxRssMb: process.resourceUsage().maxRSS / 1024 });
}

if (process.send) {
  process.once('message', (task: WorkerTask) => {
    const send = (message: WorkerMessage) => process.send!(message);
    work(task, send).then(
      () => process.disconnect(),
      (error: unknown) => {
        console.error(error);
        process.exit(70);
      },
    );
  });
}
