/**
 * Name parts for synthetic residents. Combinations are generated at random; no list here
 * describes a real person. Spelling variants (Muhammad/Muhamad/Moh.) are deliberate so that
 * search is exercised on what officers actually meet.
 */
// prettier-ignore
export const MALE_GIVEN = [
  'MUHAMMAD', 'MUHAMAD', 'MOHAMMAD', 'AHMAD', 'ACHMAD', 'ABDUL', 'RUDI', 'AGUS', 'BUDI', 'JOKO',
  'HENDRA', 'RIZKI', 'RIZKY', 'DEDI', 'DEDY', 'ANDI', 'FAJAR', 'YUSUF', 'ILHAM', 'HASAN', 'SYAHRUL',
  'IWAN', 'EKO', 'SUPRIADI', 'SUPRIYADI', 'HERMAN', 'ZULKIFLI', 'SAIPUL', 'SAIFUL', 'ARIF', 'ARIEF',
  'FIRMAN', 'YUDI', 'DONI', 'DONNY', 'RAHMAT', 'RACHMAT', 'HARIS', 'IMRON', 'KOMARUDIN', 'NASRUL',
  'SUKARDI', 'SLAMET', 'WAHYU', 'TAUFIK', 'TOPIK', 'AMIRUDIN', 'ROSADI', 'HERI', 'HERRY', 'IRFAN',
];

// prettier-ignore
export const FEMALE_GIVEN = [
  'SITI', 'NUR', 'NURUL', 'SRI', 'DEWI', 'RINA', 'YUNI', 'FITRI', 'FITRIA', 'AYU', 'LESTARI', 'ANI',
  'INDAH', 'PUTRI', 'RAHMA', 'RAHMAH', 'AISYAH', 'AISAH', 'NURHAYATI', 'HAYATI', 'MARYAM', 'MARIAM',
  'KHOIRIYAH', 'KHAIRIAH', 'ROSMALA', 'YULIANA', 'YULIANTI', 'WULAN', 'MAYA', 'NOVI', 'NOVIE',
  'ERNA', 'ERNI', 'SUSI', 'SUSANTI', 'WATI', 'ASMAH', 'HALIMAH', 'ZAHRA', 'NAILA', 'DESI', 'DESSY',
];

// prettier-ignore
export const MALE_SECOND = [
  'SAPUTRA', 'PRATAMA', 'HIDAYAT', 'KURNIAWAN', 'SETIAWAN', 'WIJAYA', 'RAMADHAN', 'RAMADAN',
  'FIRDAUS', 'HAKIM', 'IRAWAN', 'SANTOSO', 'NUGROHO', 'SAPUTRO', 'FAUZI', 'FAUZAN', 'ALAMSYAH',
  'SYAHPUTRA', 'SAHPUTRA', 'HARAHAP', 'ANSORI', 'ANSHORI', 'MAULANA', 'EFENDI', 'EFFENDI', 'HAMID',
];

// prettier-ignore
export const FEMALE_SECOND = [
  'HANDAYANI', 'RAHMAWATI', 'SUSANTI', 'LESTARI', 'PERMATASARI', 'PUSPITASARI', 'WULANDARI',
  'KURNIASIH', 'FITRIANI', 'SAFITRI', 'SAPITRI', 'NOVITASARI', 'YULIANTI', 'AMELIA', 'AMALIA',
  'NINGSIH', 'MARLINA', 'HERLINA', 'ROSITA', 'MAWARNI', 'AGUSTINA', 'ANGGRAINI', 'ANGGRAENI',
];

/** Birth places: mostly the regency's own towns, some elsewhere in the province. */
// prettier-ignore
export const BIRTH_PLACES = [
  'KAYUAGUNG', 'KAYUAGUNG', 'KAYUAGUNG', 'TANJUNG LUBUK', 'PEDAMARAN', 'TULUNG SELAPAN',
  'PAMPANGAN', 'LEMPUING', 'MESUJI', 'SIRAH PULAU PADANG', 'CENGAL', 'JEJAWI', 'AIR SUGIHAN',
  'SUNGAI MENANG', 'PANGKALAN LAMPAM', 'TELUK GELAM', 'PALEMBANG', 'PALEMBANG', 'INDRALAYA',
  'BATURAJA', 'PRABUMULIH', 'MUARA ENIM',
];

// prettier-ignore
export const DUSUN = ['DUSUN I', 'DUSUN II', 'DUSUN III', 'DUSUN IV', 'DUSUN V'];
// prettier-ignore
export const STREETS = ['JL. LINTAS TIMUR', 'JL. MERDEKA', 'JL. LETNAN MUCHTAR SALEH', 'JL. KI MEROGAN', 'JL. DESA'];
