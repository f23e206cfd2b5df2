import type { HardwareCheckResult } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { failureText } from '../../lib/i18n/reasons';
import { testCamera } from './camera-test';
import { cameraLine } from './records-pure';

export type HardwarePhase = 'idle' | 'camera' | 'core' | 'done';

/** One run of the hardware check: the camera here in the page, then the rest in the core. */
export class HardwareCheck {
  printTestPage = $state(false);
  phase = $state<HardwarePhase>('idle');
  result = $state<HardwareCheckResult | null>(null);
  error = $state<string | null>(null);

  get isRunning(): boolean {
    return this.phase === 'camera' || this.phase === 'core';
  }

  async run(): Promise<void> {
    this.error = null;
    this.result = null;
    this.phase = 'camera';
    const camera = cameraLine(await testCamera());
    this.phase = 'core';
    const answer = await sendCatch('hardware-check-run', {
      camera,
      printTestPage: this.printTestPage,
    });
    this.phase = 'done';
    if (answer.ok) this.result = answer.value;
    else this.error = failureText(answer);
  }
}
