import type { Kysely } from 'kysely';
import { z } from 'zod';
import type {
  DeviceConfig,
  DeviceRole,
  DeviceSettings,
  OtherDevice,
  RawLayout,
  StationMode,
} from '../../contract';
import { getSetting } from '../../../db/queries/settings';
import type { Database } from '../../../db/schema';

/** Where the chosen devices are kept (settings table, JSON). */
export const DEVICE_SETTINGS_KEY = 'devices.settings';

export const NO_DEVICES: DeviceSettings = { cardReader: null, scanner: null };

/** The desk of a device stored without one, and of a screen that said nothing (docs/devices.md). */
export const DEFAULT_DESK = 'meja-1';
/** How many devices DeviceSettings.others may hold. */
export const MAX_OTHER_DEVICES = 8;
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
  // Printable ASCII as USB string descriptors carry it; absent = any device of the ids.
  serialNumber: z
    .string()
    .trim()
    .min(1)
    .max(126)
    .regex(/^[\x20-\x7e]+$/, 'printable ASCII')
    .nullable()
    .optional(),
}) satisfies z.ZodType<DeviceConfig>;

const otherDevice = deviceConfig.extend({
  role: z.enum(['card-reader', 'scanner']),
}) satisfies z.ZodType<OtherDevice>;

/** The shape of devices-settings-set; the rules across fields are checkDeviceSettings. */
export const deviceSettingsArgs = z.strictObject({
  cardReader: deviceConfig.nullable(),
  scanner: deviceConfig.nullable(),
  others: z.array(otherDevice).max(MAX_OTHER_DEVICES).optional(),
}) satisfies z.ZodType<DeviceSettings>;

/** One configured device with where it sits in the settings ('cardReader', 'others.0' …). */
export interface SettingsEntry {
  slot: string;
  role: DeviceRole;
  config: DeviceConfig;
}

/** Every configured device, in the order of the settings (first card reader, scanner, others). */
export function settingsEntries(settings: DeviceSettings): SettingsEntry[] {
  const entries: SettingsEntry[] = [];
  if (settings.cardReader)
    entries.push({ slot: 'cardReader', role: 'card-reader', config: settings.cardReader });
  if (settings.scanner)
    entries.push({ slot: 'scanner', role: 'scanner', config: settings.scanner });
  (settings.others ?? []).forEach(({ role, ...config }, i) =>
    entries.push({ slot: `others.${i}`, role, config }),
  );
  return entries;
}

export interface SettingsProblem {
  field: string;
  why: string;
}

/**
 * What the shape cannot say: a raw reader needs a layout that fits a report, only wedge card
 * readers say how they spell the UID, a scanner reads text, and one device has one entry. Two
 * entries with the same vendor/product id are told apart only by their USB serial numbers, so
 * each must name a different one (docs/devices.md, "Several devices").
 */
export function checkDeviceSettings(settings: DeviceSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const entries = settingsEntries(settings);
  for (const { slot, role, config } of entries) problems.push(...checkConfig(slot, role, config));
  entries.forEach(({ slot, config }, i) => {
    const earlier = entries
      .slice(0, i)
      .find(
        (e) => e.config.vendorId === config.vendorId && e.config.productId === config.productId,
      );
    if (!earlier) return;
    const mine = config.serialNumber ?? null;
    const theirs = earlier.config.serialNumber ?? null;
    if (mine === null && theirs === null)
      problems.push({
        field: `${slot}.productId`,
        why: `${earlier.slot} already uses this device`,
      });
    else if (mine === null || theirs === null)
      problems.push({
        field: `${slot}.serialNumber`,
        why: `${earlier.slot} has the same vendor/product id: give both a serial number`,
      });
    else if (entries.some((e, j) => j < i && sameDevice(e.config, config)))
      problems.push({ field: `${slot}.serialNumber`, why: 'another entry has this serial number' });
  });
  return problems;
}

function sameDevice(a: DeviceConfig, b: DeviceConfig): boolean {
  return (
    a.vendorId === b.vendorId &&
    a.productId === b.productId &&
    (a.serialNumber ?? null) === (b.serialNumber ?? null)
  );
}

function checkConfig(slot: string, role: DeviceRole, config: DeviceConfig): SettingsProblem[] {
  const at = (field: string, why: string) => ({ field: `${slot}.${field}`, why });
  const problems: SettingsProblem[] = [];
  const isWedgeCardReader = role === 'card-reader' && config.format === 'wedge';
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

function checkLayout(raw: RawLayout, role: DeviceRole): SettingsProblem[] {
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
  if (role === 'card-reader' && raw.encoding !== 'ascii') {
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
