import type {
  DeviceConfig,
  DeviceRole,
  HidDeviceInfo,
  OtherDevice,
  RawLayout,
  ReportFormat,
} from '../../../../electron/contract';
import { THIS_DESK } from '../../lib/devices/desk';

export type UidText = NonNullable<DeviceConfig['uidText']>;

/** One role's settings as the form edits them: numbers as the text typed. */
export interface ConfigForm {
  isUsed: boolean;
  vendorId: string;
  productId: string;
  format: ReportFormat;
  uidText: UidText;
  label: string;
  /** The desk the device sits at (docs/devices.md, "Who receives reads"). */
  desk: string;
  isForKiosk: boolean;
  /** The USB serial number that must match; empty = any device of the ids. */
  serialNumber: string;
  reportId: string;
  offset: string;
  length: string;
  lengthByteOffset: string;
  encoding: RawLayout['encoding'];
}

export type FormField = Exclude<keyof ConfigForm, 'isUsed' | 'isForKiosk'>;

/** Vendor and product ids as USB tools print them: four hex digits. */
export function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

const HEX = /^(?:0x)?([0-9a-f]{1,4})$/i;
const BYTE = /^[0-9]{1,2}$/;

export function formOf(role: DeviceRole, config: DeviceConfig | null): ConfigForm {
  const raw = config?.raw ?? null;
  return {
    isUsed: config !== null,
    vendorId: config ? hex4(config.vendorId) : '',
    productId: config ? hex4(config.productId) : '',
    format: config?.format ?? 'wedge',
    uidText: config?.uidText ?? 'hex',
    label: config?.label ?? '',
    desk: config?.desk ?? THIS_DESK,
    isForKiosk: config?.isForKiosk ?? false,
    serialNumber: config?.serialNumber ?? '',
    reportId: raw?.reportId === null || !raw ? '' : String(raw.reportId),
    offset: String(raw?.offset ?? 0),
    length: String(raw?.length ?? (role === 'card-reader' ? 10 : 60)),
    lengthByteOffset: raw?.lengthByteOffset === null || !raw ? '' : String(raw.lengthByteOffset),
    encoding: raw?.encoding ?? (role === 'card-reader' ? 'uid-hex' : 'ascii'),
  };
}

/** A plugged-in device chosen from the list: its ids, a name, and wedge if it is a keyboard. */
export function fromDevice(form: ConfigForm, device: HidDeviceInfo): ConfigForm {
  const isKeyboard = device.usagePage === 1 && device.usage === 6;
  const name = [device.manufacturer, device.product].filter(Boolean).join(' ').trim();
  return {
    ...form,
    isUsed: true,
    vendorId: hex4(device.vendorId),
    productId: hex4(device.productId),
    format: isKeyboard ? 'wedge' : 'raw',
    label: (name || `${hex4(device.vendorId)}:${hex4(device.productId)}`).slice(0, 60),
  };
}

/**
 * The config to send, or the fields that cannot even be read as numbers. What is readable but
 * wrong (a layout past the report's end …) the core refuses with the fields it names.
 */
export function configOf(
  role: DeviceRole,
  form: ConfigForm,
): { config: DeviceConfig | null; invalid: FormField[] } {
  if (!form.isUsed) return { config: null, invalid: [] };
  const invalid: FormField[] = [];
  const hex = (field: 'vendorId' | 'productId') => {
    const match = HEX.exec(form[field].trim());
    if (!match?.[1]) invalid.push(field);
    return match?.[1] ? parseInt(match[1], 16) : 0;
  };
  const byte = (
    field: 'reportId' | 'offset' | 'length' | 'lengthByteOffset',
    isOptional: boolean,
  ) => {
    const text = form[field].trim();
    if (text === '' && isOptional) return null;
    // Ranges are the core's to check; here only "is it a number at all".
    if (!(field === 'reportId' ? /^[0-9]{1,3}$/ : BYTE).test(text)) {
      invalid.push(field);
      return 0;
    }
    return Number(text);
  };
  const vendorId = hex('vendorId');
  const productId = hex('productId');
  const raw: RawLayout | null =
    form.format === 'raw'
      ? {
          reportId: byte('reportId', true),
          offset: byte('offset', false) ?? 0,
          length: byte('length', false) ?? 0,
          lengthByteOffset: byte('lengthByteOffset', true),
          encoding: form.encoding,
        }
      : null;
  const isWedgeCard = role === 'card-reader' && form.format === 'wedge';
  const config: DeviceConfig = {
    vendorId,
    productId,
    format: form.format,
    raw,
    uidText: isWedgeCard ? form.uidText : null,
    label: form.label.trim(),
    desk: form.desk.trim(),
    isForKiosk: form.isForKiosk,
  };
  const serialNumber = form.serialNumber.trim();
  if (serialNumber) config.serialNumber = serialNumber;
  return invalid.length > 0 ? { config: null, invalid } : { config, invalid };
}

/** A further device as its form edits it: the config's form and what the device is for. */
export interface OtherForm extends ConfigForm {
  role: DeviceRole;
}

/** Where a form's config sits in DeviceSettings: a role's own slot, or `others.N`. */
export type FormSlot = DeviceRole | `others.${number}`;

export function otherFormOf(other: OtherDevice): OtherForm {
  const { role, ...config } = other;
  return { ...formOf(role, config), role };
}

/** A new further device: from a plugged-in device when one was chosen, at the next desk. */
export function newOtherForm(role: DeviceRole, desk: string, device?: HidDeviceInfo): OtherForm {
  const blank = { ...formOf(role, null), isUsed: true, desk };
  return { ...(device ? fromDevice(blank, device) : blank), role };
}

export function otherConfigOf(form: OtherForm): {
  config: OtherDevice | null;
  invalid: FormField[];
} {
  const { config, invalid } = configOf(form.role, { ...form, isUsed: true });
  return { config: config ? { ...config, role: form.role } : null, invalid };
}

/**
 * The form field a core field path names (`cardReader.raw.length` → `length`,
 * `others.1.serialNumber` → `serialNumber` for slot `others.1`), if any.
 */
export function formFieldOf(path: string, slot: FormSlot): FormField | null {
  const prefix = `${slot === 'card-reader' ? 'cardReader' : slot}.`;
  if (!path.startsWith(prefix)) return null;
  const field = path.slice(prefix.length).replace(/^raw\./, '');
  const known: FormField[] = [
    'vendorId',
    'productId',
    'format',
    'uidText',
    'label',
    'desk',
    'serialNumber',
    'reportId',
    'offset',
    'length',
    'lengthByteOffset',
    'encoding',
  ];
  return (known as string[]).includes(field) ? (field as FormField) : null;
}
