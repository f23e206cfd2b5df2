/**
 * DTOs of KTP-el recording (perekaman), its lifecycle, the blanks stock and the hardware check
 * (issue 6 items 2 to 5; docs/ktp-recording.md). Types only.
 */

/**
 * Domain §5.4: direkam (recorded here) → terkirim (accepted by the district) → prr (single
 * record, printable) or duplicate (ABIS found another record) → dicetak (card printed on a
 * blank) → diserahkan (handed over, card UID bound).
 */
export type RecordingStatus =
  'direkam' | 'terkirim' | 'prr' | 'duplicate' | 'dicetak' | 'diserahkan';

/** The background colour rule of domain §5.2: red odd birth year, blue even, orange WNA. */
export type BackgroundColour = 'red' | 'blue' | 'orange';

/** Who is recorded: a resident of the registry, or a new person through a biodata application. */
export type RecordingSubject = { residentRef: string } | { applicationId: string };

export type EligibilityProblem =
  /** Under 16: cannot be recorded. */
  | 'TOO_YOUNG'
  /** The registry marks the person dead. */
  | 'DECEASED'
  /** Foreigner without a KITAP number (permanent stay permit). */
  | 'WNA_WITHOUT_KITAP'
  /** A recording of this person exists that is not 'duplicate' (see existingRecordingId). */
  | 'ALREADY_RECORDED';

export interface Eligibility {
  subject: RecordingSubject;
  name: string;
  nikMasked: string;
  birthDate: string;
  /** Whole years on today's Jakarta date. */
  age: number;
  isMarried: boolean;
  citizenship: 'WNI' | 'WNA';
  isEligible: boolean;
  /** Aged 16 and not married: recorded now, the card printed at 17 (domain §5.3). */
  isPemula: boolean;
  problems: EligibilityProblem[];
  background: BackgroundColour;
  existingRecordingId: string | null;
}

/** The automatic portrait checks, each on every frame (renderer) and some again in the core. */
export type PortraitCheckCode =
  | 'one-face'
  | 'centred'
  | 'face-size'
  | 'eyes-open'
  | 'looking-forward'
  | 'exposure'
  | 'sharpness'
  | 'background';

export interface PortraitCheck {
  code: PortraitCheckCode;
  passed: boolean;
  /** The measured value behind the verdict (ratio, score, etc.), for the record. */
  value: number | null;
}

/** The stored portrait: 3:4, exactly PORTRAIT_SIZE. */
export const PORTRAIT_SIZE = { width: 480, height: 640 } as const;

export interface PortraitInput {
  jpegBase64: string;
  checks: PortraitCheck[];
  /** The background colour measured on the frame; null when it matched no rule colour. */
  measuredBackground: BackgroundColour | null;
  /** Required (10 to 300 characters) when any check failed: the officer captured anyway. */
  overrideReason?: string | undefined;
}

/** A stroke of the signature: points in the pad's own pixels, pressure 0..1 (0.5 when unknown). */
export interface SignatureStroke {
  points: { x: number; y: number; p: number; t: number }[];
}

export interface SignatureInput {
  /** The pad's size in pixels; every point lies inside it. */
  width: number;
  height: number;
  strokes: SignatureStroke[];
  /** The same strokes drawn as a PNG of width × height. */
  pngBase64: string;
}

/** Fingerprints and iris are taken on the official recording kit; the station records the fact. */
export interface BiometricsInput {
  fingerprintsDone: boolean;
  irisDone: boolean;
  /** Who operated the kit when it was not the officer signed in here; else omitted. */
  kitOperator?: string | undefined;
}

export interface RecordingCreateArgs {
  subject: RecordingSubject;
  portrait: PortraitInput;
  signature: SignatureInput;
  biometrics: BiometricsInput;
}

export interface RecordingEvent {
  status: RecordingStatus;
  at: string;
  /** The officer's name; 'Disdukcapil' for changes that came from the district. */
  by: string;
  source: 'station' | 'district' | 'training';
  note: string | null;
}

