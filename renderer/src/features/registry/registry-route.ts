/** Where the registry screen is; a stack so "Kembali" returns to the screen before. */
export type RegistryRoute =
  | { kind: 'search' }
  | { kind: 'resident'; ref: string }
  | { kind: 'family'; kkNumber?: string | undefined; ref?: string | undefined };
