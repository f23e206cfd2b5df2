import type { KeyStore } from '../../protocol/key-store';
import { keyPairFromSeed, type KeyPair } from '../../protocol/packet/keys';

export interface StationKeys {
  signing: KeyPair;
  encryption: KeyPair;
}

/**
 * The station's sync keys: an Ed25519 seed and an X25519 key in the key store (safeStorage in
 * Electron, owner-only files in the station server), made on first use, never in the database.
 */
export function stationKeys(keyStore: KeyStore): StationKeys {
  return {
    signing: keyPairFromSeed('ed25519', keyStore.loadOrCreate('sync-signing')),
    encryption: keyPairFromSeed('x25519', keyStore.loadOrCreate('sync-encryption')),
  };
}
