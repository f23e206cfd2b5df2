import type { FaceObservation } from './geometry';

/** Messages between the page and detector.worker.ts. */

export type DetectorRequest =
  | { kind: 'load'; modelsUrl: string; inputSize: number; minScore: number }
  | {
      kind: 'detect';
      id: number;
      width: number;
      height: number;
      data: Uint8ClampedArray<ArrayBuffer>;
    };

export type DetectorReply =
  | { kind: 'loaded'; backend: string }
  | { kind: 'detected'; id: number; faces: FaceObservation[]; ms: number }
  | { kind: 'failed'; id: number | null; message: string };
