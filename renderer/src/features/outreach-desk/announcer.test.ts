import { describe, expect, it } from 'vitest';
import { AnnounceQueue, announcementText, type Announcement, type PlayOutcome } from './announcer';

const call = (number: string, desk = 'meja-1'): Announcement => ({
  number,
  desk,
  label: `Meja ${desk.slice(5)}`,
  at: '2026-11-29T02:00:00.000Z',
  repeat: false,
});

/** A speaker whose plays finish when the test says so; it records what overlapped. */
class ManualSpeaker {
  started: string[] = [];
  playing = 0;
  maxPlaying = 0;
  #finish: Array<(outcome: PlayOutcome) => void> = [];
  #waiters: Array<() => void> = [];

  play(a: Announcement): Promise<PlayOutcome> {
    this.started.push(a.number);
    this.playing += 1;
    this.maxPlaying = Math.max(this.maxPlaying, this.playing);
    for (const wake of this.#waiters.splice(0)) wake();
    return new Promise((resolve) =>
      this.#finish.push((outcome) => {
        this.playing -= 1;
        resolve(outcome);
      }),
    );
  }

  /** Resolves once `n` plays have started. */
  async untilStarted(n: number): Promise<void> {
    while (this.started.length < n) await new Promise<void>((wake) => this.#waiters.push(wake));
  }

  end(outcome: PlayOutcome = 'played'): void {
    this.#finish.shift()?.(outcome);
  }
}

/** The queue's change callback as something to wait on. */
class Changes {
  #waiters: Array<() => void> = [];
  note(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }
  async until(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise<void>((wake) => this.#waiters.push(wake));
  }
}

describe('queue display announcements', () => {
  it('says "Nomor antrean 007, silakan ke meja 2."', () => {
    expect(announcementText({ number: '007', label: 'Meja 2' })).toBe(
      'Nomor antrean 007, silakan ke meja 2.',
    );
  });

  it('says each call once, in order, never two at once', async () => {
    const speaker = new ManualSpeaker();
    const changes = new Changes();
    const queue = new AnnounceQueue(speaker, () => changes.note());
    queue.push(call('001'));
    queue.push(call('002', 'meja-2'));
    queue.push(call('003'));
    await speaker.untilStarted(1);
    expect(speaker.started).toEqual(['001']);
    speaker.end();
    await speaker.untilStarted(2);
    speaker.end();
    await speaker.untilStarted(3);
    speaker.end();
    await changes.until(() => queue.announced.length === 3);
    expect(speaker.maxPlaying).toBe(1);
    expect(queue.announced.map((a) => a.number)).toEqual(['001', '002', '003']);
    expect(queue.waiting).toBe(0);
  });

  it('holds the calls while the browser blocks sound, and says them after the tap', async () => {
    const speaker = new ManualSpeaker();
    const changes = new Changes();
    const queue = new AnnounceQueue(speaker, () => changes.note());
    queue.push(call('001'));
    await speaker.untilStarted(1);
    speaker.end('blocked');
    await changes.until(() => queue.isBlocked);
    queue.push(call('002'));
    expect(queue.isBlocked).toBe(true);
    expect(queue.announced).toEqual([]);
    expect(queue.waiting).toBe(2);
    expect(speaker.started).toEqual(['001']);
    queue.unblock();
    await speaker.untilStarted(2);
    expect(speaker.started).toEqual(['001', '001']);
    speaker.end();
    await speaker.untilStarted(3);
    speaker.end();
    await changes.until(() => queue.announced.length === 2);
    expect(queue.announced.map((a) => a.number)).toEqual(['001', '002']);
    expect(speaker.maxPlaying).toBe(1);
  });
});
