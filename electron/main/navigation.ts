import { join, normalize, sep } from 'node:path';
import type { CustomScheme } from 'electron';

/**
 * The renderer is served from its own privileged scheme, not file://: a file:// page would share
 * an origin with every file on disk, while app://station/ is one origin the rules below can name.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'station';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Registered before `ready`: standard (relative URLs, origin), secure (camera), fetch for assets. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/**
 * Origins whose links may leave the app for the system browser. Empty: a kiosk must not open
 * a browser a citizen could wander off in. Add an exact https origin here when one is needed.
 */
export const EXTERNAL_LINK_ORIGINS: readonly string[] = [];

/** True only for app://station/..., with no port, no credentials and no lookalike host. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Maps an app:// request URL to a file inside root, or null for anything outside it (other
 * origins, `..` in any encoding, NUL bytes, backslashes). `/` serves index.html.
 */
export function resolveAppFile(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((segment) => segment === '..')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  const full = normalize(join(base, relative));
  return full.startsWith(base) && full !== base ? full : null;
}

/** External links leave through the system browser only for an allowlisted https origin. */
export function isAllowedExternalUrl(url: string, allowed: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && allowed.includes(parsed.origin);
}

const MEDIA_TYPES = new Set(['video', 'audio']);

/** Permission requests: only camera/microphone capture, only for the app's own main frame. */
export function isPermissionRequestGranted(
  permission: string,
  details: {
    requestingUrl?: string;
    isMainFrame?: boolean;
    mediaTypes?: readonly string[];
    securityOrigin?: string;
  },
  webContentsUrl: string,
): boolean {
  if (permission !== 'media') return false;
  if (!isAppUrl(webContentsUrl) || !isAppUrl(details.requestingUrl ?? '')) return false;
  if (details.isMainFrame !== true) return false;
  if (details.securityOrigin !== undefined && !isAppUrl(details.securityOrigin)) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => MEDIA_TYPES.has(type));
}

/** Permission checks (synchronous queries): the same rule, from the requesting origin. */
export function isPermissionCheckGranted(
  permission: string,
  requestingOrigin: string,
  details: { mediaType?: string; securityOrigin?: string; embeddingOrigin?: string },
): boolean {
  if (permission !== 'media') return false;
  if (!isAppUrl(requestingOrigin)) return false;
  if (details.securityOrigin !== undefined && !isAppUrl(details.securityOrigin)) return false;
  if (details.embeddingOrigin !== undefined && !isAppUrl(details.embeddingOrigin)) return false;
  return details.mediaType !== undefined && MEDIA_TYPES.has(details.mediaType);
}
