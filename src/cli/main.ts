#!/usr/bin/env node
// Composition root of the CLI: no logic here, only the process wiring.
import * as nodeModule from 'node:module';

// Node 22.1+ keeps compiled code on disk between runs; Node 20 has no such API. Enabled before the rest loads.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { runCli } = await import('./run.js');

const exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
  env: process.env,
});
process.exitCode = exitCode;
