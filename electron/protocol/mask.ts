/**
 * Screen and receipt mask (domain §6.3): keep the kecamatan prefix (6) and the last 2 digits, hide
 * the birth date and sex: '1602055512030001' → '160205********01'. Anything that is not 16 ASCII
 * digits is masked whole, so a malformed number never leaks in part. Used for No. KK too. Shared by
 * the station (core/common/mask.ts re-exports it) and the hub's back-office.
 */
export function maskNik(value: string): string {
  if (/^[0-9]{16}$/.test(value)) return `${value.slice(0, 6)}********${value.slice(14)}`;
  return '*'.repeat([...value].length);
}

export const maskKk = maskNik;
