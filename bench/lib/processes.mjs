// Whole-process timing: wall clock from spawn to exit, and the CPU time (user + system)
// the child used, from Linux's /proc/self/stat (children's times once waited for).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { median } from './stats.mjs';

const TICKS_PER_SECOND = 100;

/** CPU ms of all waited-for children so far, or undefined off Linux. */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, cutime 16 and cstime 17 (1-based, man 5 proc).
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * @typedef {{ name: string, argv: string[], cwd?: string, env?: Record<string, string> }} Command
 * @typedef {{ wall: number[], cpu: number[], error?: string }} Samples
 */

/** Runs one command once, output discarded; throws on a non-zero exit. */
export function runOnce(node, command) {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const result = spawnSync(node, command.argv, {
    cwd: command.cwd,
    env: { ...process.env, ...command.env },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const wall = performance.now() - t0;
  const cpu1 = childrenCpuMs();
  if (result.status !== 0) throw new Error(`${command.name}: exit ${result.status}: ${(result.stderr ?? '').trim().split('\n').pop()}`);
  return { wall, cpu: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0 };
}

/**
 * Runs every command `runs` times, alternating (round i runs each command once, the
 * order rotated every round), after one warm-up round; medians per command.
 * @param {string} node
 * @param {Command[]} commands
 * @param {number} runs
 * @returns {Map<string, { wall?: number, cpu?: number, error?: string }>}
 */
export function alternate(node, commands, runs) {
  /** @type {Map<string, Samples>} */
  const samples = new Map(commands.map((c) => [c.name, { wall: [], cpu: [] }]));
  for (let round = -1; round < runs; round++) {
    for (let i = 0; i < commands.length; i++) {
      const command = commands[(i + Math.max(round, 0)) % commands.length];
      const s = samples.get(command.name);
      if (s.error) continue;
      try {
        const { wall, cpu } = runOnce(node, command);
        if (round >= 0) {
          s.wall.push(wall);
          if (cpu !== undefined) s.cpu.push(cpu);
        }
      } catch (error) {
        s.error = String(error.message ?? error).slice(0, 120);
      }
    }
  }
  return new Map(
    [...samples].map(([name, s]) => [name, s.error ? { error: s.error } : { wall: median(s.wall), cpu: s.cpu.length ? median(s.cpu) : undefined }]),
  );
}