export interface RecordingSummary {
  id: string;
  status: RecordingStatus;
  name: string;
  nikMasked: string;
  isPemula: boolean;
  recordedAt: string;
  recordedBy: string;
  updatedAt: string;
}

export interface RecordingDetail extends RecordingSummary {
  subject: RecordingSubject;
  birthDate: string;
  background: BackgroundColour;
  measuredBackground: BackgroundColour | null;
  checks: PortraitCheck[];
  overrideReason: string | null;
  portraitSha256: string;
  signatureStrokeCount: number;
  biometrics: { fingerprintsDone: boolean; irisDone: boolean; by: string; at: string };
  handover: {
    recipientName: string;
    recipientRelation: RecipientRelation;
    cardUid: string;
    at: string;
    by: string;
  } | null;
  events: RecordingEvent[];
  /** What the signed-in officer may do next here (buttons). */
  next: ('print' | 'handover')[];
}

export type RecipientRelation = 'sendiri' | 'keluarga' | 'kuasa';

export interface RecordingListArgs {
  status?: RecordingStatus | undefined;
  limit: number;
  offset?: number | undefined;
}

export interface RecordingListResult {
  items: RecordingSummary[];
  total: number;
  counts: Record<RecordingStatus, number>;
}

export interface RecordingHandoverArgs {
  id: string;
  recipientName: string;
  recipientRelation: RecipientRelation;
  /** Read by the card reader from the printed card (upper-case hex, 8, 14 or 20 characters). */
  cardUid: string;
}

/**
 * A status change from the district (terkirim, prr, duplicate). Arrives through sync (issue 7);
 * on training stations the training panel sends it (recording-training-district).
 */
export interface DistrictRecordingStatus {
  id: string;
  status: 'terkirim' | 'prr' | 'duplicate';
  at: string;
  note?: string | undefined;
}

/** Consumables counted per unit: blanks are sheets, the ribbon is counted in prints left. */
export type StockItem = 'blanko-ktp-el' | 'blanko-kia' | 'ribbon';

/**
 * transfer-out / transfer-in: blanks carried between the office and an outreach event (a pair of
 * movements, docs/outreach.md); the office list shows its own half.
 */
export type StockMovementKind =
  'received' | 'used' | 'spoiled' | 'adjusted' | 'transfer-out' | 'transfer-in';

export interface StockMovement {
  id: string;
  item: StockItem;
  kind: StockMovementKind;
  /** Positive for received and transfer-in, negative for used, spoiled and transfer-out. */
  delta: number;
  /** Received: delivery note (e.g. BAST number); spoiled/adjusted: why. */
  note: string | null;
  /** The print that used it, when kind = used. */
  printRunId: string | null;
  at: string;
  by: string;
}

export interface StockLevel {
  item: StockItem;
  onHand: number;
  lowThreshold: number;
  isLow: boolean;
}

export interface StockView {
  levels: StockLevel[];
  movements: StockMovement[];
}

export interface StockMoveArgs {
  item: StockItem;
  kind: 'received' | 'spoiled' | 'adjusted';
  /** Positive count for received and spoiled; for adjusted the signed correction. */
  count: number;
  note: string;
}

/** Hardware check before a trip. */
export type HardwareCheckItem =
  'camera' | 'card-reader' | 'scanner' | 'printer' | 'disk' | 'database' | 'clock';

export interface HardwareCheckLine {
  item: HardwareCheckItem;
  passed: boolean;
  /** What was seen, in Bahasa Indonesia (e.g. "Bebas 41,2 GB", "integrity_check: ok"). */
  detail: string;
}

export interface HardwareCheckArgs {
  /** The renderer tests the camera (getUserMedia) and reports what it saw. */
  camera: { passed: boolean; detail: string };
  /** Print a test page on the document printer as part of the check. */
  printTestPage: boolean;
}

export interface HardwareCheckResult {
  id: string;
  at: string;
  by: string;
  passed: boolean;
  lines: HardwareCheckLine[];
  /** The printable pass/fail sheet (A4). */
  sheetPdfBase64: string;
  /** The test page, when asked for and the host renders PDFs (station server). */
  testPagePdfBase64: string | null;
}
