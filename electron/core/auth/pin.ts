/**
 * Station PINs and passwords use the project's one secret-hash format, shared with the hub's
 * back-office (electron/protocol/password-hash.ts); the station's names for it.
 */
export {
  DEFAULT_SCRYPT,
  parseHash,
  hashSecret as hashPin,
  verifySecret as verifyPin,
  type ScryptParams,
} from '../../protocol/password-hash';
