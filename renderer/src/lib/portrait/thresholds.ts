/** Hue range in degrees (`from` > `to` wraps through 0, for red) and its least saturation. */
export interface HueRange {
  from: number;
  to: number;
  minSaturation: number;
}

export interface PortraitThresholds {
  detectorInputSize: number;
  minFaceScore: number;
  guideCentre: { x: number; y: number };
  maxCentreOffset: { x: number; y: number };
  faceHeight: { min: number; max: number };
  minEyeAspect: number;
  maxYaw: number;
  maxRollDegrees: number;
  exposure: {
    darkMean: number;
    brightMean: number;
    maxClippedBright: number;
    maxSideImbalance: number;
  };
  frameExposure: { darkMean: number; brightMean: number };
  sharpnessWidth: number;
  minSharpness: number;
  background: {
    minValue: number;
    red: HueRange;
    orange: HueRange;
    blue: HueRange;
    minShare: number;
    stride: number;
  };
  framesNeeded: number;
  crop: { faceShare: number; faceTop: number };
}

/**
 * Every number the portrait checks use, in one place. Geometry is in fractions of the analysed
 * frame (so it holds for any webcam resolution), luma in 0–255. The values were measured on the
 * real face of renderer/e2e/portrait-frames.ts (a frontal face from the face-api demo photos,
 * 640×480 through Chromium's fake camera) and on the other faces of the package's sample photos;
 * a recording kit's own webcam may need them tuned: change them here, and the unit tests say
 * what moved.
 */
export const PORTRAIT_THRESHOLDS: Readonly<PortraitThresholds> = {
  /** The detector's input size (px, a multiple of 32): a head-and-shoulders face is large. */
  detectorInputSize: 224,
  /** Faces under this detector score do not count (the detector runs lower, at 0.3). */
  minFaceScore: 0.5,
  /** Where the guide puts the face centre, as fractions of the frame's width and height. */
  guideCentre: { x: 0.5, y: 0.45 },
  /** How far the face centre may be from the guide centre (fraction of frame width / height). */
  maxCentreOffset: { x: 0.08, y: 0.1 },
  /**
   * Face box height / frame height. Under 0.25 the crop (twice the face height) is under half
   * the frame and upscales visibly; over 0.5 the crop no longer fits in the frame. The e2e's
   * face measures 0.43 (the detector's box on a head-and-shoulders frame).
   */
  faceHeight: { min: 0.25, max: 0.5 },
  /**
   * Eye aspect ratio (Soukupová & Čech 2016) of the narrower eye, from the 68 landmarks. Open
   * eyes measure 0.27–0.38 on the demo photos, smiling faces included; closed eyes fall to
   * about 0.1. 0.18 leaves room for narrow eyes.
   */
  minEyeAspect: 0.18,
  /**
   * Yaw: the nose tip's offset from the eye midpoint along the eye line, in interocular
   * distances (0 frontal, about 0.2 at 20° of turn). The frontal demo faces: 0.04 to 0.19.
   */
  maxYaw: 0.2,
  /** Roll: the eye line's angle from horizontal, in degrees. */
  maxRollDegrees: 8,
  /**
   * The face's luma (the middle of its box): the e2e's real face is about 160, the same photo
   * darkened for the too-dark case about 20. Under 60 the face is in shadow; over 215, or with
   * a quarter of its pixels clipped white, it is burnt out. Uneven light: the two halves of the
   * face differ by more than 45 % of its mean.
   */
  exposure: { darkMean: 60, brightMean: 215, maxClippedBright: 0.25, maxSideImbalance: 0.45 },
  /**
   * Without a face the whole frame is judged, so a dark room says "too dark", not only "no
   * face": a red or blue backdrop alone averages about 80, the darkened e2e frame about 9.
   */
  frameExposure: { darkMean: 45, brightMean: 225 },
  /**
   * Sharpness: variance of the Laplacian (frame-quality.ts) over the face box, box-averaged to
   * `sharpnessWidth` px. The e2e's real face scores about 500 through the fake camera; blurred
   * (Gaussian, in frame pixels) σ 1 px about 85, σ 1.5 px 34, σ 2 px 14. The crop is upscaled
   * about 1.9× from a 640×480 frame, so σ 1 px already shows: 100 refuses it and worse, with a
   * fivefold margin for a webcam softer than the photo.
   */
  sharpnessWidth: 96,
  minSharpness: 100,
  /**
   * Background: the pixels of the regions beside and above the head are sorted into red, blue
   * and orange by hue once saturated and bright enough; the colour of at least `minShare` of
   * them is the measured background, else none. Skin, brown hair and wood share orange's hues
   * at saturations up to about 0.6 (light skin 0.35, dark skin 0.5), so orange asks for 0.7;
   * the backdrops themselves are 0.8 and over.
   */
  background: {
    minValue: 0.25,
    red: { from: 340, to: 12, minSaturation: 0.5 },
    orange: { from: 15, to: 45, minSaturation: 0.7 },
    blue: { from: 190, to: 255, minSaturation: 0.4 },
    minShare: 0.6,
    /** Every n-th pixel in each direction: plenty at 640 px, cheap on every frame. */
    stride: 3,
  },
  /** Auto capture: this many consecutive frames pass every check; the best of them is kept. */
  framesNeeded: 3,
  /**
   * The 3:4 crop: the face box is this share of the crop's height (the head, crown to chin,
   * is then about two thirds: head and shoulders), its top this far down the crop.
   */
  crop: { faceShare: 0.5, faceTop: 0.24 },
};
