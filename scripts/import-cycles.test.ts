import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * No module imports itself back, however long the way round: electron/, db/ and renderer/src
 * form a graph without cycles. Relative imports only (packages cannot import us back); type-only
 * imports count too, because a cycle of types still ties two modules into one that must be read,
 * tested and moved together.
 */

const ROOT = new URL('..', import.meta.url).pathname;
const FOLDERS = ['electron', 'db', 'renderer/src'];
const SKIPPED = new Set(['node_modules', 'dist', 'build']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return SKIPPED.has(name) ? [] : sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The script of a .svelte file (instance and module), or a .ts file as it is. */
function scriptOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

/** `./x` → x.ts, x (x.svelte, x.svelte.ts written as ./x.svelte), x.svelte.ts, x/index.ts. */
function resolve(from: string, specifier: string): string | null {
  const base = join(dirname(from), specifier);
  const candidates = [`${base}.ts`, base, `${base}.svelte.ts`, join(base, 'index.ts')];
  return candidates.find((c) => /\.(ts|svelte)$/.test(c) && existsSync(c)) ?? null;
}

function importGraph(folders: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of folders.flatMap((f) => sourceFiles(join(ROOT, f)))) {
    const { importedFiles } = ts.preProcessFile(scriptOf(file), true, true);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((s) => s.startsWith('.'))
      .map((s) => resolve(file, s))
      .filter((t): t is string => t !== null);
    graph.set(relative(ROOT, file), [...new Set(targets.map((t) => relative(ROOT, t)))]);
  }
  return graph;
}

/** Strongly connected components with more than one module (or a module importing itself). */
function tangles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** One shortest way from the first module of a tangle back to itself: `a → b → a`. */
function shortestCycle(graph: Map<string, string[]>, component: string[]): string {
  const inside = new Set(component);
  const start = component[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!inside.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at = node; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
        return [...path, start].join(' → ');
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return start;
}

function importCycles(graph: Map<string, string[]>): string[] {
  return tangles(graph).map((component) => {
    const others = component.length > 2 ? ` (${component.length} modules tied)` : '';
    return shortestCycle(graph, component) + others;
  });
}

describe('import cycles', () => {
  it('finds a cycle, however long, and only a cycle', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(importCycles(graph)).toEqual([
      'a.ts → b.ts → c.ts → a.ts (3 modules tied)',
      'e.ts → e.ts',
    ]);
    expect(
      importCycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('reads .svelte scripts, type-only imports and folder indexes', () => {
    const graph = importGraph(['renderer/src', 'electron/contract']);
    const app = graph.get('renderer/src/App.svelte') ?? [];
    expect(app.length).toBeGreaterThan(0);
    expect([...graph.values()].flat()).toContain('electron/contract/index.ts');
  });

  it('has none in electron/, db/ and renderer/src', () => {
    expect(importCycles(importGraph(FOLDERS))).toEqual([]);
  });
});
