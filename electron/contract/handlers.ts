import type {
  AuditEntry,
  AuditVerifyResult,
  QueueTicket,
  ServiceItem,
  SessionInfo,
  StationMode,
  StationStatus,
} from './station';
import type {
  FamilyCard,
  ImportReject,
  ImportSummary,
  NikCheckArgs,
  NikCheckResult,
  RegistrySearchArgs,
  RegistrySearchResult,
  ResidentDetail,
} from './registry';
import type {
  CardBinding,
  FieldCheckResult,
  KioskCatalogue,
  KioskCodeLists,
  KioskIdentity,
  KioskVillages,
} from './kiosk';
import type {
  ApplicationStatusView,
  ApplicationSubmitArgs,
  ApplicationSubmitResult,
  ConsentText,
  ReceiptPrintResult,
  StatusCheckArgs,
} from './applications';
import type {
  KeyPassphraseChangeArgs,
  LoginArgs,
  SetupArgs,
  SetupStatus,
  UserCreateArgs,
  UserSummary,
  UserUpdateArgs,
} from './auth';
import type {
  ApplicationDetail,
  DeskDecision,
  DeskPhoto,
  DeskSummary,
  DeskSummaryArgs,
  CheckState,
  InboxArgs,
  InboxResult,
} from './desk';
import type {
  PrintLogArgs,
  PrintLogEntry,
  PrintPreview,
  PrintPreviewArgs,
  PrintRunArgs,
  PrintRunResult,
  PrintableDocument,
  PrintablesArgs,
  PrinterSettings,
  PrinterSettingsArgs,
} from './printing';
import type {
  DocumentVerifyResult,
  EnrolmentRequestFile,
  SyncRunResult,
  SyncSettings,
  SyncStatus,
  UsbDrive,
  UsbExportResult,
  UsbImportResult,
} from './sync';
import type {
  DeviceClaimArgs,
  DeviceSettings,
  DeviceStatus,
  HidDeviceInfo,
  TrainingDeviceAction,
} from './devices';
import type {
  DistrictRecordingStatus,
  Eligibility,
  HardwareCheckArgs,
  HardwareCheckResult,
  RecordingCreateArgs,
  RecordingDetail,
  RecordingHandoverArgs,
  RecordingListArgs,
  RecordingListResult,
  RecordingSubject,
  StockItem,
  StockMoveArgs,
  StockView,
} from './recording';

import type { LanHandlers } from './lan';
import type { OutreachHandlers } from './outreach';

type Empty = Record<string, never>;

/**
 * The whole backend API: one entry per handler, `<domain>-<verb>`, one argument, one result.
 * The core registers each with a schema and a least role; the renderer sends through `send()`.
 */
