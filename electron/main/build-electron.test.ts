import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface BuildModule {
  buildElectron(options?: { outDir?: string }): Promise<void>;
}

const script = join(import.meta.dirname, '..', '..', 'scripts', 'build-electron.mjs');
const outDir = mkdtempSync(join(tmpdir(), 'lm-build-electron-'));

function requires(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*(["'`])([^"'`]*)\1\s*\)/g)].map(
    (match) => match[2] ?? '',
  );
}

describe('scripts/build-electron.mjs', () => {
  beforeAll(async () => {
    const build = (await import(pathToFileURL(script).href)) as BuildModule;
    await build.buildElectron({ outDir });
  }, 60_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('bundles the preload so its only require is electron', () => {
    const code = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
    expect(requires(code)).toEqual(['electron']);
    // Every require( in the file is that literal one: no computed or dynamic requires.
    expect(code.match(/\brequire\(/g)).toHaveLength(1);
    expect(code).toContain('exposeInMainWorld("bridge"');
    expect(code).toContain('"lm:call"');
    expect(code).not.toMatch(/\bimport\s*\(|import\.meta/);
  });

  it('bundles main as CommonJS with packages external and no import.meta', () => {
    const code = readFileSync(join(outDir, 'main.cjs'), 'utf8');
    const modules = new Set(requires(code));
    expect(modules.has('electron')).toBe(true);
    expect(modules.has('better-sqlite3-multiple-ciphers')).toBe(true);
    for (const name of modules) {
      // node: builtins or bare package names; our own code is inlined, never required by path.
      expect(name).toMatch(/^(node:[a-z_/]+|@?[a-z0-9][a-z0-9._\-/]*)$/);
      expect(name.startsWith('.')).toBe(false);
    }
    // Whatever main requires at run time must ship with the app: a production dependency.
    const pkg = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'),
    ) as {
      dependencies: Record<string, string>;
    };
    for (const name of modules) {
      if (name === 'electron' || name.startsWith('node:')) continue;
      expect(Object.keys(pkg.dependencies)).toContain(
        name
          .split('/')
          .slice(0, name.startsWith('@') ? 2 : 1)
          .join('/'),
      );
    }
    expect(code).not.toContain('import.meta');
    expect(code).toContain('registerSchemesAsPrivileged');
    expect(code).toMatch(/^"use strict";/);
  });
});
