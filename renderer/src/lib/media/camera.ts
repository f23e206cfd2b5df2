/**
 * Every camera stream the renderer opens goes through here, so the kiosk's idle reset can stop
 * all of them with one call and no screen can leave a webcam running after a citizen walks away.
 */
const open = new Set<MediaStream>();

export async function acquireCamera(
  constraints: MediaTrackConstraints | boolean = true,
): Promise<MediaStream> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: constraints, audio: false });
  open.add(stream);
  return stream;
}

/** Stops one stream (a screen that is done with its camera). */
export function releaseCamera(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
  open.delete(stream);
}

/** Stops every track of every stream acquired through acquireCamera(). */
export function releaseAllCameras(): void {
  for (const stream of [...open]) releaseCamera(stream);
}

/** Streams with at least one live track. */
export function liveCameraCount(): number {
  return [...open].filter((s) => s.getTracks().some((t) => t.readyState === 'live')).length;
}
