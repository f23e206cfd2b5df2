import type { KioskVillages } from '../../../../electron/contract';

/** What both village pickers (the kiosk's taps, the desk's search) take from the question. */
export interface VillagePickerProps {
  data: KioskVillages;
  /** The village code answered so far ('' for none). */
  chosen: string;
  onchoose: (code: string) => void;
}
