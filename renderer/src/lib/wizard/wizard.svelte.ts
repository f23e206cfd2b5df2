import type {
  ApplicationSubmitResult,
  CatalogueService,
  ConsentText,
  KioskIdentity,
} from '../../../../electron/contract';
import { sendCatch } from '../connection/connection.svelte';
import { i18n, pick, t } from '../i18n/i18n.svelte';
import { blobToBase64 } from '../media/jpeg';
import type { PhotoStore } from '../media/photos';
import { reasonMessage } from '../i18n/reasons';
import {
  applyPrefill,
  identityField,
  KK_FIELD,
  NIK_FIELD,
  stepOfField,
  wizardSteps,
  type WizardStep,
} from './wizard-steps';

/** The kiosk (touch, on-screen keyboard, citizen) or the officer's desk (physical keyboard). */
export type WizardMode = 'kiosk' | 'desk';

export interface CapturedPhoto {
  blob: Blob;
  /** SHA-256 of the JPEG, hex: the same picture twice is refused at capture, not at the end. */
  sha256: string;
  url: string;
  width: number;
  height: number;
  takenAt: string;
}

/**
 * One citizen's application in progress. Answers and photos live only here, in memory, until the
 * single submit call: an abandoned wizard stores nothing, and the kiosk's reset drops this object.
 */
export class Wizard {
  readonly steps: WizardStep[];
  index = $state(0);
  answers = $state<Record<string, string>>({});
  photos = $state<Record<string, CapturedPhoto>>({});
  identity = $state<KioskIdentity | null>(null);
  consent = $state<ConsentText | null>(null);
  isConsentAccepted = $state(false);
  /** The message under the current step's control (validation), in the current language. */
  stepError = $state<string | null>(null);
  /** Instant verdicts on complete answers (a 16-digit NIK), by field code; null = fine. */
  checks = $state<Record<string, string | null>>({});
  isBusy = $state(false);
  result = $state<ApplicationSubmitResult | null>(null);
  /** The requirement whose camera is open on the photos step; null = the checklist shows. */
  shooting = $state<string | null>(null);

  constructor(
    readonly service: CatalogueService,
    private readonly store: PhotoStore,
    readonly mode: WizardMode = 'kiosk',
  ) {
    this.steps = wizardSteps(service);
  }

  get step(): WizardStep {
    return this.steps[this.index] ?? { kind: 'review' };
  }

  get isFirst(): boolean {
    return this.index === 0;
  }

  answer(code: string): string {
    return this.answers[code] ?? '';
  }

  setAnswer(code: string, value: string): void {
    this.answers = { ...this.answers, [code]: value };
    this.stepError = null;
    if (code in this.checks) this.checks = without(this.checks, code);
  }

  back(): void {
    this.stepError = null;
    this.shooting = null;
    if (this.index > 0) this.index -= 1;
  }

  goTo(index: number): void {
    this.stepError = null;
    this.shooting = null;
    this.index = Math.max(0, Math.min(index, this.steps.length - 1));
  }

  /** An optional or conditional question left empty; the answer, if any, is dropped. */
  skip(): void {
    const step = this.step;
    if (step.kind === 'field' && step.field.need !== 'required') {
      this.setAnswer(step.field.code, '');
      this.#advance();
    }
  }

  /** Checks the current step with the core's own rules, then moves on. */
  async next(): Promise<void> {
    if (this.isBusy) return;
    this.isBusy = true;
    try {
      const isValid = await this.#checkStep();
      if (isValid) this.#advance();
    } finally {
      this.isBusy = false;
    }
  }

  keepPhoto(requirementCode: string, photo: Omit<CapturedPhoto, 'url'>): void {
    this.dropPhoto(requirementCode);
    const url = this.store.keep(photo.blob);
    this.photos = { ...this.photos, [requirementCode]: { ...photo, url } };
  }

  dropPhoto(requirementCode: string): void {
    const old = this.photos[requirementCode];
    if (!old) return;
    this.store.release(old.url);
    this.photos = without(this.photos, requirementCode);
  }

  async loadConsent(): Promise<void> {
    if (this.consent) return;
    const result = await sendCatch('applications-consent-get', {});
    if (result.ok) this.consent = result.value;
    else this.stepError = result.message;
  }

