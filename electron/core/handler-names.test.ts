import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStation, type TestStation } from '../testing/station';

/**
 * Every handler name starts with the name of the domain folder that registers it
 * (`sync-usb-export` in electron/core/sync/), so a name says where its code is. The registrations
 * are read from the source (every `.method(` call under electron/core, its first argument) and
 * checked against the names a real station registers and the keys of Handlers in the contract, so
 * a handler registered in an unusual way is not missed.
 */

const CORE = new URL('.', import.meta.url).pathname;
const CONTRACT = new URL('../contract/handlers.ts', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function parse(file: string, text = readFileSync(file, 'utf8')): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
}

function visitAll(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => visitAll(child, visit));
}

/**
 * The property names of `interface Handlers` in the contract, and of the interfaces it extends
 * (OutreachHandlers, LanHandlers ...), each looked up in the contract's own files.
 */
function contractNames(): string[] {
  const names: string[] = [];
  const wanted = new Set(['Handlers']);
  const handlers = parse(CONTRACT);
  visitAll(handlers, (node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== 'Handlers') return;
    for (const clause of node.heritageClauses ?? [])
      for (const type of clause.types) wanted.add(type.expression.getText());
  });
  const dir = new URL('../contract/', import.meta.url).pathname;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
    visitAll(parse(join(dir, file)), (node) => {
      if (!ts.isInterfaceDeclaration(node) || !wanted.has(node.name.text)) return;
      for (const member of node.members)
        if (member.name && ts.isStringLiteral(member.name)) names.push(member.name.text);
    });
  }
  return names;
}

function stringsIn(node: ts.Node): string[] {
  const found: string[] = [];
  visitAll(node, (n) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) found.push(n.text);
  });
  return found;
}

/**
 * The names a `.method(` call registers: its first argument when that is a string; when it is a
 * loop variable, the handler names listed in the loop (`for (const name of ['a', 'b'])`). A call
 * with any other first argument forwards a registration made elsewhere (limits/anonymous.ts).
 */
function registeredBy(call: ts.CallExpression, handlerNames: ReadonlySet<string>): string[] {
  const first = call.arguments[0];
  if (!first) return [];
  if (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) return [first.text];
  for (let up: ts.Node | undefined = call.parent; up; up = up.parent)
    if (ts.isForOfStatement(up)) return stringsIn(up.expression).filter((s) => handlerNames.has(s));
  return [];
}

/** Where each handler is registered: its name and the domain folder ('' for core's own files). */
function registrations(
  handlerNames: ReadonlySet<string>,
): { name: string; folder: string; file: string }[] {
  return sourceFiles(CORE).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('method')) return [];
    const path = relative(CORE, file);
    const folder = path.includes(sep) ? (path.split(sep)[0] ?? '') : '';
    const found: { name: string; folder: string; file: string }[] = [];
    visitAll(parse(file, text), (node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'method'
      )
        for (const name of registeredBy(node, handlerNames))
          found.push({ name, folder, file: path });
    });
    return found;
  });
}

let station: TestStation;
beforeAll(async () => {
  station = await createTestStation();
});
afterAll(async () => {
  await station.dispose();
});

describe('handler names', () => {
  it('every handler starts with the name of the domain folder that registers it', () => {
    const contract = contractNames();
    const found = registrations(new Set(contract));
    const foundNames = found.map((r) => r.name);
    const sorted = (names: readonly string[]) => [...new Set(names)].sort();

    // Nothing missed: the source scan, a real station and the contract name the same handlers.
    expect(sorted(foundNames), 'handlers found in the source vs registered by a station').toEqual(
      station.dispatcher.handlerNames,
    );
    expect(sorted(contract), 'keys of Handlers vs handlers registered by a station').toEqual(
      station.dispatcher.handlerNames,
    );
    expect(foundNames.length, 'a handler registered in two places').toBe(new Set(foundNames).size);

    const offenders = found
      .filter((r) => r.folder === '' || !r.name.startsWith(`${r.folder}-`))
      .map((r) => `${r.name} (registered in electron/core/${r.file})`);
    expect(
      offenders,
      `handler names not prefixed by their folder:\n${offenders.join('\n')}`,
    ).toEqual([]);
    expect(found.length).toBeGreaterThanOrEqual(81);
  });
});
