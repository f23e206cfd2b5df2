import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ConsentText } from '../../contract';

/**
 * The consent screen text (UU 27/2022: purpose, who sees the data, how long it is kept), shipped as
 * versioned data in resources/data/consent.json. A submission names the version it showed; the
 * core stores the SHA-256 of the exact text in the language shown.
 */
export const CONSENT_FILE = join('data', 'consent.json');

const consentFileSchema = z.strictObject({
  '//': z.string().optional(),
  version: z.string().regex(/^[0-9A-Za-z.-]{1,40}$/),
  id: z.string().min(40),
  en: z.string().min(40),
});

export function loadConsent(resourcesDir: string): ConsentText {
  const raw = JSON.parse(readFileSync(join(resourcesDir, CONSENT_FILE), 'utf8')) as unknown;
  const file = consentFileSchema.parse(raw);
  return { version: file.version, text: { id: file.id, en: file.en } };
}

export function consentTextHash(consent: ConsentText, language: 'id' | 'en'): string {
  return createHash('sha256').update(consent.text[language], 'utf8').digest('hex');
}
