import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'action/dist/', 'coverage/', 'bench/.corpus/', 'bench/.tools/', 'test/fixtures/', 'node_modules/'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // The engine is pure: I/O reaches it through the ports in src/core/ports.ts.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'child_process', 'http', 'https'], message: 'src/core is pure: take I/O through a port.' },
            { group: ['octokit', '@octokit/*', 'probot', '@actions/*'], message: 'src/core never talks to GitHub directly.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'src/core is pure: take I/O through a port.' }, { name: 'process', message: 'src/core reads no environment.' }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
