import { cardDocument, markOf, type IssuedMark, type Rendered } from './frame';
import { dmy, fitPt } from './text';
import type { AddressData } from './types';
import { escapeHtml } from '../../common/html';

/**
 * The KTP-el card front on a blanko KTP-el, CR80 (domain §3.4: the card elements of UU 24/2013
 * Ps 64 as listed there, ❓ from memory). The blank carries the printed background, the Garuda and
 * the security print; this prints the data layer: the elements, the portrait and the signature.
 */
export const UNVERIFIED = [
  'Elemen KTP-el dari domain §3.4 (❓ UU 24/2013 Ps 64, dari ingatan); letak elemen, ukuran huruf, ukuran foto dan tanda tangan bukan dari blangko asli KTP-el.',
  'Hanya lapisan data yang dicetak; latar, lambang Garuda dan pengaman ada pada blangko. Cip kartu TIDAK ditulis oleh stasiun ini (perlu SAM Dukcapil, domain §5.5).',
  'Status perkawinan memakai label KK (mis. KAWIN TERCATAT); belum dicocokkan dengan cetakan KTP-el terbaru.',
  'Masa berlaku WNA (mengikuti KITAP) belum diketahui: dicetak "-".',
];

export const LIFETIME = 'SEUMUR HIDUP';

export interface KtpElData {
  nik: string | null;
  name: string;
  birthPlace: string | null;
  birthDate: string | null;
  sex: string | null;
  bloodGroup: string | null;
  address: AddressData | null;
  religion: string | null;
  marital: string | null;
  occupation: string | null;
  citizenship: 'WNI' | 'WNA';
  /** The stored 480 × 640 portrait and the signature PNG, embedded as data URLs. */
  portraitJpeg: Uint8Array | null;
  signaturePng: Uint8Array | null;
  /** Day printed under the photo: the issue date, or the print day for a draft. */
  issuedOn: string;
  issuedPlace: string;
  issued: IssuedMark | null;
  isTraining: boolean;
}

const CSS = `
.training { position: absolute; top: 0.6mm; left: 0; right: 0; text-align: center; font-size: 3.8pt; font-weight: bold }
.top { text-align: center; font-weight: bold; padding-top: 2.2mm; line-height: 1.15; font-size: 6pt }
.main { display: flex; padding: 0.8mm 2.5mm 0 2.5mm; gap: 1.5mm }
.rows { width: 57.5mm } .rows table { border-collapse: collapse; width: 100% }
.rows td { padding: 0; height: 2.35mm; vertical-align: top; white-space: nowrap; overflow: hidden }
.rows .k { width: 17.5mm; font-size: 4.6pt } .rows .c { width: 1.5mm; font-size: 4.6pt } .rows .v { font-weight: bold }
.rows .sub .k { padding-left: 2.5mm } .rows .nik td { height: 3.4mm } .rows .nik .k, .rows .nik .c { font-size: 6.5pt; font-weight: bold }
.side { width: 21mm; text-align: center; font-size: 4pt; line-height: 1.15 }
.photo { width: 19.5mm; height: 26mm; margin: 0 auto 0.5mm; border: 0.2mm solid #000; overflow: hidden;
  display: flex; align-items: center; justify-content: center; font-size: 3.8pt }
.photo img { width: 100%; height: 100%; object-fit: cover; display: block }
.sign { height: 6mm; margin-top: 0.3mm } .sign img { height: 6mm; max-width: 20mm; mix-blend-mode: multiply }
.strip .note { font-size: 3.6pt; font-weight: normal }
.strip { position: absolute; left: 0; right: 0; bottom: 0.5mm; line-height: 1.1; text-align: center; font-size: 4.2pt; font-weight: bold }`;

const text = (s: string | null | undefined) => (s?.trim() ? s.trim().toUpperCase() : '-');

function row(label: string, value: string, cls = ''): string {
  const pt = cls === 'nik' ? 6.5 : fitPt(value, 38, 5.2, 3.4);
  return `<tr class="${cls}"><td class="k">${label}</td><td class="c">:</td><td class="v" style="font-size:${pt}pt">${escapeHtml(value)}</td></tr>`;
}

const dataUrl = (mime: string, bytes: Uint8Array | null) =>
  bytes ? `data:${mime};base64,${Buffer.from(bytes).toString('base64')}` : null;

export function ktpElHtml(data: KtpElData): Rendered {
  const a = data.address;
  const mark = markOf(data.issued);
  const rows = [
    row('NIK', text(data.nik), 'nik'),
    row('Nama', text(data.name)),
    row('Tempat/Tgl Lahir', `${text(data.birthPlace)}, ${dmy(data.birthDate)}`),
    row('Jenis Kelamin', `${text(data.sex)}   GOL. DARAH: ${text(data.bloodGroup)}`),
    row('Alamat', text(a?.address)),
    row('RT/RW', a ? `${a.rt}/${a.rw}` : '-', 'sub'),
    row('Kel/Desa', text(a?.villageName), 'sub'),
    row('Kecamatan', text(a?.districtName), 'sub'),
    row('Agama', text(data.religion)),
    row('Status Perkawinan', text(data.marital)),
    row('Pekerjaan', text(data.occupation)),
    row('Kewarganegaraan', data.citizenship),
    row('Berlaku Hingga', data.citizenship === 'WNI' ? LIFETIME : '-'),
  ].join('');
  const portrait = dataUrl('image/jpeg', data.portraitJpeg);
  const signature = dataUrl('image/png', data.signaturePng);
  const body = `<div class="top">PROVINSI SUMATERA SELATAN<br>KABUPATEN OGAN KOMERING ILIR</div>
<div class="main"><div class="rows"><table>${rows}</table></div>
<div class="side"><div class="photo">${portrait ? `<img src="${portrait}" alt="Pas foto">` : 'PAS FOTO'}</div>
<div>${text(data.issuedPlace)}</div><div>${dmy(data.issued ? data.issued.issuedAt : data.issuedOn)}</div>
<div class="sign">${signature ? `<img src="${signature}" alt="Tanda tangan">` : ''}</div></div></div>`;
  return cardDocument({
    title: 'Kartu Tanda Penduduk Elektronik',
    mark,
    isTraining: data.isTraining,
    unverified: UNVERIFIED,
    body,
    css: CSS,
  });
}
