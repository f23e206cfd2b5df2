import { announcementText, type Announcement, type PlayOutcome, type Speaker } from './announcer';

/**
 * The browser's voice for the queue display: speechSynthesis with a Bahasa Indonesia voice when
 * the system has one, else a two-tone chime (WebAudio). Browsers hold back both until the page
 * was tapped once; then `play` answers 'blocked' and the display shows "Aktifkan suara".
 */

/** A voice that never reports its end (a known Chromium fault) does not stall the queue. */
const SPEECH_LIMIT_MS = 12_000;
const CHIME_S = 1.1;
const UNLOCK_MS = 1500;

export function indonesianVoice(
  voices: readonly SpeechSynthesisVoice[],
): SpeechSynthesisVoice | null {
  return voices.find((v) => /^id([-_]|$)/i.test(v.lang)) ?? null;
}

export class BrowserSpeaker implements Speaker {
  #audio: AudioContext | null = null;

  /** True while the browser still holds sound back (no tap on the page yet). */
  get needsTap(): boolean {
    const audio = this.#context();
    return audio !== null && audio.state !== 'running';
  }

  /**
   * Called from the tap on "Aktifkan suara": the one moment the browser allows sound. The tap
   * itself is what speech needs (the page's sticky activation); the chime needs its context resumed.
   */
  async unlock(): Promise<void> {
    const audio = this.#context();
    // A machine without a sound device may never finish resuming: the queue goes on regardless.
    if (audio && audio.state !== 'running')
      await Promise.race([audio.resume(), new Promise((wake) => setTimeout(wake, UNLOCK_MS))]);
  }

  play(announcement: Announcement): Promise<PlayOutcome> {
    const voice = 'speechSynthesis' in window ? indonesianVoice(speechSynthesis.getVoices()) : null;
    return voice ? this.#say(announcementText(announcement), voice) : this.#chime();
  }

  #context(): AudioContext | null {
    if (!this.#audio && typeof AudioContext !== 'undefined') this.#audio = new AudioContext();
    return this.#audio;
  }

  #say(text: string, voice: SpeechSynthesisVoice): Promise<PlayOutcome> {
    return new Promise((resolve) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = 0.9;
      const timer = setTimeout(() => resolve('played'), SPEECH_LIMIT_MS);
      const done = (outcome: PlayOutcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      utterance.onend = () => done('played');
      utterance.onerror = (event) => {
        if (event.error === 'not-allowed') done('blocked');
        // Any other failure of the voice: the chime still tells the hall a number was called.
        else void this.#chime().then(done);
      };
      speechSynthesis.speak(utterance);
    });
  }

  #chime(): Promise<PlayOutcome> {
    const audio = this.#context();
    if (!audio) return Promise.resolve('played');
    if (audio.state !== 'running') return Promise.resolve('blocked');
    return new Promise((resolve) => {
      const start = audio.currentTime + 0.05;
      const gain = audio.createGain();
      gain.connect(audio.destination);
      gain.gain.setValueAtTime(0.0001, start);
      let last: OscillatorNode | null = null;
      // Ding (E6) then dong (C6), each fading out.
      for (const [i, hz] of [1318.5, 1046.5].entries()) {
        const at = start + i * 0.5;
        const tone = audio.createOscillator();
        tone.type = 'sine';
        tone.frequency.setValueAtTime(hz, at);
        tone.connect(gain);
        gain.gain.setValueAtTime(0.35, at);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.55);
        tone.start(at);
        tone.stop(at + 0.6);
        last = tone;
      }
      const timer = setTimeout(() => resolve('played'), (CHIME_S + 1) * 1000);
      if (last)
        last.onended = () => {
          clearTimeout(timer);
          resolve('played');
        };
    });
  }
}
