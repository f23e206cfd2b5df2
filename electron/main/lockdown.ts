import type { Session, WebContents } from 'electron';
import type { Logger } from '../core/ports';
import {
  EXTERNAL_LINK_ORIGINS,
  isAllowedExternalUrl,
  isAppUrl,
  isPermissionCheckGranted,
  isPermissionRequestGranted,
} from './navigation';

export interface LockdownDeps {
  log: Logger;
  openExternal(url: string): Promise<void>;
  externalOrigins?: readonly string[];
}

/**
 * Applied to every WebContents the app creates (main window, print windows, anything else):
 * no navigation off the app origin, no new windows, no <webview>.
 */
export function lockDownWebContents(contents: WebContents, deps: LockdownDeps): void {
  const guard = (kind: string) => (details: { url: string; preventDefault(): void }) => {
    if (isAppUrl(details.url)) return;
    details.preventDefault();
    deps.log.warn('Blocked navigation off the app origin', { kind, url: clip(details.url) });
  };
  contents.on('will-navigate', guard('will-navigate'));
  contents.on('will-frame-navigate', guard('will-frame-navigate'));
  contents.on('will-redirect', guard('will-redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    deps.log.warn('Blocked <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url, deps.externalOrigins ?? EXTERNAL_LINK_ORIGINS)) {
      deps
        .openExternal(url)
        .catch((error: unknown) =>
          deps.log.warn('Could not open external link', { url: clip(url), error: String(error) }),
        );
    } else {
      deps.log.warn('Blocked window.open', { url: clip(url) });
    }
    return { action: 'deny' };
  });
}

/** Permissions for the session: camera/microphone for the app origin, nothing else, ever. */
export function lockDownSession(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const granted = isPermissionRequestGranted(permission, details, contents.getURL());
    if (!granted) log.warn('Denied permission', { permission, url: clip(details.requestingUrl) });
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionCheckGranted(permission, requestingOrigin, details),
  );
  // WebHID/WebUSB/WebSerial from a page: devices are driven by the core, never by the renderer.
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => {
    event.preventDefault();
    log.warn('Blocked download');
  });
}

function clip(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}
