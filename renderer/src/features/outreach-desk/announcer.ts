/**
 * The queue display's announcements (issue 16 item 3): each call is said once, in the order the
 * calls came, never two at once. Pure: the browser's speech and chime are a `Speaker`
 * (speech.ts), so the order and the blocked-audio case are tested without a browser.
 */

export interface Announcement {
  number: string;
  /** The desk's label as shown, e.g. "Meja 2". */
  label: string;
  desk: string;
  at: string;
  repeat: boolean;
}

export type PlayOutcome = 'played' | 'blocked';

export interface Speaker {
  /** Says (or chimes) one announcement; 'blocked' when the browser wants a tap first. */
  play(announcement: Announcement): Promise<PlayOutcome>;
}

/** "Nomor antrean 007, silakan ke meja 2." */
export function announcementText(announcement: Pick<Announcement, 'number' | 'label'>): string {
  const desk = announcement.label.replace(/^Meja\b/, 'meja');
  return `Nomor antrean ${announcement.number}, silakan ke ${desk}.`;
}

export class AnnounceQueue {
  readonly #speaker: Speaker;
  readonly #onchange: () => void;
  readonly #pending: Announcement[] = [];
  #isPlaying = false;
  /** Every announcement that was said, oldest first. */
  readonly announced: Announcement[] = [];
  /** True while the browser blocks sound until the screen is tapped. */
  isBlocked = false;

  constructor(speaker: Speaker, onchange: () => void = () => {}) {
    this.#speaker = speaker;
    this.#onchange = onchange;
  }

  get waiting(): number {
    return this.#pending.length;
  }

  push(announcement: Announcement): void {
    this.#pending.push(announcement);
    void this.#drain();
  }

  /** After the tap that lets the browser play sound: what waited is said now. */
  unblock(): void {
    this.isBlocked = false;
    this.#onchange();
    void this.#drain();
  }

  async #drain(): Promise<void> {
    if (this.#isPlaying || this.isBlocked) return;
    this.#isPlaying = true;
    try {
      for (let next = this.#pending[0]; next && !this.isBlocked; next = this.#pending[0]) {
        const outcome = await this.#speaker.play(next);
        if (outcome === 'blocked') {
          this.isBlocked = true;
        } else {
          this.#pending.shift();
          this.announced.push(next);
        }
        this.#onchange();
      }
    } finally {
      this.#isPlaying = false;
    }
  }
}
