import { acquireCamera, releaseCamera } from '../../lib/media/camera';
import type { CameraSeen } from './records-pure';

/** How long the check waits for the first frame before calling the camera dead. */
export const CAMERA_WAIT_MS = 8000;

/**
 * Opens the webcam, waits for a decoded frame, notes its size, and releases the camera again
 * whatever happened: the check must never leave a camera running.
 */
export async function testCamera(waitMs = CAMERA_WAIT_MS): Promise<CameraSeen> {
  const started = performance.now();
  let stream: MediaStream;
  try {
    stream = await acquireCamera({ width: { ideal: 1280 }, height: { ideal: 720 } });
  } catch (error) {
    return { kind: 'no-camera', error: error instanceof Error ? error.name : String(error) };
  }
  const label = stream.getVideoTracks()[0]?.label ?? '';
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  try {
    const size = await firstFrame(video, waitMs);
    if (!size) return { kind: 'no-frame', seconds: Math.round(waitMs / 1000), label };
    return { kind: 'frame', ...size, label, ms: Math.round(performance.now() - started) };
  } finally {
    video.pause();
    video.srcObject = null;
    releaseCamera(stream);
  }
}

/** The first frame's size, or null when none arrives in time. */
function firstFrame(
  video: HTMLVideoElement,
  waitMs: number,
): Promise<{ width: number; height: number } | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), waitMs);
    const done = (): void => {
      clearTimeout(timer);
      resolve({ width: video.videoWidth, height: video.videoHeight });
    };
    // requestVideoFrameCallback fires for a frame actually presented, not just metadata.
    video.requestVideoFrameCallback(() => done());
    video.play().catch(() => {
      clearTimeout(timer);
      resolve(null);
    });
  });
}
