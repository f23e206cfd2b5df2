import type { DetectorReply, DetectorRequest } from './detector-protocol';
import type { FaceObservation, RgbaImage } from './geometry';
import { PORTRAIT_THRESHOLDS } from './thresholds';

/**
 * The face detector: @vladmandic/face-api (tfjs bundled) with the tiny face detector and the
 * 68-point landmark net, in a module worker (detector.worker.ts) started on first use, so the
 * 1.3 MB bundle stays out of the kiosk's first load and detection never blocks the page. The
 * weights come from models/face/ beside index.html, copied out of node_modules by the build
 * (renderer/vite.config.ts): nothing is fetched from anywhere else.
 */

export interface FaceDetector {
  /** The tfjs backend in use: 'webgl' on a real GPU, else 'cpu'. */
  readonly backend: string;
  /** Faces in the image's pixels, scored 0.3 and up (the checks apply the real threshold). */
  detect(image: RgbaImage): Promise<{ faces: FaceObservation[]; ms: number }>;
}

/** Lower than the checks' threshold, so a near miss still shows where the detector looks. */
const DETECTOR_MIN_SCORE = 0.3;

let loading: Promise<FaceDetector> | null = null;

/** The one detector of this window; a failed load is tried again on the next call. */
export function loadFaceDetector(): Promise<FaceDetector> {
  loading ??= start().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

function start(): Promise<FaceDetector> {
  const worker = new Worker(new URL('./detector.worker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, (reply: DetectorReply) => void>();
  let nextId = 1;
  let deathCause: string | null = null;
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      // A dead worker is not reused: the next portrait step starts a new one.
      deathCause = message;
      loading = null;
      worker.terminate();
      for (const answer of waiting.values()) answer({ kind: 'failed', id: null, message });
      waiting.clear();
      reject(new Error(message));
    };
    worker.onerror = (event) => fail(`Detector worker: ${event.message}`);
    worker.onmessage = ({ data: reply }: MessageEvent<DetectorReply>) => {
      if (reply.kind === 'loaded') return resolve({ backend: reply.backend, detect });
      const { id } = reply;
      if (id === null) return fail(reply.kind === 'failed' ? reply.message : 'No request id');
      waiting.get(id)?.(reply);
      waiting.delete(id);
    };
    const send = (request: DetectorRequest, transfer: Transferable[] = []) =>
      worker.postMessage(request, transfer);
    send({
      kind: 'load',
      modelsUrl: new URL('models/face/', document.baseURI).href,
      inputSize: PORTRAIT_THRESHOLDS.detectorInputSize,
      minScore: DETECTOR_MIN_SCORE,
    });

    function detect(image: RgbaImage): Promise<{ faces: FaceObservation[]; ms: number }> {
      const id = nextId++;
      return new Promise((done, refuse) => {
        if (deathCause !== null) return refuse(new Error(deathCause));
        waiting.set(id, (reply) =>
          reply.kind === 'detected'
            ? done({ faces: reply.faces, ms: reply.ms })
            : refuse(new Error(reply.kind === 'failed' ? reply.message : 'Unexpected reply')),
        );
        // A copy moves to the worker; the page keeps its pixels for the checks.
        const data = new Uint8ClampedArray(image.data);
        send({ kind: 'detect', id, width: image.width, height: image.height, data }, [data.buffer]);
      });
    }
  });
}
