import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '../core/ports';
import { lockDownSession, lockDownWebContents } from './lockdown';

const quietLog = (): Logger & { warnings: string[] } => {
  const warnings: string[] = [];
  return { warnings, info: () => {}, warn: (m) => warnings.push(m), error: () => {} };
};

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  url = 'app://station/index.html';
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  getURL() {
    return this.url;
  }
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

function setup(externalOrigins?: string[]) {
  const contents = new FakeContents();
  const log = quietLog();
  const openExternal = vi.fn(() => Promise.resolve());
  lockDownWebContents(contents as unknown as WebContents, {
    log,
    openExternal,
    ...(externalOrigins ? { externalOrigins } : {}),
  });
  return { contents, log, openExternal };
}

describe('lockDownWebContents', () => {
  for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    it(`${event}: stays on the app origin, blocks everything else`, () => {
      const { contents, log } = setup();
      const inside = navigationEvent('app://station/index.html#/kiosk');
      contents.emit(event, inside);
      expect(inside.preventDefault).not.toHaveBeenCalled();
      for (const url of [
        'https://evil.example/',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'data:text/html,x',
        'app://station.evil/',
      ]) {
        const outside = navigationEvent(url);
        contents.emit(event, outside);
        expect(outside.preventDefault).toHaveBeenCalledOnce();
      }
      expect(log.warnings).toHaveLength(5);
    });
  }

  it('prevents <webview> from attaching', () => {
    const { contents } = setup();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('denies every new window and opens nothing with the default empty allowlist', () => {
    const { contents, openExternal } = setup();
    for (const url of ['https://www.google.com/', 'app://station/index.html', 'about:blank']) {
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('opens allowlisted https links in the system browser, still denying the window', () => {
    const { contents, openExternal } = setup(['https://disdukcapil.okikab.go.id']);
    expect(contents.openHandler?.({ url: 'https://disdukcapil.okikab.go.id/x' })).toEqual({
      action: 'deny',
    });
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://disdukcapil.okikab.go.id/x');
  });
});

describe('lockDownSession', () => {
  function session() {
    const fake = Object.assign(new EventEmitter(), {
      request: null as null | ((...args: unknown[]) => void),
      check: null as null | ((...args: unknown[]) => boolean),
      device: null as null | ((...args: unknown[]) => boolean),
      setPermissionRequestHandler(handler: (...args: unknown[]) => void) {
        this.request = handler;
      },
      setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
        this.check = handler;
      },
      setDevicePermissionHandler(handler: (...args: unknown[]) => boolean) {
        this.device = handler;
      },
    });
    lockDownSession(fake as unknown as Session, quietLog());
    return fake;
  }

  function request(
    fake: ReturnType<typeof session>,
    contentsUrl: string,
    permission: string,
    details: object,
  ): boolean {
    const contents = new FakeContents();
    contents.url = contentsUrl;
    let granted: boolean | undefined;
    fake.request?.(contents, permission, (value: boolean) => (granted = value), details);
    if (granted === undefined) throw new Error('callback not called');
    return granted;
  }

  it('grants camera and microphone to the app page, only as media', () => {
    const fake = session();
    const app = 'app://station/index.html';
    const media = { requestingUrl: app, isMainFrame: true, mediaTypes: ['video', 'audio'] };
    expect(request(fake, app, 'media', media)).toBe(true);
    expect(request(fake, app, 'geolocation', media)).toBe(false);
    expect(request(fake, app, 'notifications', { requestingUrl: app, isMainFrame: true })).toBe(
      false,
    );
    expect(request(fake, app, 'display-capture', media)).toBe(false);
    expect(request(fake, 'https://evil.example/', 'media', media)).toBe(false);
    expect(request(fake, app, 'media', { ...media, requestingUrl: 'https://evil.example/' })).toBe(
      false,
    );
  });

  it('answers permission checks the same way', () => {
    const fake = session();
    expect(
      fake.check?.(null, 'media', 'app://station', { mediaType: 'video', isMainFrame: true }),
    ).toBe(true);
    expect(fake.check?.(null, 'media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
    expect(fake.check?.(null, 'hid', 'app://station', {})).toBe(false);
    expect(fake.check?.(null, 'serial', 'app://station', {})).toBe(false);
  });

  it('refuses WebHID/WebUSB/WebSerial device grants and downloads', () => {
    const fake = session();
    expect(fake.device?.({ deviceType: 'hid', origin: 'app://station' })).toBe(false);
    const download = { preventDefault: vi.fn() };
    fake.emit('will-download', download, {}, {});
    expect(download.preventDefault).toHaveBeenCalledOnce();
  });
});
