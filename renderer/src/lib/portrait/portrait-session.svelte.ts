import type { BackgroundColour } from '../../../../electron/contract';
import { acquireCamera, releaseCamera } from '../media/camera';
import { blobToBase64 } from '../media/jpeg';
import { AutoCapture } from './auto-capture';
import type { CapturedPortrait } from './capture';
import { assessFrame, toPortraitChecks, type FrameAssessment } from './checks';
import { loadFaceDetector, type FaceDetector } from './detector';
import { guideFaceBox, portraitCrop, scaleBox, type FaceObservation, type Size } from './geometry';
import { encodePortrait } from './portrait-jpeg';
import { PORTRAIT_THRESHOLDS } from './thresholds';

/** Frames are judged at this width: the detector's input is 224 px anyway. */
const ANALYSIS_WIDTH = 640;
/** A breath between frames so the page stays responsive on two slow cores. */
const PAUSE_MS = 30;

export type PortraitPhase = 'starting' | 'live' | 'capturing' | 'preview' | 'no-camera';

/** One video frame: the full-resolution pixels (for the crop) and the analysed copy's scale. */
interface Grab {
  full: HTMLCanvasElement;
  scale: number;
}

/**
 * The live portrait step: camera, detector and the judging loop, from start() to stop().
 * Each frame is drawn at full resolution, judged at ANALYSIS_WIDTH, and fed to AutoCapture;
 * a complete run of passing frames, or the officer's override, becomes a 480×640 JPEG.
 */
export class PortraitSession {
  phase = $state<PortraitPhase>('starting');
  assessment = $state.raw<FrameAssessment | null>(null);
  /** The analysed frame's size (the guide overlay's coordinates). */
  frameSize = $state.raw<Size>({ width: 640, height: 480 });
  frames = $state(0);
  streak = $state(0);
  detectMs = $state<number | null>(null);
  backend = $state<string | null>(null);
  isDetectorLoading = $state(true);
  isDetectorFailed = $state(false);
  captured = $state.raw<CapturedPortrait | null>(null);

  readonly #expected: BackgroundColour;
  readonly #auto = new AutoCapture<Grab>(PORTRAIT_THRESHOLDS.framesNeeded);
  readonly #analysis = document.createElement('canvas');
  #detector: FaceDetector | null = null;
  #stream: MediaStream | null = null;
  #last: { grab: Grab; assessment: FrameAssessment } | null = null;
  #isRunning = false;

  constructor(expected: BackgroundColour, initial: CapturedPortrait | null) {
    this.#expected = expected;
    this.captured = initial;
    if (initial) this.phase = 'preview';
  }

  async start(video: HTMLVideoElement): Promise<void> {
    this.#isRunning = true;
    void loadFaceDetector().then(
      (detector) => {
        this.#detector = detector;
        this.backend = detector.backend;
        this.isDetectorLoading = false;
      },
      () => {
        this.isDetectorLoading = false;
        this.isDetectorFailed = true;
      },
    );
    try {
      const stream = await acquireCamera({ width: { ideal: 1280 }, height: { ideal: 720 } });
      if (!this.#isRunning) return releaseCamera(stream);
      this.#stream = stream;
      video.srcObject = stream;
      if (!this.captured) this.phase = 'live';
    } catch {
      this.phase = 'no-camera';
      return;
    }
    while (this.#isRunning) {
      await new Promise((done) => setTimeout(done, PAUSE_MS));
      if (this.phase !== 'live' || video.videoWidth === 0 || this.isDetectorLoading) continue;
      await this.#judge(video);
    }
  }

  stop(): void {
    this.#isRunning = false;
    if (this.#stream) releaseCamera(this.#stream);
    this.#stream = null;
  }

  async #judge(video: HTMLVideoElement): Promise<void> {
    const full = document.createElement('canvas');
    full.width = video.videoWidth;
    full.height = video.videoHeight;
    full.getContext('2d')?.drawImage(video, 0, 0);
    const scale = Math.min(1, ANALYSIS_WIDTH / full.width);
    const size = { width: Math.round(full.width * scale), height: Math.round(full.height * scale) };
    const canvas = this.#analysis;
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return;
    context.drawImage(full, 0, 0, size.width, size.height);
    const image = context.getImageData(0, 0, size.width, size.height);
    // Without a detector (it failed to load) every face check fails: only an override remains.
    let faces: FaceObservation[] = [];
    if (this.#detector) {
      try {
        const found = await this.#detector.detect(image);
        faces = found.faces;
        this.detectMs = found.ms;
      } catch {
        this.isDetectorFailed = true;
        this.#detector = null;
      }
    }
    if (this.phase !== 'live' || !this.#isRunning) return;
    const assessment = assessFrame(image, faces, this.#expected);
    const grab = { full, scale };
    this.#last = { grab, assessment };
    this.frameSize = size;
    this.assessment = assessment;
    this.frames += 1;
    const best = this.#auto.push(grab, assessment);
    this.streak = this.#auto.streak;
    if (best) await this.#capture(best.frame, best.assessment, undefined);
  }

  /** The officer takes the last judged frame although some check failed. */
  async override(reason: string): Promise<void> {
    const last = this.#last;
    if (!last || this.phase !== 'live') return;
    const hasFailure = last.assessment.checks.some((c) => !c.passed);
    await this.#capture(last.grab, last.assessment, hasFailure ? reason : undefined);
  }

  async #capture(
    grab: Grab,
    assessment: FrameAssessment,
    overrideReason: string | undefined,
  ): Promise<void> {
    this.phase = 'capturing';
    const { full, scale } = grab;
    const analysed = { width: full.width * scale, height: full.height * scale };
    const faceBox = assessment.face?.box ?? guideFaceBox(analysed, PORTRAIT_THRESHOLDS);
    const crop = portraitCrop(scaleBox(faceBox, 1 / scale), full, PORTRAIT_THRESHOLDS);
    let blob: Blob;
    let jpegBase64: string;
    try {
      blob = await encodePortrait(full, crop);
      jpegBase64 = await blobToBase64(blob);
    } catch {
      // The encoder refused this frame (it never has): stay live, the next run captures again.
      this.phase = 'live';
      return;
    }
    this.captured = {
      blob,
      url: URL.createObjectURL(blob),
      input: {
        jpegBase64,
        checks: toPortraitChecks(assessment.checks),
        measuredBackground: assessment.measuredBackground,
        ...(overrideReason === undefined ? {} : { overrideReason }),
      },
      checks: assessment.checks,
      isAuto: overrideReason === undefined && assessment.isPassed,
    };
    this.phase = 'preview';
  }

  /** Back to the live camera; the portrait shown is forgotten here (its owner revokes it). */
  retake(): void {
    this.captured = null;
    this.#auto.reset();
    this.streak = 0;
    this.#last = null;
    this.assessment = null;
    this.phase = this.#stream ? 'live' : 'no-camera';
  }
}
