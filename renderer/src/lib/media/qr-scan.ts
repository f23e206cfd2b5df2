import jsQR from 'jsqr';

/**
 * Reads the status QR of a receipt held up to the kiosk webcam. jsQR is pure JavaScript, so it
 * works offline and inside the strict CSP (no wasm, no workers).
 */

export interface RgbaImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * 'dontInvert' reads dark-on-light codes only (printed receipts) at half the cost per frame;
 * 'attemptBoth' also reads light-on-dark ones (a phone in dark mode).
 */
export type QrInversion = 'dontInvert' | 'attemptBoth';

/** The text of the first QR code found in `image`, or null. */
export function decodeQr(image: RgbaImage, inversion: QrInversion = 'dontInvert'): string | null {
  // Always pass the option: jsQR 1.4.0 writes it into its shared defaults.
  const code = jsQR(image.data, image.width, image.height, { inversionAttempts: inversion });
  return code ? code.data : null;
}

export interface ScanOptions {
  /** Frames per second sampled from the video; jsQR costs tens of ms per frame on a kiosk PC. */
  fps?: number;
  /** Frames are scaled down to this width first: a receipt QR held up close needs no more. */
  maxWidth?: number;
  inversion?: QrInversion;
}

/** Whether a video element has a frame to draw (HAVE_CURRENT_DATA and a known size). */
function hasFrame(video: HTMLVideoElement): boolean {
  return video.readyState >= 2 && video.videoWidth > 0 && video.videoHeight > 0;
}

/**
 * Samples `video` into an offscreen canvas `fps` times a second and calls `onCode` once, with the
 * first text decoded, then stops. Returns a stop function for a screen that closes first; calling
 * it twice is harmless. The caller owns the stream (acquireCamera / releaseCamera).
 */
export function scanLoop(
  video: HTMLVideoElement,
  onCode: (text: string) => void,
  opts: ScanOptions = {},
): () => void {
  const { fps = 8, maxWidth = 640, inversion = 'dontInvert' } = opts;
  let canvas: OffscreenCanvas | null = null;
  let context: OffscreenCanvasRenderingContext2D | null = null;
  let isStopped = false;
  const timer = setInterval(tick, Math.round(1000 / fps));

  function stop(): void {
    isStopped = true;
    clearInterval(timer);
  }

  function tick(): void {
    if (isStopped || !hasFrame(video)) return;
    const scale = Math.min(1, maxWidth / video.videoWidth);
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    if (!canvas || canvas.width !== width || canvas.height !== height) {
      canvas = new OffscreenCanvas(width, height);
      // Read back every frame: keep the pixels on the CPU instead of a GPU round trip.
      context = canvas.getContext('2d', { willReadFrequently: true });
    }
    if (!context) return stop();
    context.drawImage(video, 0, 0, width, height);
    const text = decodeQr(context.getImageData(0, 0, width, height), inversion);
    if (text === null) return;
    stop();
    onCode(text);
  }

  return stop;
}
