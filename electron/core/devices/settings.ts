import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DeviceConfig, DeviceSettings, RawLayout, StationMode } from '../../contract';
import { getSetting } from '../../../db/queries/settings';
import type { Database } from '../../../db/schema';

/** Where the chosen devices are kept (settings table, JSON). */
export const DEVICE_SETTINGS_KEY = 'devices.settings';

export const NO_DEVICES: DeviceSettings = { cardReader: null, scanner: null };

/** The desk of a station's devices until issue 16 brings several desks (docs/devices.md). */
export const DEFAULT_DESK = 'meja-1';
/** A desk id: lower-case letters, digits and hyphens, as in "meja-1". */
export const deskId = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/, 'lower-case letters, digits and hyphens');

/** A full-speed HID report carries at most 64 bytes. */
export const MAX_REPORT = 64;
/** The sizes of ISO 14443 UIDs: 4, 7 or 10 bytes. */
const UID_BYTES = [4, 7, 10];

const id16 = z.number().int().min(0).max(0xffff);
const byteOffset = z
  .number()
  .int()
  .min(0)
  .max(MAX_REPORT - 1);

const rawLayout = z.strictObject({
  reportId: z.number().int().min(0).max(255).nullable(),
  offset: byteOffset,
  length: z.number().int().min(1).max(MAX_REPORT),
  lengthByteOffset: byteOffset.nullable(),
  encoding: z.enum(['uid-hex', 'uid-hex-reversed', 'ascii']),
}) satisfies z.ZodType<RawLayout>;

const deviceConfig = z.strictObject({
  vendorId: id16,
  productId: id16,
  format: z.enum(['wedge', 'raw']),
  raw: rawLayout.nullable(),
  uidText: z.enum(['hex', 'decimal', 'decimal-reversed']).nullable(),
  label: z.string().trim().min(1).max(60),
  // Settings saved before desks existed lack both (readDeviceSettings fills them).
  desk: deskId.default(DEFAULT_DESK),
  isForKiosk: z.boolean().default(false),
}) satisfies z.ZodType<DeviceConfig>;

/** The shape of devices-settings-set; the rules across fields are checkDeviceSettings. */
export const deviceSettingsArgs = z.strictObject({
  cardReader: deviceConfig.nullable(),
  scanner: deviceConfig.nullable(),
}) satisfies z.ZodType<DeviceSettings>;

export interface SettingsProblem {
  field: string;
  why: string;
}

/**
 * What the shape cannot say: a raw reader needs a layout that fits a report, only wedge card
 * readers say how they spell the UID, a scanner reads text, and one device has one role.
 */
export function checkDeviceSettings(settings: DeviceSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const roles = [
    ['cardReader', settings.cardReader],
    ['scanner', settings.scanner],
  ] as const;
  for (const [role, config] of roles) {
    if (config) problems.push(...checkConfig(role, config));
  }
  const { cardReader, scanner } = settings;
  if (
    cardReader &&
    scanner &&
    cardReader.vendorId === scanner.vendorId &&
    cardReader.productId === scanner.productId
  )
    problems.push({ field: 'scanner.productId', why: 'the card reader already uses this device' });
  return problems;
}

function checkConfig(role: 'cardReader' | 'scanner', config: DeviceConfig): SettingsProblem[] {
  const at = (field: string, why: string) => ({ field: `${role}.${field}`, why });
  const problems: SettingsProblem[] = [];
  const isWedgeCardReader = role === 'cardReader' && config.format === 'wedge';
  if (isWedgeCardReader && config.uidText === null)
    problems.push(at('uidText', 'a wedge card reader says how it types the UID'));
  if (!isWedgeCardReader && config.uidText !== null)
    problems.push(at('uidText', 'only wedge card readers type a UID as text'));
  if (config.format === 'wedge') {
    if (config.raw !== null) problems.push(at('raw', 'a wedge reader has no raw layout'));
    return problems;
  }
  if (config.raw === null) return [...problems, at('raw', 'a raw reader needs its layout')];
  return [...problems, ...checkLayout(config.raw, role).map((p) => at(`raw.${p.field}`, p.why))];
}

function checkLayout(raw: RawLayout, role: 'cardReader' | 'scanner'): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  // The report id byte comes off the front, so the value must fit in what is left.
  const room = MAX_REPORT - (raw.reportId === null ? 0 : 1);
  if (raw.offset + raw.length > room)
    problems.push({ field: 'length', why: `offset + length must fit in ${room} bytes` });
  const lengthByte = raw.lengthByteOffset;
  if (lengthByte !== null && lengthByte >= raw.offset && lengthByte < raw.offset + raw.length)
    problems.push({ field: 'lengthByteOffset', why: 'the length byte lies inside the value' });
  if (role === 'scanner' && raw.encoding !== 'ascii')
    problems.push({ field: 'encoding', why: 'a scanner reads text (ascii)' });
  if (role === 'cardReader' && raw.encoding !== 'ascii') {
    const sizes = lengthByte === null ? [raw.length] : UID_BYTES.filter((n) => n <= raw.length);
    if (!sizes.some((n) => UID_BYTES.includes(n)))
      problems.push({ field: 'length', why: 'a UID is 4, 7 or 10 bytes' });
  }
  return problems;
}

/**
 * The stored choice, or `fallback` (nothing, or a training station's fake devices). A device
 * stored before desks existed sits at DEFAULT_DESK and, on a station that starts as a kiosk,
 * serves the kiosk screen as it did before (docs/devices.md, "Who receives reads").
 */
export async function readDeviceSettings(
  db: Kysely<Database>,
  fallback: DeviceSettings,
  startMode: StationMode = 'officer',
): Promise<DeviceSettings> {
  const stored = await getSetting<unknown>(db, DEVICE_SETTINGS_KEY);
  if (stored === null) return fallback;
  // Stored by devices-settings-set, so it parses; a hand-edited row falls back instead of crashing.
  const parsed = deviceSettingsArgs.safeParse(withKioskDefault(stored, startMode));
  return parsed.success && checkDeviceSettings(parsed.data).length === 0 ? parsed.data : fallback;
}

function withKioskDefault(stored: unknown, startMode: StationMode): unknown {
  if (typeof stored !== 'object' || stored === null) return stored;
  const settings = { ...(stored as Record<string, unknown>) };
  for (const key of ['cardReader', 'scanner']) {
    const config = settings[key];
    if (typeof config === 'object' && config !== null && !('isForKiosk' in config))
      settings[key] = { ...config, isForKiosk: startMode === 'kiosk' };
  }
  return settings;
}
