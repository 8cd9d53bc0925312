import { basename, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { readText } from '../../core/read-text.js';
import { buildBom, serializeBom } from '../../core/sbom/index.js';
import { diskRepo } from '../../adapters/fs/disk-repo.js';
import { writeOutput } from '../../adapters/fs/write-output.js';
import { chaingateVersion } from '../../adapters/version.js';
import { excludeMatcher } from '../exclude.js';
import { type CliIo, ExitCode, printGraphWarnings, progressTo } from '../io.js';
import { readSideGraphs, resolveSide } from '../load-tree.js';
import { formatFrom, inputOptions, limitsFrom, parseCommandArgs } from '../options.js';
import { withSizeKnob } from '../size-knob.js';

export const sbomHelp = `Usage: chaingate sbom [PATH] [options]

Writes a CycloneDX 1.6 SBOM for PATH: a repository directory (every lockfile
in it, node_modules skipped) or one lockfile or SBOM file. PATH defaults to .

Options:
  --format json|xml       output format (default: json)
  -o, --output FILE       write to FILE instead of standard output
  --deterministic         no timestamp or serial number: the same input gives
                          the same bytes
  --name NAME             root component name (default: package.json name, or
                          the directory name)
  --max-file-size SIZE    refuse larger lockfiles (default: 64MB)
  --exclude GLOB          leave out lockfiles under matching paths
                          (repeatable; e.g. test/fixtures, "**/examples/**")
  -q, --quiet             no progress on standard error
  -h, --help              this help
`;

const options = {
  ...inputOptions,
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  deterministic: { type: 'boolean' },
  name: { type: 'string' },
} as const;

export async function runSbom(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, options, true);
  if (values.help) {
    io.stdout(sbomHelp);
    return ExitCode.ok;
  }
  if (positionals.length > 1) throw new UsageError('BAD_ARGUMENT', `sbom takes one PATH, got ${positionals.length}`);
  const format = formatFrom(values.format, ['json', 'xml'] as const, 'json');
  const limits = limitsFrom(values['max-file-size']);
  const tree = await resolveSide({ value: positionals[0] ?? '.', flag: 'PATH', accepts: 'path-first' }, '.', io);
  const graphs = await withSizeKnob(limits, () => readSideGraphs(tree, limits, excludeMatcher(values.exclude), progressTo(values.quiet ? { ...io, interactive: false } : io)));
  printGraphWarnings(io, graphs);
  if (graphs.length === 0) throw new UsageError('NO_LOCKFILE', `no lockfile found in ${tree.label} (looked for package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, bun.lock)`);
  const root = await rootComponent(tree.rootDir, values.name);
  const deterministic = values.deterministic === true;
  const bom = buildBom(graphs, {
    root,
    toolVersion: chaingateVersion(),
    deterministic,
    timestamp: new Date(),
    // node:crypto takes a measurable part of a cold start: loaded only when a serial number is written.
    serialNumber: deterministic ? undefined : `urn:uuid:${(await import('node:crypto')).randomUUID()}`,
  });
  const text = serializeBom(bom, format);
  if (values.output) {
    await writeOutput(resolve(io.cwd, values.output), text);
    if (!values.quiet) io.stderr(`chaingate: wrote ${values.output} (${bom.components.size} components from ${graphs.length} lockfile${graphs.length === 1 ? '' : 's'})\n`);
  } else {
    io.stdout(text.endsWith('\n') ? text : `${text}\n`);
  }
  return ExitCode.ok;
}

/** A root package.json larger than this is not read for the SBOM's root name. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

async function rootComponent(dir: string | undefined, name: string | undefined): Promise<{ name: string; version?: string }> {
  if (name) return { name };
  if (!dir) return { name: 'project' };
  try {
    const manifest = JSON.parse((await readText(diskRepo(dir), 'package.json', MAX_MANIFEST_BYTES)) ?? '') as { name?: unknown; version?: unknown };
    if (typeof manifest.name === 'string' && manifest.name.length > 0) {
      return { name: manifest.name, ...(typeof manifest.version === 'string' ? { version: manifest.version } : {}) };
    }
  } catch {
    // No readable package.json: fall back to the directory's name.
  }
  return { name: basename(dir) };
}
