import * as faceapi from '@vladmandic/face-api';
import type { DetectorReply, DetectorRequest } from './detector-protocol';
import type { FaceObservation } from './geometry';

/**
 * The face detector off the page's thread: tfjs on the CPU takes 0.65 s or more a frame here,
 * which would freeze every tap. The page sends each frame's pixels; tensors stay in here.
 */

/** tfjs's backend calls: in the bundle at run time, missing from face-api's narrowed types. */
interface TfBackends {
  setBackend(name: 'webgl' | 'cpu'): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
}

interface WorkerScope {
  postMessage(message: DetectorReply): void;
  onmessage: ((event: MessageEvent<DetectorRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const tf = faceapi.tf as unknown as TfBackends;
let options: faceapi.TinyFaceDetectorOptions | null = null;

/**
 * face-api knows browsers and Node, not workers: give it what a worker has. Only fetch is
 * used (the weights); frames arrive as pixels, so no canvas or image element is ever made.
 */
function workerEnvironment(): faceapi.Environment {
  const none = () => {
    throw new Error('No DOM in the detector worker');
  };
  return {
    Canvas: OffscreenCanvas,
    CanvasRenderingContext2D: OffscreenCanvasRenderingContext2D,
    Image: class {},
    ImageData,
    Video: class {},
    createCanvasElement: none,
    createImageElement: none,
    createVideoElement: none,
    fetch: (url: string, init?: RequestInit) => fetch(url, init),
    readFile: none,
  } as unknown as faceapi.Environment;
}

/**
 * WebGL through a software rasteriser (SwiftShader, llvmpipe: Chromium with --disable-gpu or
 * no GPU driver) compiles every shader on the CPU: about 6 s before the first frame, then
 * hardly faster than 'cpu'. Only a real GPU is worth it.
 */
function hasHardwareWebgl(): boolean {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    return !/swiftshader|llvmpipe|softpipe|software/i.test(name);
  } catch {
    return false;
  }
}

async function load(request: Extract<DetectorRequest, { kind: 'load' }>): Promise<string> {
  faceapi.env.setEnv(workerEnvironment());
  const isWebgl = hasHardwareWebgl() && (await tf.setBackend('webgl').catch(() => false));
  if (!isWebgl && !(await tf.setBackend('cpu'))) throw new Error('No tfjs backend would start');
  await tf.ready();
  await Promise.all([
    faceapi.nets.tinyFaceDetector.loadFromUri(request.modelsUrl),
    faceapi.nets.faceLandmark68Net.loadFromUri(request.modelsUrl),
  ]);
  options = new faceapi.TinyFaceDetectorOptions({
    inputSize: request.inputSize,
    scoreThreshold: request.minScore,
  });
  // The first run compiles and allocates: do it now, under the page's loading message.
  await detect(new Uint8ClampedArray(64 * 48 * 4), 64, 48);
  return tf.getBackend();
}

async function detect(
  data: Uint8ClampedArray<ArrayBuffer>,
  width: number,
  height: number,
): Promise<FaceObservation[]> {
  if (!options) throw new Error('The detector is not loaded');
  const image = faceapi.tf.browser.fromPixels(new ImageData(data, width, height));
  try {
    const found = await faceapi.detectAllFaces(image, options).withFaceLandmarks();
    return found.map(({ detection, landmarks }) => ({
      score: detection.score,
      box: {
        x: detection.box.x,
        y: detection.box.y,
        width: detection.box.width,
        height: detection.box.height,
      },
      landmarks: landmarks.positions.map((p) => ({ x: p.x, y: p.y })),
    }));
  } finally {
    image.dispose();
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
  if (request.kind === 'load') {
    load(request).then(
      (backend) => scope.postMessage({ kind: 'loaded', backend }),
      (error: unknown) => scope.postMessage({ kind: 'failed', id: null, message: message(error) }),
    );
    return;
  }
  const started = performance.now();
  detect(request.data, request.width, request.height).then(
    (faces) =>
      scope.postMessage({
        kind: 'detected',
        id: request.id,
        faces,
        ms: Math.round(performance.now() - started),
      }),
    (error: unknown) =>
      scope.postMessage({ kind: 'failed', id: request.id, message: message(error) }),
  );
};
