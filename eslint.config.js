// @ts-check
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import boundaries from ../shared/design/architecture.md §2: the path says where code runs. */
const noElectron = {
  name: 'electron',
  message: 'Only electron/main and electron/preload import electron.',
};
const restrict = (/** @type {object[]} */ patterns, /** @type {object[]} */ paths = []) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
});

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'build/', 'release/', 'coverage/', 'test-results/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a union or an `as const` object.' },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'db/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: restrict([], [noElectron]),
  },
  {
    files: ['electron/contract/**/*.ts'],
    rules: restrict(
      [{ group: ['../*', '!../contract'], message: 'The contract imports nothing else of ours.' }],
      [noElectron],
    ),
  },
  {
    files: ['db/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      [{ group: ['**/electron/**', '**/renderer/**'], message: 'db/ imports nothing of ours.' }],
      [noElectron],
    ),
  },
  {
    files: ['db/**/*.test.ts'],
    rules: restrict(
      [
        {
          group: ['**/electron/*', '!**/electron/testing', '**/renderer/**'],
          message: 'db/ tests import only db/ and electron/testing.',
        },
      ],
      [noElectron],
    ),
  },
  {
    files: ['electron/devices/**/*.ts'],
    rules: restrict(
      [
        {
          group: ['**/core/**', '**/main/**', '**/server/**'],
          message: 'Devices never import the core or a host.',
        },
      ],
      [noElectron],
    ),
  },
  {
    files: ['electron/core/**/*.ts', 'electron/transport/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      [
        {
          group: ['**/main/**', '**/server/**', '**/hub/**'],
          message: 'Hosts import the core, not the other way round.',
        },
        {
          group: ['**/*.hid', '**/*.fake'],
          message: 'Only composition roots choose device implementations.',
        },
      ],
      [noElectron],
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    ignores: ['renderer/e2e/**', 'renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([
      {
        group: ['**/electron/contract', '**/electron/contract/*'],
        allowTypeImports: true,
        message: 'The renderer imports only types from electron/contract.',
      },
      {
        group: ['**/electron/*', '!**/electron/contract', '**/db/**', 'node:*', 'electron'],
        message: 'The renderer talks to the core only through src/lib/connection.',
      },
    ]),
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
);
