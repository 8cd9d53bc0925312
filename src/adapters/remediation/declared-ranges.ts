import type { Limits } from '../../core/limits.js';
import type { LockfileFormat } from '../../core/model.js';
import { bunDeclaredRanges, type DeclaredRanges, npmDeclaredRanges, pnpmDeclaredRanges, yarnDeclaredRanges } from '../../core/remediation/index.js';
import { jsoncToJson } from '../../ecosystems/bun/jsonc.js';
import { readLockfileYaml } from '../../ecosystems/pnpm/yaml.js';
import { readSyml } from '../../ecosystems/yarn/syml.js';

/**
 * The dependents' ranges the lockfile records, read with the same bounded readers the
 * parsers use (the lockfile has already been parsed once, so these do not fail on it).
 */
export function declaredRangesOf(format: LockfileFormat, text: string, path: string, limits: Limits): DeclaredRanges | undefined {
  switch (format) {
    case 'npm-package-lock':
      return npmDeclaredRanges(JSON.parse(text));
    case 'yarn-classic':
      return yarnDeclaredRanges(readSyml(text, path, limits, true));
    case 'yarn-berry':
      return yarnDeclaredRanges(readSyml(text, path, limits, false));
    case 'pnpm-lock':
      return pnpmDeclaredRanges(readLockfileYaml(text, path, limits));
    case 'bun-lock':
      return bunDeclaredRanges(JSON.parse(jsoncToJson(text, path, limits)));
    default:
      return undefined;
  }
}
