import tseslint from 'typescript-eslint';

/** Import paths that reach into one of the given top-level folders of src/. */
const into = (...folders) => folders.map((folder) => `**/${folder}/**`);
const SHELLS = ['cli', 'action', 'app'];
const NODE_IO = ['node:*', 'fs', 'path', 'child_process', 'http', 'https'];
const GITHUB = ['octokit', '@octokit/*', 'probot', '@actions/*'];

/**
 * The layering, one rule per folder (a later config for the same files would
 * replace the rule, so each folder gets all of its patterns at once):
 * core imports nothing outward; ecosystems import only core; adapters do
 * not import shells; shells (cli, action, app) do not import each other.
 * test/lint/boundaries.test.ts shows each rule catching a violation.
 */
const boundary = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['dist/', 'action/dist/', 'coverage/', 'bench/.corpus/', 'bench/.tools/', 'test/fixtures/', 'node_modules/'] },
  ...tseslint.configs.recommended,
  boundary(['src/core/**/*.ts'], [
    { group: NODE_IO, message: 'src/core is pure: take I/O through a port.' },
    { group: GITHUB, message: 'src/core never talks to GitHub directly.' },
    { group: into('ecosystems', 'adapters', ...SHELLS), message: 'src/core imports nothing outward: take what it needs through a port (src/core/ports.ts).' },
  ]),
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'src/core is pure: take I/O through a port.' }, { name: 'process', message: 'src/core reads no environment.' }],
    },
  },
  boundary(['src/ecosystems/**/*.ts'], [
    { group: NODE_IO, message: 'A parser takes content, not paths: read files through RepoFiles.' },
    { group: into('adapters', ...SHELLS), message: 'src/ecosystems imports only src/core.' },
  ]),
  boundary(['src/adapters/**/*.ts'], [{ group: into(...SHELLS), message: 'Adapters serve every shell: they never import one.' }]),
  boundary(['src/cli/**/*.ts'], [{ group: into('action', 'app'), message: 'Shells do not import each other: share through core, ecosystems or adapters.' }]),
  boundary(['src/action/**/*.ts'], [{ group: into('cli', 'app'), message: 'Shells do not import each other: share through core, ecosystems or adapters.' }]),
  boundary(['src/app/**/*.ts'], [{ group: into('cli', 'action'), message: 'Shells do not import each other: share through core, ecosystems or adapters.' }]),
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
