import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  isAllowedExternalUrl,
  isAppUrl,
  isPermissionCheckGranted,
  isPermissionRequestGranted,
  resolveAppFile,
} from './navigation';

describe('isAppUrl', () => {
  it.each([
    'app://station/',
    'app://station/index.html',
    'app://station/assets/index-abc.js?x=1#top',
    'app://station',
    APP_ENTRY_URL,
  ])('allows %s', (url) => expect(isAppUrl(url)).toBe(true));

  it.each([
    'https://station/',
    'http://station/index.html',
    'https://evil.example/',
    'file:///etc/passwd',
    'file://station/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://station/1234',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'app://station.evil/',
    'app://stationx/',
    'app://evil.station/',
    'app://station:8080/',
    'app://user@station/',
    'app://station@evil/',
    'app:station/index.html',
    'app:///station/index.html',
    'APP://evil/',
    '',
    'not a url',
  ])('refuses %s', (url) => expect(isAppUrl(url)).toBe(false));

  it('registers the scheme as standard, secure and fetchable', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});

describe('resolveAppFile', () => {
  const root = join(sep, 'opt', 'lm', 'dist', 'renderer');

  it('serves index.html for /', () => {
    expect(resolveAppFile(root, 'app://station/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://station')).toBe(join(root, 'index.html'));
  });

  it('serves files inside the root, ignoring query and hash', () => {
    expect(resolveAppFile(root, 'app://station/assets/app.js?v=2#x')).toBe(
      join(root, 'assets', 'app.js'),
    );
    expect(resolveAppFile(root, 'app://station/fonts/Noto%20Sans.woff2')).toBe(
      join(root, 'fonts', 'Noto Sans.woff2'),
    );
  });

  it.each([
    ['app://station/../secret.txt', 'secret.txt'],
    ['app://station/%2e%2e/secret.txt', 'secret.txt'],
    ['app://station/%2E%2E/%2E%2E/etc/passwd', 'etc/passwd'],
    ['app://station/assets/../../../index.html', 'index.html'],
  ])('clamps URL dot segments at the root: %s', (url, inside) => {
    // The URL parser (like Chromium's) resolves `..` and `%2e%2e` segments before the handler
    // sees the path, and never above the origin's root.
    expect(resolveAppFile(root, url)).toBe(join(root, ...inside.split('/')));
  });

  it.each([
    'app://station/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://station/assets/..%2f..%2fsecret.txt',
    'app://station/..%5c..%5csecret.txt',
    'app://station/assets%5c..%5c..%5csecret.txt',
    'app://station/index.html%00.png',
    'app://station/%E0%A4%A',
    'app://station.evil/index.html',
    'https://station/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => expect(resolveAppFile(root, url)).toBeNull());

  it('never returns a path outside the root', () => {
    const probes = ['%2e', '.', '%2f', '/', '%5c', 'a', '%252e'];
    for (const a of probes) {
      for (const b of probes) {
        for (const c of probes) {
          const resolved = resolveAppFile(root, `app://station/${a}${b}${c}${a}${b}/x`);
          if (resolved !== null) expect(resolved.startsWith(root + sep)).toBe(true);
        }
      }
    }
  });
});

describe('isAllowedExternalUrl', () => {
  it('refuses everything with the default empty allowlist', () => {
    expect(isAllowedExternalUrl('https://www.google.com/', [])).toBe(false);
  });

  it('allows only https on an exact allowlisted origin', () => {
    const allowed = ['https://disdukcapil.okikab.go.id'];
    expect(isAllowedExternalUrl('https://disdukcapil.okikab.go.id/layanan', allowed)).toBe(true);
    expect(isAllowedExternalUrl('http://disdukcapil.okikab.go.id/', allowed)).toBe(false);
    expect(isAllowedExternalUrl('https://disdukcapil.okikab.go.id.evil.com/', allowed)).toBe(false);
    expect(isAllowedExternalUrl('https://disdukcapil.okikab.go.id:444/', allowed)).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd', allowed)).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)', allowed)).toBe(false);
  });
});

describe('permission request rule', () => {
  const app = 'app://station/index.html';
  const camera = { requestingUrl: app, isMainFrame: true, mediaTypes: ['video'] };

  it('grants camera, microphone or both to the app main frame', () => {
    expect(isPermissionRequestGranted('media', camera, app)).toBe(true);
    expect(isPermissionRequestGranted('media', { ...camera, mediaTypes: ['audio'] }, app)).toBe(
      true,
    );
    expect(
      isPermissionRequestGranted(
        'media',
        { ...camera, mediaTypes: ['video', 'audio'], securityOrigin: 'app://station/' },
        app,
      ),
    ).toBe(true);
  });

  it.each([
    'geolocation',
    'notifications',
    'display-capture',
    'clipboard-read',
    'clipboard-sanitized-write',
    'openExternal',
    'fullscreen',
    'pointerLock',
    'keyboardLock',
    'midi',
    'midiSysex',
    'mediaKeySystem',
    'fileSystem',
    'window-management',
    'idle-detection',
    'storage-access',
    'unknown',
  ])('denies %s even to the app', (permission) => {
    expect(isPermissionRequestGranted(permission, camera, app)).toBe(false);
  });

  it('denies media to other origins, subframes and odd requests', () => {
    const evil = 'https://evil.example/';
    expect(isPermissionRequestGranted('media', { ...camera, requestingUrl: evil }, app)).toBe(
      false,
    );
    expect(isPermissionRequestGranted('media', camera, evil)).toBe(false);
    expect(
      isPermissionRequestGranted('media', { ...camera, requestingUrl: 'app://station.evil/' }, app),
    ).toBe(false);
    expect(isPermissionRequestGranted('media', { ...camera, isMainFrame: false }, app)).toBe(false);
    expect(
      isPermissionRequestGranted(
        'media',
        { ...camera, securityOrigin: 'https://evil.example' },
        app,
      ),
    ).toBe(false);
    expect(isPermissionRequestGranted('media', { ...camera, mediaTypes: [] }, app)).toBe(false);
    expect(
      isPermissionRequestGranted('media', { requestingUrl: app, isMainFrame: true }, app),
    ).toBe(false);
    expect(
      isPermissionRequestGranted('media', { ...camera, mediaTypes: ['video', 'screen'] }, app),
    ).toBe(false);
  });
});

describe('permission check rule', () => {
  it('allows media checks for video or audio from the app origin only', () => {
    expect(isPermissionCheckGranted('media', 'app://station', { mediaType: 'video' })).toBe(true);
    expect(isPermissionCheckGranted('media', 'app://station/', { mediaType: 'audio' })).toBe(true);
    expect(isPermissionCheckGranted('media', 'app://station', { mediaType: 'unknown' })).toBe(
      false,
    );
    expect(isPermissionCheckGranted('media', 'app://station', {})).toBe(false);
    expect(isPermissionCheckGranted('media', 'https://evil.example', { mediaType: 'video' })).toBe(
      false,
    );
    expect(isPermissionCheckGranted('media', 'app://stationx', { mediaType: 'video' })).toBe(false);
    expect(
      isPermissionCheckGranted('media', 'app://station', {
        mediaType: 'video',
        embeddingOrigin: 'https://evil.example',
      }),
    ).toBe(false);
  });

  it.each(['geolocation', 'hid', 'usb', 'serial', 'notifications', 'clipboard-read', 'fileSystem'])(
    'denies %s checks even for the app',
    (permission) => {
      expect(isPermissionCheckGranted(permission, 'app://station', { mediaType: 'video' })).toBe(
        false,
      );
    },
  );
});
