/** Where the registry screen is; a stack so "Kembali" returns to the screen before. */
export type RegistryRoute =
  | { kind: 'search' }
  | { kind: 'resident'; ref: string }
  | { kind: 'family'; kkNumber?: string | undefined; ref?: string | undefined };

/** The station's own village and kecamatan, for the area filter. */
export interface UnitPlace {
  villageCode: string;
  villageName: string;
  districtName: string;
}
