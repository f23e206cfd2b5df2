import type { syncId } from './sync.id';

/** English messages of the sync screens; the same keys as sync.id.ts. */
export const syncEn: Record<keyof typeof syncId, string> = {
  'sync.title': 'Send to Disdukcapil',
  'sync.nav.enrolment': 'Station enrolment',
  'sync.nav.verify': 'Verify a document',
  'sync.code': 'Code: {code}',

  'sync.problem.NETWORK':
    'No connection to the Disdukcapil server. The data is safe on this station; try again later or send it by USB.',
  'sync.problem.NOT_THE_HUB':
    'This network does not reach the Disdukcapil server (perhaps a Wi-Fi that wants a login in the browser, or the wrong network). Switch to another network and try again, or send by USB. The data is safe on this station.',
  'sync.problem.UNKNOWN_STATION':
    'The Disdukcapil server does not know this station yet. Ask Disdukcapil to enrol it; an administrator enters their answer under Station enrolment.',
  'sync.problem.BAD_RECEIPT':
    'The receipt cannot be trusted (the Disdukcapil signature does not match), so nothing is marked as sent; it will be sent again. If it keeps happening, call Disdukcapil.',
  'sync.problem.BAD_UPDATES':
    'The news from Disdukcapil (statuses and issued documents) cannot be trusted and was not used. Try again later; if it keeps happening, call Disdukcapil.',
  'sync.problem.NOT_ENROLLED':
    'This station is not enrolled with Disdukcapil. It keeps working offline; an administrator has to enrol it under Station enrolment.',
  'sync.problem.SYNC_RUNNING': 'A send is already running. Wait until it ends.',
  'sync.problem.CLOCK_SKEW':
    "This station's clock is far from the Disdukcapil server's. Correct the computer's date and time, then send again.",
  'sync.problem.HUB_CERT':
    "A secure connection to the Disdukcapil server cannot be confirmed (the server's certificate does not match its address or is not known to this station), so nothing was sent. The data is safe on this station. Call Disdukcapil; do not use another network until this is cleared up.",
  'sync.problem.HUB_CERT_DATE':
    "The Disdukcapil server's certificate is not yet or no longer valid by this station's clock. Check the computer's date and time; if they are right, call Disdukcapil. The data is safe on this station.",
  'sync.problem.KEYS':
    'The station key and the Disdukcapil key no longer match. An administrator has to enrol the station again under Station enrolment. The data is safe on this station.',
  'sync.problem.DAMAGED':
    'A packet was damaged on the way. The station rebuilds it from the stored data; press Send now again.',
  'sync.problem.INTERRUPTED':
    'The send was cut off half way. Press Send now again; what already arrived is not sent twice.',
  'sync.problem.HUB_ERROR':
    'The Disdukcapil server has a problem. The data is safe on this station; try again later or send by USB.',
  'sync.problem.VERSION':
    'The Disdukcapil server no longer accepts this version of the station app. Ask Disdukcapil for an update.',
  'sync.problem.UNKNOWN_PACKET':
    'A receipt for a packet this station does not know (perhaps another station’s). The file was left alone.',
  'sync.problem.NOT_JSON':
    'The file cannot be read (damaged, or not a Disdukcapil file). Ask Disdukcapil to write the receipt again.',
  'sync.problem.FOLDER_IS_DATA':
    "That folder is inside the station's data folder. Choose a USB drive or another folder.",
  'sync.problem.NOT_A_FOLDER': 'That path is not a folder. Check the path again.',
  'sync.problem.FOLDER_UNAVAILABLE':
    'The folder does not exist or cannot be written. Check that the USB drive is plugged in and not locked.',
  'sync.problem.PATH_NOT_ABSOLUTE':
    'Type the full folder path, starting with / (for example /media/officer/USBDRIVE).',
  'sync.problem.UNSAFE_DRIVE':
    'A file on this drive is not a plain file (a link, a special file, or too large) and was not opened. Ask Disdukcapil to write the drive again.',
  'sync.problem.OTHER':
    'Something else went wrong. The data is safe on this station; try again later. If it keeps happening, tell Disdukcapil the code below.',

  'sync.help':
    'Applications and recordings are kept safely on this station, then sent to Disdukcapil when there is a connection, or by USB drive.',
  'sync.notEnrolled.title': 'This station is not enrolled with Disdukcapil',
  'sync.notEnrolled.text':
    'The station keeps working offline: all data is kept safely here. To send data, an administrator has to enrol the station under Station enrolment.',
  'sync.district': 'Destination',
  'sync.pending.title': 'Sending status',
  'sync.pending.records': 'Records not yet sent',
  'sync.pending.packets': 'Packets ready to send',
  'sync.pending.size': 'Packet size',
  'sync.pending.oldest': 'Oldest unsent data',
  'sync.lastSuccess': 'Last success',
  'sync.nextAttempt': 'Next automatic attempt',
  'sync.rejected': 'Refused by Disdukcapil',
  'sync.rejectedHelp':
    '{n} records were refused by Disdukcapil and are not sent again. Call Disdukcapil for the reasons.',
  'sync.never': 'Never',
  'sync.none': 'None',
  'sync.nextNone': 'Not scheduled',
  'sync.age.justNow': 'just now',
  'sync.age.minutes': '{n} minutes ago',
  'sync.age.hours': '{n} hours ago',
  'sync.age.days': '{n} days ago',
  'sync.lastProblem': 'Last problem ({time})',
  'sync.send': 'Send now',
  'sync.sending': 'Sending to Disdukcapil: {done} of {total}',
  'sync.sendingStart': 'Preparing packets…',
  'sync.running': 'A send is running…',
  'sync.sent.ok': 'Sending finished.',
  'sync.sent.problems': 'Sending is not complete.',
  'sync.sent.counts':
    '{built} packets built, {receipted} packets received by Disdukcapil, {exported} records sent, {rejected} refused, {pulled} updates from Disdukcapil received.',

  'sync.usb.title': 'Send by USB drive',
  'sync.usb.help':
    'Without a connection: copy the packets to a USB drive, take it to Disdukcapil, then read the receipts from the same drive. Data counts as sent only once its receipt is read.',
  'sync.usb.drives': 'USB drives plugged in',
  'sync.usb.noDrives':
    'No USB drive found. Plug one in and press Look again, or type a folder path.',
  'sync.usb.refresh': 'Look again',
  'sync.usb.free': '{free} free',
  'sync.usb.path': 'Folder path',
  'sync.usb.pathHint': 'For example: /media/officer/USBDRIVE',
  'sync.usb.pathRequired': 'Choose a USB drive or type a folder path first.',
  'sync.usb.export': 'Copy to USB',
  'sync.usb.import': 'Read receipts from USB',
  'sync.usb.exporting': 'Copying to USB: {done} of {total}',
  'sync.usb.importing': 'Reading receipts…',
  'sync.usb.exported':
    '{built} new packets built; {written} packets ({bytes}) copied to {folder}. Take this drive to Disdukcapil.',
  'sync.usb.imported':
    '{receipts} receipts read: {exported} records marked as sent, {rejected} refused, {updates} updates from Disdukcapil received.',
  'sync.usb.refused': 'Files not used:',

  'sync.guard.warnTitle': 'Send data to Disdukcapil soon',
  'sync.guard.blockTitle': 'New KTP-el recordings are refused',
  'sync.guard.UNSYNCED_OLD.warn':
    'Some data has not been sent for {days} days. Send now or by USB; after {block} days, new KTP-el recordings will be refused.',
  'sync.guard.UNSYNCED_OLD.block':
    'The oldest unsent data is {days} days old (limit {block} days). Send the data to Disdukcapil, by network or USB, so recording can continue.',
  'sync.guard.DISK_LOW.warn':
    'Only {free} of disk space left on this station. Send the data, then free disk space; under {min}, new KTP-el recordings will be refused.',
  'sync.guard.DISK_LOW.block':
    'Only {free} of disk space left (minimum {min}). Send the data, then free disk space so recording can continue.',
  'sync.guard.open': 'Open Send to Disdukcapil',
  'sync.guard.unknown': 'unknown',

  'sync.enrol.title': 'Enrol the station with Disdukcapil',
  'sync.enrol.help':
    'Steps: 1) give the enrolment request to Disdukcapil, as a file or a QR code; 2) read the station key fingerprint to them by phone so they can check it; 3) enter the answer file from Disdukcapil.',
  'sync.enrol.enrolled': 'The station is enrolled.',
  'sync.enrol.district': 'Disdukcapil',
  'sync.enrol.hub': 'Server address',
  'sync.enrol.districtKey': 'Disdukcapil key fingerprint',
  'sync.enrol.districtKeyHelp':
    'Compare it with the fingerprint the Disdukcapil officer reads out.',
  'sync.enrol.again': 'Enrol again',
  'sync.enrol.request': 'Enrolment request',
  'sync.enrol.qrAlt': "QR code of the station's enrolment request",
  'sync.enrol.download': 'Download the request file',
  'sync.enrol.stationKey': 'Station key fingerprint (read it to Disdukcapil)',
  'sync.enrol.unit': 'Station unit code',
  'sync.enrol.answer': 'Answer from Disdukcapil',
  'sync.enrol.choose': 'Choose the answer file',
  'sync.enrol.noFile': 'No file chosen.',
  'sync.enrol.paste': 'Contents of the answer file (it can also be pasted here)',
  'sync.enrol.apply': 'Apply the answer',
  'sync.enrol.answerRequired': 'Choose the answer file or paste its contents first.',
  'sync.enrol.applied': 'The station is enrolled with {district}.',
  'sync.enrol.fileUnreadable': 'The file cannot be read. Choose another file.',
  'sync.enrol.problem.NOT_AN_ANSWER':
    'This is not an enrolment answer file from Disdukcapil. Check the file, then try again.',
  'sync.enrol.problem.BAD_SIGNATURE':
    'The signature on the answer file does not match: the file was changed or damaged. Ask Disdukcapil for a new answer file.',
  'sync.enrol.problem.BAD_HUB_URL':
    'The Disdukcapil server address in the answer file cannot be used (it must start with https://). Ask Disdukcapil for a new answer file.',
  'sync.enrol.problem.OTHER_UNIT':
    'This answer file is for another station. Ask Disdukcapil for an answer for this station (unit code {unit}).',

  'sync.settings.title': 'Sending settings',
  'sync.settings.help':
    'When the station warns, then refuses new KTP-el recordings, because old data is unsent or the disk is nearly full.',
  'sync.settings.warnDays': 'Warn when data is unsent for (days)',
  'sync.settings.blockDays': 'Refuse new recordings after (days)',
  'sync.settings.minFreeMb': 'Minimum free disk space (MB)',
  'sync.settings.retentionDays': 'Delete photos of originals after the receipt (days)',
  'sync.settings.notWhole': 'Type a whole number, without commas or dots.',
  'sync.settings.range': 'Type a number from {min} to {max}.',
  'sync.settings.blockBeforeWarn': 'May not be less than the warning limit.',
  'sync.settings.save': 'Save settings',
  'sync.settings.saved': 'Settings saved.',

  'sync.verify.title': 'Verify a document',
  'sync.verify.help':
    "Scan the QR code on a document issued by Disdukcapil with the camera or the scanner, or paste its text. The check works without internet, with Disdukcapil's key and the latest revocation list.",
  'sync.verify.scan': 'Scan with the camera',
  'sync.verify.scanHelp':
    "Hold the document's QR code in front of the camera, inside the yellow box.",
  'sync.verify.scanner': 'The QR scanner can be used too.',
  'sync.verify.paste': 'QR code text',
  'sync.verify.check': 'Check',
  'sync.verify.required': 'Scan the QR code or paste its text first.',
  'sync.verify.again': 'Check another document',
  'sync.verify.valid': 'GENUINE',
  'sync.verify.validText': 'This document was issued and signed by Disdukcapil and is not revoked.',
  'sync.verify.revoked': 'REVOKED',
  'sync.verify.revokedText': 'Disdukcapil has revoked this document; it is no longer valid.',
  'sync.verify.invalid': 'NOT VALID',
  'sync.verify.notEnrolled': 'STATION NOT ENROLLED',
  'sync.verify.notEnrolledText':
    "Authenticity cannot be checked: this station has not received Disdukcapil's key yet. An administrator has to enrol the station.",
  'sync.verify.problem.NOT_OURS': 'This QR code is not a Disdukcapil document verification code.',
  'sync.verify.problem.MALFORMED':
    'The QR code is damaged or incomplete. Scan again; if it still fails, the document cannot be confirmed as genuine.',
  'sync.verify.problem.BAD_SIGNATURE':
    "The Disdukcapil signature does not match: the QR code's content was changed or forged.",
  'sync.verify.number': 'Document number',
  'sync.verify.kind': 'Document kind',
  'sync.verify.issuedAt': 'Issued',
  'sync.verify.name': 'Name',
  'sync.verify.revokedAt': 'Revoked',
  'sync.verify.revokeReason': 'Reason for revocation',
  'sync.verify.listAsOf': 'Revocation list last updated {time}.',
  'sync.verify.listNever': 'The revocation list has never been updated from Disdukcapil.',
  'sync.kind.kk': 'Kartu Keluarga',
  'sync.kind.biodata': 'Biodata Penduduk',
  'sync.kind.akta-kelahiran': 'Kutipan Akta Kelahiran',
  'sync.kind.akta-kematian': 'Kutipan Akta Kematian',
  'sync.kind.surat-pindah': 'Surat Keterangan Pindah',
  'sync.kind.kia': 'Kartu Identitas Anak',
  'sync.kind.ktp-el': 'KTP Elektronik',
};