  async submit(): Promise<void> {
    if (this.isBusy || this.result || !this.consent || !this.isConsentAccepted) return;
    this.isBusy = true;
    this.stepError = null;
    try {
      const photos = await Promise.all(
        Object.entries(this.photos).map(async ([requirementCode, p]) => ({
          requirementCode,
          dataBase64: await blobToBase64(p.blob),
          width: p.width,
          height: p.height,
          takenAt: p.takenAt,
        })),
      );
      const fields = Object.fromEntries(Object.entries(this.answers).filter(([, v]) => v !== ''));
      // Same arguments and rules; the desk's handler records channel 'desk' and the officer.
      const handler = this.mode === 'desk' ? 'desk-application-submit' : 'applications-submit';
      const result = await sendCatch(handler, {
        serviceCode: this.service.code,
        fields,
        photos,
        consent: { isAccepted: true, version: this.consent.version, language: i18n.lang },
      });
      if (result.ok) {
        this.result = result.value;
        return;
      }
      const field = result.error.fields?.[0]?.replace(/^fields\./, '');
      const back = field ? stepOfField(this.steps, field) : -1;
      if (back >= 0) this.index = back;
      this.stepError = reasonMessage(result.error.reason, result.message);
    } finally {
      this.isBusy = false;
    }
  }

  async #checkStep(): Promise<boolean> {
    const step = this.step;
    this.stepError = null;
    if (step.kind === 'identify') return this.#identify();
    if (step.kind === 'consent') {
      const needed = this.mode === 'desk' ? 'deskIntake.consentNeeded' : 'wizard.consent.needed';
      if (!this.isConsentAccepted) this.stepError = t(needed);
      return this.isConsentAccepted;
    }
    if (step.kind !== 'field') return true;
    const value = this.answer(step.field.code).trim();
    if (value === '') {
      if (step.field.need !== 'required') return true;
      this.stepError = t('reason.FIELD_REQUIRED');
      return false;
    }
    return this.#checkValue(step.field.code, value);
  }

  async #checkValue(fieldCode: string, value: string): Promise<boolean> {
    this.stepError = await this.#problemOf(fieldCode, value);
    return this.stepError === null;
  }

  /** Checks one answer as soon as it is complete (a full NIK); the message shows under it. */
  async checkNow(fieldCode: string): Promise<void> {
    const value = this.answer(fieldCode);
    const problem = await this.#problemOf(fieldCode, value);
    // The citizen may have typed on meanwhile: only the answer that was checked gets the verdict.
    if (this.answer(fieldCode) === value) this.checks = { ...this.checks, [fieldCode]: problem };
  }

  /** The core's verdict on one answer: null when valid, else the sentence to show. */
  async #problemOf(fieldCode: string, value: string): Promise<string | null> {
    const result = await sendCatch('applications-field-check', {
      serviceCode: this.service.code,
      fieldCode,
      value,
    });
    if (!result.ok) return result.message;
    if (result.value.isValid) return null;
    return result.value.message
      ? pick(result.value.message)
      : reasonMessage(result.value.reason ?? undefined, t('error.INVALID_ARGS'));
  }

  /**
   * A card tap: the core answers for the bound resident, NIK and No. KK included, and the wizard
   * moves on as if both had been typed. An unbound card says so and leaves the keypad.
   */
  async identifyByCard(uid: string): Promise<void> {
    if (this.isBusy || this.step.kind !== 'identify') return;
    this.isBusy = true;
    this.stepError = null;
    try {
      const result = await sendCatch('kiosk-identify-card', { uid });
      if (!result.ok) {
        this.stepError = reasonMessage(result.error.reason, result.message);
        return;
      }
      if (!result.value.isKnown) {
        this.stepError = t('wizard.identify.cardUnknown');
        return;
      }
      this.identity = result.value;
      this.answers = applyPrefill(this.service, this.answers, result.value.prefill);
      this.#advance();
    } finally {
      this.isBusy = false;
    }
  }

  /** NIK and No. KK together: a known pair pre-fills, an unknown one may still apply. */
  async #identify(): Promise<boolean> {
    const nik = this.answer(NIK_FIELD);
    const kk = this.answer(KK_FIELD);
    // In screen order, so the first problem named is the one the citizen sees first.
    const checks = [
      [identityField(this.service, NIK_FIELD), nik, 'wizard.identify.nikRequired'],
      [identityField(this.service, KK_FIELD), kk, 'wizard.identify.kkRequired'],
    ] as const;
    for (const [field, value, requiredKey] of checks) {
      if (!field) continue;
      if (value === '' && field.need === 'required') {
        this.stepError = t(requiredKey);
        return false;
      }
      if (value !== '' && !(await this.#checkValue(field.code, value))) return false;
    }
    if (nik === '' || kk === '') {
      this.identity = null;
      return true;
    }
    const result = await sendCatch('kiosk-identify', { nik, kkNumber: kk });
    if (!result.ok) {
      this.stepError = reasonMessage(result.error.reason, result.message);
      return false;
    }
    this.identity = result.value;
    this.answers = applyPrefill(this.service, this.answers, result.value.prefill);
    return true;
  }

  #advance(): void {
    this.shooting = null;
    if (this.index < this.steps.length - 1) this.index += 1;
    if (this.step.kind === 'consent') void this.loadConsent();
  }
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}
