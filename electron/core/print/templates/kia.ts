import { cardDocument, markOf, tteSpot, type IssuedMark, type Rendered } from './frame';
import { dmy, fitPt, up } from './text';
import type { AddressData } from './types';
import { escapeHtml } from '../../common/html';

/** KARTU IDENTITAS ANAK on a CR80 blank (domain §3.4: Permendagri 2/2016 elements). */
export const UNVERIFIED = [
  'Elemen KIA dari domain §3.4 (🟡 [S31]); letak elemen, ukuran huruf dan letak foto bukan dari blangko asli KIA OKI.',
  'Sisi belakang kartu (bila ada) tidak dibuat.',
];

export interface KiaData {
  child: {
    nik: string | null;
    name: string;
    sex: string | null;
    bloodGroup: string | null;
    birthPlace: string | null;
    birthDate: string | null;
    religion: string | null;
    citizenship: string | null;
    birthCertNo: string | null;
  };
  kkNumber: string | null;
  headName: string | null;
  address: AddressData | null;
  /** YYYY-MM-DD, see kiaValidUntil. */
  validUntil: string | null;
  /** A photo only from age 5 (domain §3.4); the card shows the photo area then. */
  hasPhoto: boolean;
  /** Day printed on the card: the issue date, or the print day for a draft. */
  issuedOn: string;
  issued: IssuedMark | null;
  isTraining: boolean;
}

/**
 * Valid until the 5th birthday when made before 5, else until the 17th birthday minus one day
 * (domain §3.4, Permendagri 2/2016 ✅).
 */
export function kiaValidUntil(birthDate: string, today: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return null;
  const year = Number(m[1]);
  const fifth = `${year + 5}-${m[2]}-${m[3]}`;
  if (today < fifth) return fifth;
  const seventeenth = Date.UTC(year + 17, Number(m[2]) - 1, Number(m[3]));
  return new Date(seventeenth - 86_400_000).toISOString().slice(0, 10);
}

const CSS = `
.training { position: absolute; top: 0.6mm; left: 0; right: 0; text-align: center; font-size: 3.8pt; font-weight: bold }
.top { text-align: center; font-weight: bold; padding-top: 2mm; line-height: 1.15 }
.top .l1 { font-size: 5pt } .top .l2 { font-size: 7pt; letter-spacing: 0.4pt; margin-top: 0.4mm }
.main { display: flex; padding: 1mm 2.5mm 0 2.5mm; gap: 1.5mm }
.rows { width: 57mm } .rows table { border-collapse: collapse; width: 100% }
.rows td { padding: 0; height: 2.45mm; vertical-align: top; white-space: nowrap; overflow: hidden }
.rows .k { width: 17mm; font-size: 4.6pt } .rows .c { width: 1.5mm; font-size: 4.6pt } .rows .v { font-weight: bold }
.rows .wrap .v { white-space: normal; line-height: 1.05 } .rows .nik td { height: 3.2mm } .rows .nik .v { font-size: 6.5pt }
.side { width: 21mm; text-align: center; font-size: 3.8pt }
.photo { width: 15mm; height: 19mm; margin: 0 auto 0.6mm; border: 0.2mm solid #000; display: flex;
  align-items: center; justify-content: center; font-size: 3.8pt; padding: 0.5mm }
.side .tte { justify-content: center } .side .tte-text { display: none }
.strip .note { font-size: 3.6pt; font-weight: normal }
.strip { position: absolute; left: 0; right: 0; bottom: 0.5mm; line-height: 1.1; text-align: center; font-size: 4.2pt; font-weight: bold }`;

function row(label: string, value: string, cls = ''): string {
  const one = fitPt(value, 36, 5.2, 3.6);
  const two = cls === 'wrap' ? Math.min(3.6, fitPt(value, 36, 5.2, 3, 2)) : one;
  const pt = cls === 'nik' ? 6.5 : one > 3.6 ? one : two;
  return `<tr class="${cls}"><td class="k">${label}</td><td class="c">:</td><td class="v" style="font-size:${pt}pt">${escapeHtml(value)}</td></tr>`;
}

const text = (s: string | null | undefined) => (s?.trim() ? s.trim().toUpperCase() : '-');

export function kiaHtml(data: KiaData): Rendered {
  const c = data.child;
  const a = data.address;
  const mark = markOf(data.issued);
  const address = a
    ? `${a.address} RT ${a.rt}/RW ${a.rw}, ${a.villageName ?? ''}, ${a.districtName ?? ''}`
    : null;
  const rows = [
    row('NIK', text(c.nik), 'nik'),
    row('Nama', text(c.name)),
    row('Tempat/Tgl Lahir', `${text(c.birthPlace)}, ${dmy(c.birthDate)}`),
    row('Jenis Kelamin', `${text(c.sex)}   GOL. DARAH: ${text(c.bloodGroup)}`),
    row('No. KK', text(data.kkNumber)),
    row('Nama Kepala Keluarga', text(data.headName)),
    row('No. Akta Kelahiran', text(c.birthCertNo)),
    row('Agama', text(c.religion)),
    row('Kewarganegaraan', text(c.citizenship)),
    row('Alamat', text(address), 'wrap'),
    row('Berlaku Hingga', dmy(data.validUntil)),
  ].join('');
  const body = `<div class="top"><div class="l1">PROVINSI SUMATERA SELATAN<br>KABUPATEN OGAN KOMERING ILIR</div><div class="l2">KARTU IDENTITAS ANAK</div></div>
<div class="main"><div class="rows"><table>${rows}</table></div>
<div class="side"><div class="photo">${data.hasPhoto ? 'PAS FOTO 2×3' : 'TANPA FOTO (BELUM 5 TAHUN)'}</div>
<div>OGAN KOMERING ILIR<br>${dmy(data.issued ? data.issued.issuedAt : data.issuedOn)}</div>
<div>KEPALA DINAS DUKCAPIL</div>${tteSpot(mark, 9)}${data.issued ? `<div>${up(data.issued.signerName)}</div>` : ''}</div></div>`;
  return cardDocument({
    title: 'Kartu Identitas Anak',
    mark,
    isTraining: data.isTraining,
    unverified: UNVERIFIED,
    body,
    css: CSS,
  });
}
