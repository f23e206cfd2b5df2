/**
 * Back-office handlers of the decision area (electron/hub/office/decision.ts; issue 15 item 5,
 * docs/decisions.md "Back-office decisions"): requirement line marks, the verifikator's proposal,
 * the penandatangan's issue or rejection (four eyes), returns to the station, and the district's
 * document numbering.
 */

/** A district staff member's verdict on one requirement line. */
export type LineState = 'sesuai' | 'kurang' | 'tidak-sesuai';
export type Proposal = 'issue' | 'return' | 'reject';
/** When a kind's sequence starts again at 1. */
export type NumberingReset = 'daily' | 'yearly' | 'never';

/**
 * The documents the district issues (the station prints them; electron/core/print/kinds.ts).
 * Forms are never issued.
 */
export type IssuedKind =
  'kk' | 'biodata' | 'akta-kelahiran' | 'akta-kematian' | 'surat-pindah' | 'kia' | 'ktp-el';

export interface LineMarkInput {
  requirementCode: string;
  state: LineState;
  /** Required (3..300) for kurang and tidak-sesuai. */
  note?: string | undefined;
}

export interface LineMark {
  requirementCode: string;
  state: LineState;
  note: string | null;
  markedByName: string;
  markedAt: string;
}

/** One requirement line of the application, as the station named it, with its mark if any. */
export interface DecisionLine {
  code: string;
  /** The station catalogue's label (Bahasa Indonesia, English); the code when unknown. */
  label: { id: string; en: string };
  /** Photos the station sent for it. */
  photos: number;
  mark: LineMark | null;
}

export interface DecisionProposalView {
  proposal: Proposal;
  kind: IssuedKind | null;
  note: string | null;
  proposedBy: string;
  proposedByName: string;
  proposedAt: string;
}

export interface DecisionOutcomeView {
  decidedAt: string;
  decidedByName: string;
  reason: string | null;
  documentNumber: string | null;
  /** The issued document had a SIAK PDF (the station prints exactly it). */
  hasPdf: boolean;
}

/** What the decision panel shows and may offer (the hub checks every rule again on each call). */
export interface DecisionState {
  applicationId: string;
  officeStatus: 'baru' | 'diusulkan' | 'dikembalikan' | 'selesai' | 'ditolak';
  /** The office user holding the claim; null: nobody. */
  claimedBy: string | null;
  claimedByName: string | null;
  lines: DecisionLine[];
  proposal: DecisionProposalView | null;
  decision: DecisionOutcomeView | null;
  /** The document kind this service issues (pre-selected in the forms); null: none known. */
  suggestedKind: IssuedKind | null;
}

export interface IssueArgs {
  applicationId: string;
  kind: IssuedKind;
  documentNumber: string;
  /** YYYY-MM-DD (Asia/Jakarta); the number's date parts follow it. */
  issueDate: string;
  /** The PDF SIAK produced with its TTE (<= 10 MiB, starts with %PDF-). */
  pdfBase64?: string | undefined;
}

export interface IssueResult {
  documentNumber: string;
  /** Hex sha-256 of the attached PDF, as signed into the document; null: none attached. */
  pdfSha256: string | null;
  state: DecisionState;
}

/** A kind's numbering as the admin set it (or the built-in default). */
export interface Numbering {
  kind: IssuedKind;
  /** Literal text with {regency} {code} {yyyy} {mm} {dd}; the zero-padded sequence follows. */
  pattern: string;
  width: number;
  reset: NumberingReset;
  /** True when no admin has set it (the built-in default). */
  isDefault: boolean;
  /** What the next number would look like today (the counter is not taken). */
  example: string;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface NumberingSetArgs {
  kind: IssuedKind;
  pattern: string;
  width: number;
  reset: NumberingReset;
}

export interface DecisionHandlers {
  /** The application's decision state: lines with marks, proposal, outcome (read only). */
  'decision-get': { args: { applicationId: string }; result: DecisionState };
  /** Marks requirement lines (claim holder; verifikator, penandatangan). */
  'decision-lines': {
    args: { applicationId: string; lines: LineMarkInput[] };
    result: DecisionState;
  };
  /** A verifikator's proposal (claim holder): office status 'diusulkan'. */
  'decision-propose': {
    args: {
      applicationId: string;
      proposal: Proposal;
      /** The document to issue (required for issue). */
      kind?: IssuedKind | undefined;
      /** Required (3..300) for return and reject. */
      note?: string | undefined;
    };
    result: DecisionState;
  };
  /**
   * Issues (penandatangan, claim holder, not the proposer): the number, date, signer and the
   * optional SIAK PDF, signed with the district key; the station prints it.
   */
  'decision-issue': { args: IssueArgs; result: IssueResult };
  /** Rejects with a reason the applicant sees at the kiosk (penandatangan, claim holder). */
  'decision-reject': { args: { applicationId: string; reason: string }; result: DecisionState };
  /** Returns to the station's desk with a note (verifikator or penandatangan, claim holder). */
  'decision-return': { args: { applicationId: string; note: string }; result: DecisionState };
  /** Every kind's numbering (admin). */
  'decision-numbering-get': { args: Record<string, never>; result: Numbering[] };
  /** Sets one kind's numbering (admin). */
  'decision-numbering-set': { args: NumberingSetArgs; result: Numbering[] };
  /** The next free number of a kind for a date (penandatangan); nothing is taken until issue. */
  'decision-number-suggest': {
    args: { kind: IssuedKind; issueDate?: string | undefined };
    result: { documentNumber: string };
  };
}