export interface Handlers extends OutreachHandlers, LanHandlers {
  'station-status': { args: Empty; result: StationStatus };
  'station-session-get': { args: Empty; result: SessionInfo };
  /** Training stations only: switch this connection between kiosk and officer without a login. */
  'station-demo-switch': { args: { mode: StationMode }; result: SessionInfo };
  /** Officer accounts (docs/accounts.md). Whether first-run setup still has to create an admin. */
  'auth-setup-status': { args: Empty; result: SetupStatus };
  /** First run only: creates the first administrator and signs this connection in as them. */
  'auth-setup': { args: SetupArgs; result: SessionInfo };
  /** Username + PIN/password; five failures in a row lock the account (audited). */
  'auth-login': { args: LoginArgs; result: SessionInfo };
  'auth-logout': { args: Empty; result: SessionInfo };
  /** The idle auto-lock: a logout the renderer sends after its warning ran out. */
  'auth-lock': { args: Empty; result: SessionInfo };
  'auth-users-list': { args: Empty; result: UserSummary[] };
  'auth-users-create': { args: UserCreateArgs; result: UserSummary };
  /** Changes role, name, active flag or PIN, or clears a lock; never demotes the last admin. */
  'auth-users-update': { args: UserUpdateArgs; result: UserSummary };
  /** Passphrase key protection only, from the machine itself: a new station passphrase. */
  'auth-passphrase-change': { args: KeyPassphraseChangeArgs; result: Empty };
  'kiosk-services': { args: Empty; result: ServiceItem[] };
  /** The service catalogue with requirements and wizard fields, references resolved (issue 4). */
  'kiosk-catalogue': { args: Empty; result: KioskCatalogue };
  'kiosk-ticket-take': { args: { serviceCode: string }; result: QueueTicket };
  /** Prints a just-taken queue ticket (80 mm); a PDF comes back where the host makes one. */
  'kiosk-ticket-print': { args: { ticketId: string }; result: ReceiptPrintResult };
  /** The printed code lists behind the wizard's `select` fields. */
  'kiosk-code-lists': { args: Empty; result: KioskCodeLists };
  /** Villages of the station's regency for the address step. */
  'kiosk-villages': { args: Empty; result: KioskVillages };
  /** The wizard's identify step: pre-fill for a known NIK + No. KK pair (audited). */
  'kiosk-identify': { args: { nik: string; kkNumber: string }; result: KioskIdentity };
  /**
   * The identify step by a card tap: a bound chip UID gives the same answer as its NIK + No. KK
   * (with both numbers in `prefill`); an unbound UID is simply unknown.
   */
  'kiosk-identify-card': { args: { uid: string }; result: KioskIdentity };
  /** One wizard answer against the catalogue's rules for that service and field. */
  'applications-field-check': {
    args: { serviceCode: string; fieldCode: string; value: string };
    result: FieldCheckResult;
  };
  /** The current consent text the wizard shows before submitting (resources/data/consent.json). */
  'applications-consent-get': { args: Empty; result: ConsentText };
  /** Stores an application with photos and consent in one transaction (docs/kiosk-applications.md). */
  'applications-submit': { args: ApplicationSubmitArgs; result: ApplicationSubmitResult };
  /** Prints the receipt of a just-submitted application; a PDF comes back where the host makes one. */
  'applications-receipt-print': {
    args: { number: string; check: string };
    result: ReceiptPrintResult;
  };
  /** The status timeline by scanned link or typed number + check; no personal data but a masked NIK. */
  'applications-status-check': { args: StatusCheckArgs; result: ApplicationStatusView };
  /** Officer desk (docs/desk-verification.md). Applications by status, service, village, age. */
  'desk-inbox': { args: InboxArgs; result: InboxResult };
  /** One application in full (audited: who read whose application). */
  'desk-application-get': { args: { id: string }; result: ApplicationDetail };
  /** One photo of an original, by its sha-256 (audited). */
  'desk-application-photo': { args: { id: string; sha256: string }; result: DeskPhoto };
  /** Takes the application: one officer at a time; refused while another officer holds it. */
  'desk-application-claim': { args: { id: string }; result: ApplicationDetail };
  /** Gives it back: the holder, or a supervisor (with a reason) for someone else's claim. */
  'desk-application-release': {
    args: { id: string; reason?: string | undefined };
    result: ApplicationDetail;
  };
  /** One line of the requirement checklist; only by the officer holding the claim. */
  'desk-requirement-check': {
    args: { id: string; requirementCode: string; state: CheckState; note?: string | undefined };
    result: ApplicationDetail;
  };
  /**
   * approve (every required requirement checked ok), return to the applicant or reject (both with
   * a reason). An approval that changes a resident's data waits for a supervisor.
   */
  'desk-application-decide': {
    args: { id: string; decision: DeskDecision; reason?: string | undefined };
    result: ApplicationDetail;
  };
  /** A supervisor confirms or refuses (with a reason) an approval waiting in perlu-persetujuan. */
  'desk-application-confirm': {
    args: { id: string; decision: 'approve' | 'refuse'; reason?: string | undefined };
    result: ApplicationDetail;
  };
  /** An application taken at the desk (channel 'desk'), same rules as the kiosk's submit. */
  'desk-application-submit': { args: ApplicationSubmitArgs; result: ApplicationSubmitResult };
  /** Received, verified, returned, rejected and printed, by service, for one day. */
  'desk-summary': { args: DeskSummaryArgs; result: DeskSummary };
  /** Printing (docs/printing.md). Documents and forms that can be printed for a subject. */
  'print-documents': { args: PrintablesArgs; result: PrintableDocument[] };
  'print-preview': { args: PrintPreviewArgs; result: PrintPreview };
  /** Prints (Electron) or renders the PDF (station server); every copy goes into the print log. */
  'print-run': { args: PrintRunArgs; result: PrintRunResult };
  'print-log': { args: PrintLogArgs; result: PrintLogEntry[] };
  'print-settings-get': { args: Empty; result: PrinterSettings };
  'print-settings-set': { args: PrinterSettingsArgs; result: PrinterSettings };
  /** Devices (docs/devices.md). The HID devices plugged in now, to choose from in settings. */
  'devices-list': { args: Empty; result: HidDeviceInfo[] };
  /** The card reader's and scanner's state; changes also arrive as `device-status` pushes. */
  'devices-status': { args: Empty; result: DeviceStatus[] };
  /**
   * This connection becomes a screen of that desk: the desk's device reads are pushed to it
   * (docs/devices.md, "Who receives reads"). Only from the machine itself (FORBIDDEN otherwise).
   */
  'devices-claim': { args: DeviceClaimArgs; result: DeviceClaimArgs };
  'devices-settings-get': { args: Empty; result: DeviceSettings };
  /** Chooses the devices by vendor/product id; the layer reopens them at once. */
  'devices-settings-set': { args: DeviceSettings; result: DeviceSettings };
  /** Training stations only: plug, unplug or read on a fake device (the training panel). */
  'devices-training': { args: TrainingDeviceAction; result: DeviceStatus[] };
  /** KTP-el recording (docs/ktp-recording.md). Domain §5.3 for a resident or a biodata application. */
  'recording-eligibility': { args: { subject: RecordingSubject }; result: Eligibility };
  /** Stores portrait, signature and the biometrics record in one transaction (status direkam). */
  'recording-create': { args: RecordingCreateArgs; result: RecordingDetail };
  'recording-list': { args: RecordingListArgs; result: RecordingListResult };
  /** One recording in full (audited). */
  'recording-get': { args: { id: string }; result: RecordingDetail };
  /** The stored 3:4 portrait (audited). */
  'recording-portrait': { args: { id: string }; result: { jpegBase64: string } };
  /** Hands a printed card over: recipient, and the card's chip UID bound to the resident. */
  'recording-handover': { args: RecordingHandoverArgs; result: RecordingDetail };
  /** Training stations only: what the district would send through sync (terkirim, prr, duplicate). */
  'recording-training-district': { args: DistrictRecordingStatus; result: RecordingDetail };
  /** Blanks stock of this unit: levels with the low-stock warning, and recent movements. */
  'stock-get': { args: { limit: number }; result: StockView };
  /** Received or spoiled (operator), adjusted (supervisor); always with a note. */
  'stock-move': { args: StockMoveArgs; result: StockView };
  'stock-threshold-set': { args: { item: StockItem; lowThreshold: number }; result: StockView };
  /** The check before a trip: devices, printer test page, disk, database, clock; a printable sheet. */
  'hardware-check-run': { args: HardwareCheckArgs; result: HardwareCheckResult };
  /** District sync (docs/sync-protocol.md). Pending work, last success, problems, guards. */
  'sync-status': { args: Empty; result: SyncStatus };
  /** The enrolment request file and QR for the district (the station's public keys). */
  'sync-enrolment-request': { args: Empty; result: EnrolmentRequestFile };
  /** Applies the district's answer file (hub address, district keys); checked, then stored. */
  'sync-enrolment-apply': { args: { json: string }; result: SyncStatus };
  /** Builds packets, uploads what is due, pulls updates; progress as `progress` pushes (taskId 'sync'). */
  'sync-run': { args: Empty; result: SyncRunResult };
  /** Removable drives mounted now (Linux: /media, /run/media, /mnt). */
  'sync-usb-drives': { args: Empty; result: UsbDrive[] };
  'sync-usb-export': { args: { path: string }; result: UsbExportResult };
  /** Receipts and updates the hub wrote onto the drive. */
  'sync-usb-import': { args: { path: string }; result: UsbImportResult };
  'sync-settings-get': { args: Empty; result: SyncSettings };
  'sync-settings-set': { args: SyncSettings; result: SyncSettings };
  /** Checks a scanned document QR offline: the district's signature and the revocation list. */
  'sync-document-verify': { args: { text: string }; result: DocumentVerifyResult };
  'kiosk-queue-list': { args: { limit: number }; result: QueueTicket[] };
  'audit-list': { args: { limit: number; beforeSeq?: number | undefined }; result: AuditEntry[] };
  'audit-verify': { args: Empty; result: AuditVerifyResult };
  /** Structure and plausibility of a NIK, with the region table and optional biodata. */
  'registry-nik-check': { args: NikCheckArgs; result: NikCheckResult };
  /** An officer accepts NIK warnings (never errors) for a record, with a reason; audited. */
  'registry-nik-override': {
    args: { nik: string; warningCodes: string[]; reason: string };
    result: { auditId: string };
  };
  /** Binds a KTP-el chip UID (read by the card reader) to a living resident; audited. */
  'registry-card-bind': { args: { nik: string; uid: string }; result: CardBinding };
  /** NIK exact/prefix, KK members, or typo-tolerant name search with filters. */
  'registry-search': { args: RegistrySearchArgs; result: RegistrySearchResult };
  /** The full record behind a search result; audited (who read whose record). */
  'registry-resident-get': { args: { ref: string }; result: ResidentDetail };
  /** A family card by KK number or by a member's ref. */
  'registry-family-get': {
    args: { kkNumber?: string | undefined; ref?: string | undefined };
    result: FamilyCard;
  };
  /** Import of a district extract (CSV, docs/registry-import.md): upload in chunks, then run. */
  'registry-import-begin': {
    args: { fileName: string; sizeBytes: number };
    result: { importId: string; chunkBytes: number };
  };
  'registry-import-chunk': {
    args: { importId: string; offset: number; dataBase64: string };
    result: { receivedBytes: number };
  };
  /** Starts (or resumes) the import; progress arrives as `progress` pushes with taskId = importId. */
  'registry-import-start': { args: { importId: string }; result: ImportSummary };
  'registry-import-cancel': { args: { importId: string }; result: ImportSummary };
  'registry-import-list': { args: { limit: number }; result: ImportSummary[] };
  'registry-import-rejects': {
    args: { importId: string; offset: number; limit: number };
    result: { total: number; items: ImportReject[] };
  };
}

export type HandlerName = keyof Handlers;
export type HandlerArgs<N extends HandlerName> = Handlers[N]['args'];
export type HandlerResult<N extends HandlerName> = Handlers[N]['result'];
