import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appProtocolHandler } from './app-protocol';

const base = mkdtempSync(join(tmpdir(), 'lm-app-protocol-'));
const root = join(base, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>LM</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(base, 'secret.txt'), 'outside the root');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const handle = appProtocolHandler(root);
const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('appProtocolHandler', () => {
  it('serves index.html for / with a type and nosniff', async () => {
    const response = await get('app://station/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>LM</title>');
  });

  it('serves assets with their type', async () => {
    const response = await get('app://station/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'app://station/assets/..%2f..%2fsecret.txt',
    'app://station/%2e%2e%2fsecret.txt',
    'app://station/missing.js',
    'app://station/assets',
    'app://station.evil/index.html',
  ])('404 for %s, never the file outside the root', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside the root');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://station/index.html', 'POST')).status).toBe(405);
    const head = await get('app://station/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
