import type {
  Eligibility,
  RecordingDetail,
  RecordingSubject,
  SignatureInput,
} from '../../../../electron/contract';
import { sendCatch, type Caught } from '../../lib/connection/connection.svelte';
import { t } from '../../lib/i18n/i18n.svelte';
import { reasonKey } from '../../lib/i18n/reason-keys';
import type { CapturedPortrait } from '../../lib/portrait/capture';
import { strokesToPng } from '../../lib/signature/draw';
import { SignatureModel } from '../../lib/signature/strokes';
import { RegistrySearch } from '../../lib/registry/search.svelte';
import {
  biometricsInput,
  createArgs,
  SIGNATURE_PAD,
  type BiometricsForm,
  type RecordingStep,
} from './recording-args';

/** The core's refusal as the officer reads it: the sentence for its reason, else its code's. */
function refusal(answer: Extract<Caught<unknown>, { ok: false }>): string {
  const key = reasonKey(answer.error.reason, 'recording');
  if (key) return t(key);
  return answer.error.reason ? `${answer.message} (${answer.error.reason})` : answer.message;
}

/**
 * One recording from choosing the resident to "Tersimpan". Everything the officer did stays
 * here until the next person is started, so a refused or failed save loses nothing.
 */
export class RecordingFlow {
  step = $state<RecordingStep | 'saved'>('pick');
  readonly search = new RegistrySearch();
  eligibility = $state.raw<Eligibility | null>(null);
  eligibilityError = $state<string | null>(null);
  isChecking = $state(false);
  portrait = $state.raw<CapturedPortrait | null>(null);
  signatureModel = $state.raw(new SignatureModel(SIGNATURE_PAD.width, SIGNATURE_PAD.height));
  /** Bumped by the pad on every change (the model itself is not reactive). */
  signatureVersion = $state(0);
  signature = $state.raw<{ input: SignatureInput; url: string } | null>(null);
  biometrics = $state<BiometricsForm>({
    fingerprintsDone: false,
    irisDone: false,
    kitOperator: '',
  });
  isSaving = $state(false);
  saveError = $state<string | null>(null);
  saved = $state.raw<RecordingDetail | null>(null);
  savedPortrait = $state<string | null>(null);
  savedPortraitError = $state<string | null>(null);

  get hasSignature(): boolean {
    return this.signatureVersion >= 0 && !this.signatureModel.isEmpty;
  }

  /** A resident of the registry, or a new person through their biodata application. */
  async choose(subject: RecordingSubject): Promise<void> {
    this.step = 'eligibility';
    this.eligibility = null;
    this.eligibilityError = null;
    this.isChecking = true;
    const answer = await sendCatch('recording-eligibility', { subject });
    this.isChecking = false;
    if (answer.ok) this.eligibility = answer.value;
    else this.eligibilityError = refusal(answer);
  }

  /** A different person: what was taken for the previous one does not belong to them. */
  pickAnother(): void {
    this.#forgetTaken();
    this.eligibility = null;
    this.eligibilityError = null;
    this.step = 'pick';
  }

  usePortrait(portrait: CapturedPortrait): void {
    if (this.portrait && this.portrait !== portrait) URL.revokeObjectURL(this.portrait.url);
    this.portrait = portrait;
    this.step = 'signature';
  }

  /** Draws the strokes as the PNG the core stores, then goes on to the biometrics. */
  async finishSignature(): Promise<void> {
    const model = this.signatureModel;
    if (model.isEmpty) return;
    const png = await strokesToPng(model.strokes, model.width, model.height);
    this.signature = { input: model.toInput(png), url: `data:image/png;base64,${png}` };
    this.step = 'biometrics';
  }

  async save(): Promise<void> {
    const biometrics = biometricsInput(this.biometrics);
    const { eligibility, portrait, signature } = this;
    if (!eligibility || !portrait || !signature || !biometrics || this.isSaving) return;
    this.isSaving = true;
    this.saveError = null;
    const answer = await sendCatch(
      'recording-create',
      createArgs(eligibility.subject, portrait.input, signature.input, biometrics),
    );
    this.isSaving = false;
    if (!answer.ok) {
      this.saveError = refusal(answer);
      return;
    }
    this.saved = answer.value;
    this.step = 'saved';
    // What was stored, read back: the officer sees the portrait the core kept.
    const stored = await sendCatch('recording-portrait', { id: answer.value.id });
    if (stored.ok) this.savedPortrait = `data:image/jpeg;base64,${stored.value.jpegBase64}`;
    else this.savedPortraitError = refusal(stored);
  }

  /** The next person: a clean flow, the search form emptied. */
  next(): void {
    this.pickAnother();
    this.saved = null;
    this.savedPortrait = null;
    this.savedPortraitError = null;
    this.search.form.query = '';
    void this.search.run();
  }

  #forgetTaken(): void {
    if (this.portrait) URL.revokeObjectURL(this.portrait.url);
    this.portrait = null;
    this.signatureModel = new SignatureModel(SIGNATURE_PAD.width, SIGNATURE_PAD.height);
    this.signatureVersion = 0;
    this.signature = null;
    this.biometrics = { fingerprintsDone: false, irisDone: false, kitOperator: '' };
    this.saveError = null;
  }

  dispose(): void {
    this.search.dispose();
    if (this.portrait) URL.revokeObjectURL(this.portrait.url);
  }
}
