import type { FrameAssessment } from './checks';

export interface Candidate<F> {
  frame: F;
  assessment: FrameAssessment;
}

/**
 * Automatic capture: counts consecutive frames that pass every check and, once `framesNeeded`
 * have, hands back the best-scoring of them. Any failing frame starts the run again. `F` is
 * whatever holds the pixels (a canvas in the app, a label in tests).
 */
export class AutoCapture<F> {
  #streak = 0;
  #best: Candidate<F> | null = null;

  constructor(readonly framesNeeded: number) {
    if (!Number.isInteger(framesNeeded) || framesNeeded < 1) {
      throw new Error(`framesNeeded must be a positive integer: ${framesNeeded}`);
    }
  }

  get streak(): number {
    return this.#streak;
  }

  /** The best frame of a complete run (and the run starts over), else null. */
  push(frame: F, assessment: FrameAssessment): Candidate<F> | null {
    if (!assessment.isPassed) {
      this.reset();
      return null;
    }
    this.#streak += 1;
    if (!this.#best || assessment.score > this.#best.assessment.score) {
      this.#best = { frame, assessment };
    }
    if (this.#streak < this.framesNeeded) return null;
    const best = this.#best;
    this.reset();
    return best;
  }

  reset(): void {
    this.#streak = 0;
    this.#best = null;
  }
}
