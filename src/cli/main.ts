#!/usr/bin/env node
// Composition root of the CLI: no logic here, only the process wiring.
import { runCli } from './run.js';

const exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
  env: process.env,
});
process.exitCode = exitCode;
