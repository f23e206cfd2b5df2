import type {
  BackgroundColour,
  BiometricsInput,
  PortraitInput,
  RecordingCreateArgs,
  RecordingSubject,
  SignatureInput,
} from '../../../../electron/contract';

/** The steps of a recording, in order; 'saved' follows the last. */
export const RECORDING_STEPS = [
  'pick',
  'eligibility',
  'portrait',
  'signature',
  'biometrics',
  'review',
] as const;
export type RecordingStep = (typeof RECORDING_STEPS)[number];

/** The size of the signature pad, in its own pixels (the strokes' and the PNG's). */
export const SIGNATURE_PAD = { width: 600, height: 220 } as const;

/** The core's bounds for the kit operator's name (when given). */
export const KIT_OPERATOR = { min: 3, max: 100 } as const;

export interface BiometricsForm {
  fingerprintsDone: boolean;
  irisDone: boolean;
  /** As typed; empty when the officer signed in operated the kit. */
  kitOperator: string;
}

const tidy = (name: string) => name.trim().replace(/\s+/g, ' ');

/** An operator name that is given but too short (or long) for the core, else false. */
export function isKitOperatorBad(name: string): boolean {
  const length = tidy(name).length;
  return length > 0 && (length < KIT_OPERATOR.min || length > KIT_OPERATOR.max);
}

/** The biometrics record once both are done on the kit (the core needs both), else null. */
export function biometricsInput(form: BiometricsForm): BiometricsInput | null {
  if (!form.fingerprintsDone || !form.irisDone || isKitOperatorBad(form.kitOperator)) return null;
  const operator = tidy(form.kitOperator);
  return { fingerprintsDone: true, irisDone: true, ...(operator ? { kitOperator: operator } : {}) };
}

export function createArgs(
  subject: RecordingSubject,
  portrait: PortraitInput,
  signature: SignatureInput,
  biometrics: BiometricsInput,
): RecordingCreateArgs {
  return { subject, portrait, signature, biometrics };
}

/** The year the colour rule reads, from an ISO birth date. */
export function birthYear(birthDate: string): number {
  return Number(birthDate.slice(0, 4));
}

/** The dictionary key and parameters of "red: odd birth year (1991)". */
export function backgroundRule(
  colour: BackgroundColour,
  birthDate: string,
): { key: `recording.bgRule.${BackgroundColour}`; year: number } {
  return { key: `recording.bgRule.${colour}`, year: birthYear(birthDate) };
}
