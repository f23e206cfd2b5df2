/**
 * DTOs of the device layer (issue 6 item 1; docs/devices.md): HID card readers and barcode/QR
 * scanners, chosen by vendor/product id, hot-plugged, with their state pushed to every screen.
 * Types only.
 */

/** What a configured device is for. */
export type DeviceRole = 'card-reader' | 'scanner';

/**
 * How a device's reports are read:
 * - 'wedge': a keyboard-wedge reader; each report is a HID boot-keyboard report (modifier byte,
 *   reserved byte, up to six key codes) that spells the UID or the scanned text, ended by Enter.
 * - 'raw': a vendor report carrying the value at a configured place (RawLayout).
 */
export type ReportFormat = 'wedge' | 'raw';

/** Where a raw report carries its value. */
export interface RawLayout {
  /** The first byte a report must have to count (its report id); null = any report. */
  reportId: number | null;
  /** Byte offset of the value in the report (after the report id byte when reportId is set). */
  offset: number;
  /**
   * Byte length of the value; with `lengthByteOffset` set this is the maximum and the actual
   * length is read from that byte.
   */
  length: number;
  /** Byte offset of a length byte, or null for a fixed length. */
  lengthByteOffset: number | null;
  /**
   * 'uid-hex': bytes as upper-case hex in report order; 'uid-hex-reversed': least significant
   * byte first on the wire (shown most significant first); 'ascii': printable text (scanners).
   */
  encoding: 'uid-hex' | 'uid-hex-reversed' | 'ascii';
}

/** One HID device the host can see now (devices-list). */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  manufacturer: string | null;
  product: string | null;
  serialNumber: string | null;
  /** HID usage page/usage of the interface (1/6 = keyboard, a wedge reader). */
  usagePage: number | null;
  usage: number | null;
  interface: number | null;
}

/** A device chosen in settings. */
export interface DeviceConfig {
  vendorId: number;
  productId: number;
  format: ReportFormat;
  /** Required when format is 'raw'. */
  raw: RawLayout | null;
  /**
   * Card readers in 'wedge' format: how the typed text spells the UID. 'hex' as printed; many
   * cheap readers type the 4-byte UID as 10 decimal digits, either most significant byte first
   * ('decimal') or least significant first ('decimal-reversed'). Null for scanners and raw readers.
   */
  uidText: 'hex' | 'decimal' | 'decimal-reversed' | null;
  /** A name for the officer, e.g. "ACR122U meja 1". */
  label: string;
  /**
   * The desk the device sits at (docs/devices.md, "Who receives reads"): its reads go only to the
   * screens that claimed this desk (`devices-claim`): this machine's, or the browser paired over
   * the LAN as this desk. Lower-case letters, digits and hyphens, e.g. "meja-1".
   */
  desk: string;
  /**
   * Whether the desk's kiosk screen (an anonymous session) also receives this device's reads,
   * e.g. the card reader of a self-service kiosk. Officers at the desk always do.
   */
  isForKiosk: boolean;
  /**
   * The USB serial number the device must report (docs/devices.md, "Several devices"). Absent or
   * null: any device with the vendor/product id. Required on every device of a vendor/product id
   * that is configured more than once (two readers of the same model at two desks).
   */
  serialNumber?: string | null;
}

/** A device beyond the station's first card reader and scanner, with what it is for. */
export interface OtherDevice extends DeviceConfig {
  role: DeviceRole;
}

export interface DeviceSettings {
  cardReader: DeviceConfig | null;
  scanner: DeviceConfig | null;
  /**
   * Further devices (at most 8), each at its own desk, e.g. the card readers of desks 2 and 3 of
   * an outreach event. Absent in settings stored before issue 16: none.
   */
  others?: OtherDevice[];
}

/**
 * not-configured: nothing chosen in settings; disconnected: chosen but not plugged in (the layer
 * keeps looking, about every second); connected: open and reading; error: plugged in but could not
 * be opened (e.g. permissions), retried; training: a fake device from the training panel.
 */
export type DeviceState = 'not-configured' | 'disconnected' | 'connected' | 'error' | 'training';

export interface DeviceStatus {
  role: DeviceRole;
  state: DeviceState;
  label: string | null;
  vendorId: number | null;
  productId: number | null;
  /** When the device entered this state (ISO). */
  since: string;
  /** Why it is in 'error' (for the officer, Bahasa Indonesia), else null. */
  message: string | null;
  lastReadAt: string | null;
  /**
   * Which configured device this is: 'cardReader', 'scanner', or 'others.N' (its place in
   * DeviceSettings.others). The list always starts with 'cardReader' and 'scanner'.
   */
  slot?: string;
  /** The desk of the configured device; null when nothing is configured. */
  desk?: string | null;
}

/** A value read by a device: a chip UID (card reader) or scanned text (scanner). */
export interface DeviceRead {
  role: DeviceRole;
  /** Card reader: upper-case hex UID (8, 14 or 20 characters). Scanner: the text, trimmed. */
  value: string;
  at: string;
}

/** `devices-claim`: the desk whose device reads this connection receives from now on. */
export interface DeviceClaimArgs {
  desk: string;
}

/**
 * Training panel actions on the fake devices (training stations only). `desk`: the desk whose
 * device is meant; default the calling screen's own desk (a paired LAN desk's, else the desk it
 * claimed, else meja-1). A paired desk may act only on its own desk, a display not at all.
 */
export type TrainingDeviceAction =
  | { action: 'plug'; role: DeviceRole; desk?: string }
  | { action: 'unplug'; role: DeviceRole; desk?: string }
  | { action: 'read'; role: DeviceRole; value: string; desk?: string };
