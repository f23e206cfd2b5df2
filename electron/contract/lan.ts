/**
 * Several desks on one local network (issue 16 item 3; docs/lan.md): the station's own TLS
 * certificate, the pairing of other browsers by a QR code from the host screen, their removal.
 * Types only.
 */

/** What a paired browser is: a desk (officers sign in on it) or the hall's queue display. */
export type LanDeviceKind = 'desk' | 'display';

export interface LanDevice {
  id: string;
  kind: LanDeviceKind;
  /** The desk name its device reads are routed to, e.g. "meja-2"; null for a display. */
  desk: string | null;
  label: string;
  pairedAt: string;
  lastSeenAt: string | null;
  /** Open sockets now. */
  connected: number;
}

export interface LanStatus {
  /** False when the station listens on loopback only (no --lan). */
  enabled: boolean;
  /** https://ADDRESS:PORT/ for each of this machine's LAN addresses. */
  urls: string[];
  /** SHA-256 of the certificate (DER), upper-case hex pairs joined by ':'. */
  fingerprint: string | null;
  /** When the station made its own certificate, or null when one was given (--tls-cert). */
  certificateMadeAt: string | null;
  devices: LanDevice[];
}

/** A one-time pairing offer shown as a QR on the host screen. */
export interface LanPairingOffer {
  /** The URL the QR encodes: https://ADDRESS:PORT/pair#CODE (the code never reaches a log). */
  url: string;
  /** The QR as SVG markup (drawn by the station, no outside service). */
  qrSvg: string;
  kind: LanDeviceKind;
  desk: string | null;
  label: string;
  expiresAt: string;
}

type Empty = Record<string, never>;

/** LAN handlers (merged into `Handlers`); all 'supervisor' and from the host screen only. */
export interface LanHandlers {
  'lan-status': { args: Empty; result: LanStatus };
  'lan-pair-offer': {
    args: { kind: LanDeviceKind; desk: string | null; label: string };
    result: LanPairingOffer;
  };
  /** Removes a paired device: its token stops working and its sockets close at once. */
  'lan-device-remove': { args: { deviceId: string }; result: LanStatus };
}
