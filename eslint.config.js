// @ts-check
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import { readdirSync } from 'node:fs';
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

/** Every renderer file: types only from the contract, nothing else of the core's. */
const RENDERER = [
  {
    group: ['**/electron/contract', '**/electron/contract/*'],
    allowTypeImports: true,
    message: 'The renderer imports only types from electron/contract.',
  },
  {
    group: ['**/electron/*', '!**/electron/contract', '**/db/**', 'node:*', 'electron'],
    message: 'The renderer talks to the core only through src/lib/connection.',
  },
];
/** renderer/src/features/<name>/: none imports another (renderer/README.md, "Screens"). */
const RENDERER_FEATURES = readdirSync(new URL('./renderer/src/features', import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const FEATURE_MESSAGE =
  'A feature imports no other feature and not the shell: move what they share into renderer/src/lib/.';
const LIB_MESSAGE = 'renderer/src/lib/ is below the features and the shell: it imports neither.';
/**
 * renderer/src/office/: the district back-office, a page of its own (office.html). The station's
 * code never imports it (the kiosk loads no back-office chunk); its areas in office/features/<area>
 * import neither each other nor the office shell, and no office file imports the station's
 * features or shell (renderer/README.md, "The back-office").
 */
const OFFICE_AREAS = readdirSync(new URL('./renderer/src/office/features', import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const INTO_OFFICE = {
  regex: '^\\.{1,2}/(.*/)?office(/|$)',
  message: 'The station never imports the back-office (renderer/src/office): it is its own page.',
};
const OFFICE_MESSAGE =
  'A back-office area imports no other area, not the office shell and no station feature or shell: move what they share into renderer/src/office/lib/ or renderer/src/lib/.';
/** The station's renderer files: the renderer rules and no way into the back-office. */
const STATION = [...RENDERER, INTO_OFFICE];
/** A relative import that climbs (`../`) into one of `folders`, optionally through `through`. */
const climbingInto = (
  /** @type {string[]} */ folders,
  /** @type {string} */ message,
  through = '',
) => ({ regex: `^(\\.\\./)+${through}(${folders.join('|')})(/|$)`, message });

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
          // The drivers of electron/devices: `*.node` (node-hid) and `*.fake`. The core may use the
          // interfaces (hid-backend), the parsers, DeviceService and the training devices.
          group: ['**/*.node', '**/*.fake', 'node-hid'],
          message: 'Only composition roots choose device implementations.',
        },
      ],
      [noElectron],
    ),
  },
  {
    // The district hub runs apart from any station: docs/sync-protocol.md, electron/protocol.
    files: ['electron/hub/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      [
        {
          group: ['**/core/**', '**/server/**', '**/main/**', '**/devices/**', '**/transport/**'],
          message: 'The hub imports electron/protocol, db and electron/contract only.',
        },
      ],
      [noElectron],
    ),
  },
  {
    // The format station and hub share (docs/sync-packets.md): it depends on neither.
    files: ['electron/protocol/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      [
        {
          group: [
            '**/core/**',
            '**/db/**',
            '**/hub/**',
            '**/server/**',
            '**/main/**',
            '**/devices/**',
            '**/transport/**',
            '**/renderer/**',
          ],
          message: 'electron/protocol imports only electron/contract and itself.',
        },
      ],
      [noElectron],
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    ignores: ['renderer/e2e/**', 'renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(STATION),
  },
  {
    files: ['renderer/src/lib/**/*.ts', 'renderer/src/lib/**/*.svelte'],
    rules: restrict([...STATION, climbingInto(['features', 'shell'], LIB_MESSAGE)]),
  },
  ...RENDERER_FEATURES.map((name) => ({
    files: [`renderer/src/features/${name}/**/*.ts`, `renderer/src/features/${name}/**/*.svelte`],
    rules: restrict([
      ...STATION,
      climbingInto(
        RENDERER_FEATURES.filter((other) => other !== name),
        FEATURE_MESSAGE,
        '((.*/)?features/)?',
      ),
      climbingInto(['shell'], FEATURE_MESSAGE),
    ]),
  })),
  // The back-office (each block replaces the station rules above for its files). The station's
  // features and shell sit one level above office/ (depth-exact: office/ has its own of both).
  {
    files: ['renderer/src/office/*.ts', 'renderer/src/office/*.svelte'],
    rules: restrict([
      ...RENDERER,
      { regex: '^\\.\\./(features|shell)(/|$)', message: OFFICE_MESSAGE },
    ]),
  },
  {
    files: ['renderer/src/office/shell/**/*.ts', 'renderer/src/office/shell/**/*.svelte'],
    rules: restrict([
      ...RENDERER,
      { regex: '^(\\.\\./){2,}(features|shell)(/|$)', message: OFFICE_MESSAGE },
    ]),
  },
  {
    files: ['renderer/src/office/lib/**/*.ts', 'renderer/src/office/lib/**/*.svelte'],
    rules: restrict([...RENDERER, climbingInto(['features', 'shell'], LIB_MESSAGE)]),
  },
  ...OFFICE_AREAS.map((name) => ({
    files: [
      `renderer/src/office/features/${name}/**/*.ts`,
      `renderer/src/office/features/${name}/**/*.svelte`,
    ],
    rules: restrict([
      ...RENDERER,
      climbingInto(
        OFFICE_AREAS.filter((other) => other !== name),
        OFFICE_MESSAGE,
        '((.*/)?features/)?',
      ),
      climbingInto(['shell'], OFFICE_MESSAGE),
      { regex: '^(\\.\\./){3,}features(/|$)', message: OFFICE_MESSAGE },
    ]),
  })),
  {
    // Its own rule id (the base rule, not the typescript-eslint one the blocks above set), so no
    // block that sets its own import boundaries can drop it by replacing the options.
    files: ['**/*.ts', '**/*.svelte'],
    ignores: [
      'electron/testing/**',
      'renderer/src/testing/**',
      '**/*.test.ts',
      'renderer/e2e/**',
      'bench/**',
      'torture/**',
      'scripts/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/testing', '**/testing/**'],
              message: 'Production code never imports test support.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
);
