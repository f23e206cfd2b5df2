import type { NewUnit } from '../../../db/schema';

/**
 * The training station: a real OKI village (Kemendagri 16.02.05.2011, Desa Kijang Ulu,
 * Kec. Kayu Agung) so trainees see real place names, with synthetic people only.
 */
export function trainingUnit(unitId: string, at: string): NewUnit {
  return {
    unit_id: unitId,
    name: 'Stasiun Pelatihan Desa Kijang Ulu',
    region_code: '1602052011',
    region_name: 'Desa Kijang Ulu',
    district_name: 'Kayu Agung',
    regency_name: 'Kabupaten Ogan Komering Ilir',
    is_training: 1,
    start_mode: 'kiosk',
    created_at: at,
  };
}

/**
 * A station started without setup belongs to the Dinas office in Kayuagung until the setup
 * screen (a later issue) assigns its village.
 */
export function unconfiguredUnit(unitId: string, at: string): NewUnit {
  return {
    unit_id: unitId,
    name: 'Stasiun Disdukcapil OKI (belum diatur)',
    region_code: '1602051002',
    region_name: 'Kelurahan Kayuagung',
    district_name: 'Kayu Agung',
    regency_name: 'Kabupaten Ogan Komering Ilir',
    is_training: 0,
    start_mode: 'kiosk',
    created_at: at,
  };
}
