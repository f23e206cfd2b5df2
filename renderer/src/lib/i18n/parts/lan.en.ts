import type { lanId } from './lan.id';

/** English messages of LAN desks and pairing (issue 16); the same keys as lan.id.ts. */
export const lanEn: Record<keyof typeof lanId, string> = {
  'lan.title': 'LAN desks',
  'lan.subtitle': 'Other laptops and tablets join by scanning a pairing QR code from this screen.',
  'lan.off':
    'This station does not serve the local network. Start the station server with --lan to pair other desks and the queue display.',
  'lan.cert.title': 'Station certificate',
  'lan.cert.help':
    'Check this fingerprint on a joining device before accepting its certificate warning.',
  'lan.cert.fingerprint': 'Fingerprint (SHA-256)',
  'lan.cert.madeAt': 'Made by the station on {at}',
  'lan.cert.given': 'Certificate from a file (--tls-cert)',
  'lan.urls': "The station's addresses on the network",
  'lan.pair.title': 'Pair a device',
  'lan.pair.help':
    'Make a one-time QR code (valid 10 minutes), then scan it with the camera of the joining device.',
  'lan.pair.kind': 'Device kind',
  'lan.pair.kind.desk': 'Officer desk',
  'lan.pair.kind.display': 'Queue display',
  'lan.pair.desk': 'Desk name',
  'lan.pair.deskHint':
    'Lower-case letters, digits and hyphens, e.g. meja-2. Meja-1 is this laptop.',
  'lan.pair.label': 'Device name',
  'lan.pair.addDesk': 'Add a desk',
  'lan.pair.addDisplay': 'Add a queue display',
  'lan.offer.title': 'Scan to pair: {label}',
  'lan.offer.expires': 'Valid until {at}, single use.',
  'lan.offer.qr': 'Pairing QR code for {label}',
  'lan.offer.url': 'Without a camera: open this address on that device',
  'lan.devices.title': 'Paired devices',
  'lan.devices.empty': 'No device is paired yet.',
  'lan.devices.label': 'Device',
  'lan.devices.kind': 'Kind',
  'lan.devices.desk': 'Desk',
  'lan.devices.paired': 'Paired',
  'lan.devices.connected': 'Open connections',
  'lan.devices.actions': 'Actions',
  'lan.devices.remove': 'Remove',
  'lan.remove.title': 'Remove the device?',
  'lan.remove.body':
    '{label} is disconnected at once and cannot come back until paired again with a new QR code.',
  'lan.remove.confirm': 'Yes, remove',
  'lan.removed': '{label} removed and disconnected.',
  'lan.reason.LAN_OFF': 'The station does not serve the local network (--lan).',
  'lan.reason.DESK_TAKEN':
    'This desk is already paired with another device. Remove that one first.',
  'lan.reason.LAN_HOST_ONLY': "Pairing is managed on the station laptop's screen only.",
  'lan.reason.INVALID_ARGS':
    'Check the fields: a desk name like meja-2 (not meja-1), a device name of 1–60 characters.',
};
