/**
 * Photos held in memory (Blob + object URL) for a citizen's session. Object URLs keep the
 * Blob alive until revoked, so the kiosk reset revokes every one of them.
 */
export class PhotoStore {
  #urls = new Map<string, Blob>();

  /** Keeps a photo and returns an object URL for an <img>. */
  keep(blob: Blob): string {
    const url = URL.createObjectURL(blob);
    this.#urls.set(url, blob);
    return url;
  }

  /** Forgets one photo (a retake replaces it). */
  release(url: string): void {
    if (this.#urls.delete(url)) URL.revokeObjectURL(url);
  }

  get size(): number {
    return this.#urls.size;
  }

  clear(): void {
    for (const url of this.#urls.keys()) URL.revokeObjectURL(url);
    this.#urls.clear();
  }
}
