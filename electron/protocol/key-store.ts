/** Holds the station's secret keys outside the database (OS keystore or an owner-only file). */
export interface KeyStore {
  /** Human-readable description for the status screen, e.g. "safeStorage" or a file path. */
  readonly description: string;
  /** What protects the keys (the status screen shows it); a store without one counts as 'file'. */
  readonly protection?: 'os-keyring' | 'passphrase' | 'file';
  /**
   * Passphrase protection only: a new passphrase for the same keys (the current one given
   * again). Absent for the other protections.
   */
  changePassphrase?(
    current: string,
    next: string,
  ): Promise<'changed' | 'wrong-passphrase' | 'too-short'>;
  /** Returns the named 32-byte key, creating it on first use. */
  loadOrCreate(name: string): Buffer;
  /** Returns the named key or null; never creates one. */
  load(name: string): Buffer | null;
}
