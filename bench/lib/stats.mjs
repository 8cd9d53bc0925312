// Timing and memory helpers: median of N runs after warm-up, retained heap after a forced GC.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
/** @type {() => void} */
const gc = globalThis.gc ?? runInNewContext('gc');

/** @param {number[]} xs */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Runs `fn` `warmup` times, then `runs` timed times; returns the median in ms, the last
 * result, and the heap the result keeps alive (heapUsed after GC, minus before), in bytes.
 * @template T
 * @param {() => T | Promise<T>} fn
 * @param {{ runs: number, warmup: number }} opts
 * @returns {Promise<{ ms: number, samples: number[], result: T, retainedBytes: number }>}
 */
export async function measure(fn, { runs, warmup }) {
  const samples = await time(fn, runs, warmup);
  const { result, retainedBytes } = await retained(fn);
  return { ms: median(samples), samples, result, retainedBytes };
}

// Kept apart from `retained` so that no stale result of a timed run is still referenced
// by a suspended frame when the heap is measured.
async function time(fn, runs, warmup) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

async function retained(fn) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const result = await fn();
  gc();
  return { result, retainedBytes: process.memoryUsage().heapUsed - before };
}
