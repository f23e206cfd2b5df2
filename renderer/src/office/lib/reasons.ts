import { formatDateTime } from '../../lib/i18n/format';
import { NETWORK_REASON, OfficeApiError } from './api';

/** A sentence in Bahasa Indonesia, with its English version shown second. */
export interface Bilingual {
  id: string;
  en: string;
}

/**
 * The hub's reason codes (OfficeError, electron/hub/office) as sentences that say what happened
 * and what to do. `{name}` is filled from the refusal's detail (lockedUntil, seconds, ...).
 * One section per area; each area's helper adds its own codes in its section (SHARED file).
 */
const COMMON: Record<string, Bilingual> = {
  BAD_INPUT: {
    id: 'Isian tidak valid. Periksa kembali isian Anda.',
    en: 'Invalid input. Check what you entered.',
  },
  FORBIDDEN: {
    id: 'Peran Anda tidak berhak melakukan tindakan ini.',
    en: 'Your role may not do this.',
  },
  NOT_FOUND: {
    id: 'Data tidak ditemukan. Mungkin sudah dihapus atau diubah.',
    en: 'Not found. It may have been removed or changed.',
  },
  CONFLICT: {
    id: 'Data sudah diubah orang lain. Muat ulang lalu coba lagi.',
    en: 'Someone else changed this. Reload and try again.',
  },
  ROLE: {
    id: 'Peran Anda tidak berhak melakukan tindakan ini.',
    en: 'Your role may not do this.',
  },
  CSRF: {
    id: 'Permintaan ditolak demi keamanan. Muat ulang halaman lalu coba lagi.',
    en: 'Request refused for security. Reload the page and try again.',
  },
  CROSS_SITE: {
    id: 'Permintaan dari situs lain ditolak. Buka back-office langsung dari alamat server.',
    en: 'Request from another site refused. Open the back-office from the server address.',
  },
  TOO_LARGE: {
    id: 'Berkas atau isian terlalu besar.',
    en: 'The file or input is too large.',
  },
  RATE_LIMITED: {
    id: 'Terlalu banyak percobaan. Coba lagi dalam {seconds} detik.',
    en: 'Too many attempts. Try again in {seconds} seconds.',
  },
  [NETWORK_REASON]: {
    id: 'Server kabupaten tidak dapat dihubungi. Periksa jaringan lalu coba lagi.',
    en: 'The district server cannot be reached. Check the network and try again.',
  },
  INTERNAL: {
    id: 'Terjadi kesalahan di server. Coba lagi; bila berulang, hubungi admin.',
    en: 'Server error. Try again; if it repeats, call the administrator.',
  },
};

const SESSION: Record<string, Bilingual> = {
  NO_SESSION: {
    id: 'Anda belum masuk atau sesi sudah berakhir. Silakan masuk kembali.',
    en: 'You are not signed in or the session ended. Please sign in again.',
  },
  SESSION_IDLE: {
    id: 'Sesi berakhir karena tidak ada aktivitas. Silakan masuk kembali.',
    en: 'Signed out after a period of inactivity. Please sign in again.',
  },
  SESSION_EXPIRED: {
    id: 'Sesi sudah mencapai batas waktunya. Silakan masuk kembali.',
    en: 'The session reached its time limit. Please sign in again.',
  },
  BAD_CREDENTIALS: {
    id: 'Nama pengguna atau kata sandi salah, atau akun dinonaktifkan.',
    en: 'Wrong user name or password, or the account is disabled.',
  },
  LOCKED: {
    id: 'Akun terkunci karena terlalu banyak percobaan gagal. Terbuka kembali {until}, atau minta admin membukanya.',
    en: 'Account locked after too many failed attempts. It unlocks {until}, or ask an administrator.',
  },
  ALREADY_SIGNED_IN: {
    id: 'Anda sudah masuk. Muat ulang halaman.',
    en: 'You are already signed in. Reload the page.',
  },
  PASSWORD_TOO_SHORT: {
    id: 'Kata sandi minimal 10 karakter.',
    en: 'The password must have at least 10 characters.',
  },
  PASSWORD_TOO_LONG: {
    id: 'Kata sandi terlalu panjang (maksimal 256 karakter).',
    en: 'The password is too long (at most 256 characters).',
  },
  PASSWORD_IS_USER_NAME: {
    id: 'Kata sandi tidak boleh sama dengan nama pengguna.',
    en: 'The password must not be the user name.',
  },
  WRONG_PASSWORD: {
    id: 'Kata sandi saat ini salah.',
    en: 'The current password is wrong.',
  },
  PASSWORD_UNCHANGED: {
    id: 'Kata sandi baru harus berbeda dari yang lama.',
    en: 'The new password must differ from the old one.',
  },
};

const ACCOUNTS: Record<string, Bilingual> = {
  NO_USER: {
    id: 'Akun tidak ditemukan. Muat ulang daftar akun.',
    en: 'No such account. Reload the list.',
  },
  USER_NAME_TAKEN: {
    id: 'Nama pengguna sudah dipakai. Pilih nama lain.',
    en: 'That user name is taken. Choose another.',
  },
  LAST_ADMIN: {
    id: 'Administrator aktif terakhir tidak dapat diubah perannya atau dinonaktifkan.',
    en: 'The last active administrator cannot lose the role or be disabled.',
  },
};

// Areas of other helpers: add a section here and spread it into REASONS.

const REPORTS: Record<string, Bilingual> = {
  REPORT_BAD_DAY: {
    id: 'Tanggal laporan tidak valid. Pilih tanggal dari kalender.',
    en: 'Not a valid report date. Pick a date from the calendar.',
  },
  REPORT_RANGE: {
    id: 'Tanggal awal harus sebelum tanggal akhir.',
    en: 'The start date must come before the end date.',
  },
  REPORT_RANGE_TOO_LONG: {
    id: 'Rentang terlalu panjang: paling banyak 92 hari, 53 minggu atau 36 bulan. Persempit rentang atau pilih rincian yang lebih kasar.',
    en: 'Range too long: at most 92 days, 53 weeks or 36 months. Narrow it or choose a coarser breakdown.',
  },
  OUTREACH_REPORT_UNKNOWN: {
    id: 'Laporan kegiatan itu tidak ada di Disdukcapil.',
    en: 'No such outreach event report at the district.',
  },
  OUTREACH_PDF_MISSING: {
    id: 'PDF laporan kegiatan ini belum diterima dari stasiun.',
    en: 'This outreach report’s PDF has not arrived from the station.',
  },
};

const QUEUE: Record<string, Bilingual> = {
  NO_APPLICATION: {
    id: 'Permohonan tidak ditemukan di server kabupaten. Kembali ke antrean lalu muat ulang.',
    en: 'No such application at the district. Go back to the queue and reload.',
  },
  CLAIMED: {
    id: 'Permohonan ini sedang dikerjakan petugas lain; namanya tampil di halaman ini.',
    en: 'Another staff member holds this application; their name is shown on this page.',
  },
  APPLICATION_CLOSED: {
    id: 'Permohonan ini tidak dikerjakan lagi di Disdukcapil (sudah diputuskan atau dikembalikan).',
    en: 'The district no longer works this application (decided or returned).',
  },
  NOT_CLAIMED: {
    id: 'Tidak ada yang sedang mengerjakan permohonan ini.',
    en: 'Nobody holds this application.',
  },
  NOT_CLAIM_HOLDER: {
    id: 'Hanya petugas yang mengerjakan, atau penandatangan, yang dapat melepaskannya.',
    en: 'Only the holder, or a signatory, can release it.',
  },
  REASON_REQUIRED: {
    id: 'Tuliskan alasan (3 sampai 300 karakter).',
    en: 'Give a reason (3 to 300 characters).',
  },
  CLAIM_CHANGED: {
    id: 'Pemegang permohonan baru saja berubah. Muat ulang lalu coba lagi.',
    en: 'The holder just changed. Reload and try again.',
  },
  BAD_RANGE: {
    id: 'Tanggal awal harus sebelum tanggal akhir.',
    en: 'The start day must come before the end day.',
  },
};

const RECORDINGS: Record<string, Bilingual> = {
  UNKNOWN_RECORDING: {
    id: 'Perekaman tidak ditemukan di server kabupaten. Muat ulang daftar.',
    en: 'No such recording at the district. Reload the list.',
  },
  RECORDING_DECIDED: {
    id: 'Sebagian perekaman yang dipilih sudah punya hasil; tidak ada yang diubah. Muat ulang daftar lalu pilih lagi.',
    en: 'Some chosen recordings already have an outcome; nothing was changed. Reload and choose again.',
  },
  CSV_EMPTY: {
    id: 'Berkas CSV kosong atau hanya berisi judul kolom.',
    en: 'The CSV file is empty or holds only a header.',
  },
  CSV_TOO_LARGE: {
    id: 'Berkas CSV lebih dari 1 MB. Bagi menjadi beberapa berkas.',
    en: 'The CSV file is over 1 MB. Split it into several files.',
  },
  CSV_TOO_MANY_LINES: {
    id: 'Berkas CSV lebih dari 20.000 baris. Bagi menjadi beberapa berkas.',
    en: 'The CSV file has over 20,000 lines. Split it into several files.',
  },
  CSV_NOT_TEXT: {
    id: 'Ini bukan berkas CSV (mungkin berkas Excel .xlsx). Di Excel: Simpan sebagai → CSV.',
    en: 'Not a CSV file (perhaps an Excel .xlsx). In Excel: Save as → CSV.',
  },
  CSV_NO_NIK_COLUMN: {
    id: 'Baris judul tidak punya kolom bernama NIK.',
    en: 'The header row has no column named NIK.',
  },
  CSV_CHANGED: {
    id: 'Berkas atau data perekaman berubah sejak diperiksa; tidak ada yang diterapkan. Periksa berkas lagi.',
    en: 'The file or the recordings changed since the check; nothing was applied. Check the file again.',
  },
  CSV_HAS_PROBLEMS: {
    id: 'Berkas punya baris bermasalah; tidak ada yang diterapkan. Centang bahwa Anda sudah melihatnya untuk menerapkan baris yang benar.',
    en: 'The file has bad lines; nothing was applied. Confirm you saw them to apply the good lines.',
  },
  CSV_NOTHING_TO_APPLY: {
    id: 'Tidak ada baris yang dapat diterapkan.',
    en: 'No line can be applied.',
  },
};

const STATIONS: Record<string, Bilingual> = {
  NOT_ENROLMENT_REQUEST: {
    id: 'Ini bukan berkas permintaan pendaftaran stasiun. Simpan lagi berkasnya dari layar Sinkronisasi di stasiun.',
    en: "Not a station's enrolment request. Save it again from the station's Sync screen.",
  },
  REQUEST_SIGNATURE: {
    id: 'Tanda tangan berkas permintaan tidak cocok: berkas diubah setelah dibuat. Buat berkas baru di stasiun.',
    en: 'The request file was changed after it was made (signature mismatch). Make a new one at the station.',
  },
  STATION_HAS_KEY: {
    id: 'Unit ini sudah terdaftar dengan kunci lain. Cabut dulu kunci lamanya bila laptopnya memang diganti.',
    en: 'This unit is enrolled with another key. Revoke the old key first if the laptop was replaced.',
  },
  BAD_HUB_URL: {
    id: 'Alamat server tidak valid. Contoh: https://dukcapil.example.go.id',
    en: 'Not a valid hub address. Example: https://dukcapil.example.go.id',
  },
  UNKNOWN_STATION: {
    id: 'Stasiun tidak ditemukan. Muat ulang daftar.',
    en: 'No such station. Reload the list.',
  },
  STATION_REVOKED: {
    id: 'Kunci stasiun ini sudah dicabut.',
    en: "This station's key is revoked already.",
  },
  UNKNOWN_DOCUMENT: {
    id: 'Dokumen tidak ditemukan. Muat ulang daftar.',
    en: 'No such document. Reload the list.',
  },
  DOCUMENT_REVOKED: {
    id: 'Dokumen ini sudah dicabut.',
    en: 'This document is revoked already.',
  },
};

const DECISION: Record<string, Bilingual> = {
  NOTE_REQUIRED: {
    id: 'Tuliskan catatan (3 sampai 300 karakter): apa yang kurang atau tidak sesuai.',
    en: 'Write a note (3 to 300 characters): what is missing or not in order.',
  },
  UNKNOWN_REQUIREMENT: {
    id: 'Persyaratan ini bukan bagian dari permohonan. Muat ulang halaman.',
    en: 'This requirement is not part of the application. Reload the page.',
  },
  KIND_REQUIRED: {
    id: 'Pilih jenis dokumen yang diterbitkan.',
    en: 'Choose the kind of document to issue.',
  },
  UNKNOWN_KIND: {
    id: 'Jenis dokumen ini tidak diterbitkan oleh Disdukcapil.',
    en: 'The district does not issue this kind of document.',
  },
  LINES_OPEN: {
    id: 'Masih ada persyaratan yang ditandai Kurang atau Tidak sesuai. Perbaiki tandanya, atau usulkan pengembalian/penolakan.',
    en: 'Some requirements are marked Missing or Not in order. Change the marks, or propose a return or rejection.',
  },
  FOUR_EYES: {
    id: 'Anda yang mengusulkan penerbitan ini; penandatangan lain yang harus menerbitkannya (prinsip empat mata).',
    en: 'You proposed this issue; another signatory must issue it (four eyes).',
  },
  NO_ISSUE_PROPOSAL: {
    id: 'Belum ada usulan terbit dari verifikator untuk permohonan ini.',
    en: 'No verifier has proposed to issue this application.',
  },
  KIND_DIFFERS: {
    id: 'Jenis dokumen berbeda dengan usulan verifikator. Terbitkan jenis yang diusulkan, atau kembalikan.',
    en: 'The kind differs from the proposal. Issue the proposed kind, or return it.',
  },
  NUMBER_FORMAT: {
    id: 'Nomor dokumen tidak sesuai penomoran jenis ini untuk tanggal terbit. Gunakan nomor usulan atau periksa tanggalnya.',
    en: "The number does not follow this kind's numbering for the issue date. Use the suggested number or check the date.",
  },
  NUMBER_TAKEN: {
    id: 'Nomor dokumen ini sudah dipakai. Minta nomor usulan baru lalu terbitkan lagi.',
    en: 'This document number is taken. Ask for a new suggested number and issue again.',
  },
  NUMBERING_EXHAUSTED: {
    id: 'Semua nomor jenis ini untuk periode ini sudah terpakai. Minta admin memperlebar digit penomoran.',
    en: 'Every number of this kind for the period is taken. Ask an administrator to widen the numbering.',
  },
  ISSUE_DATE: {
    id: 'Tanggal terbit tidak boleh setelah hari ini atau lebih dari 31 hari yang lalu.',
    en: 'The issue date may not be after today or more than 31 days ago.',
  },
  PDF_TOO_LARGE: {
    id: 'Berkas PDF lebih dari 10 MB. Unggah PDF dari SIAK tanpa lampiran tambahan.',
    en: 'The PDF is larger than 10 MB. Upload the PDF from SIAK without extra attachments.',
  },
  NOT_A_PDF: {
    id: 'Berkas ini bukan PDF. Unggah PDF yang dihasilkan SIAK.',
    en: 'This file is not a PDF. Upload the PDF that SIAK produced.',
  },
  PDF_ENCODING: {
    id: 'Berkas PDF rusak saat dikirim. Pilih berkasnya lagi.',
    en: 'The PDF was damaged on the way. Choose the file again.',
  },
  TTE_INVALID: {
    id: 'Tanda tangan elektronik (TTE) pada PDF ini tidak sah atau PDF tidak terbaca. Unduh ulang PDF dari SIAK.',
    en: 'The PDF’s electronic signature (TTE) is not valid or the PDF is unreadable. Download it from SIAK again.',
  },
  NO_SIGNER_TITLE: {
    id: 'Akun Anda belum mencantumkan jabatan. Minta admin mengisinya sebelum menerbitkan.',
    en: 'Your account has no job title. Ask an administrator to fill it in before issuing.',
  },
  PATTERN_INVALID: {
    id: 'Pola penomoran tidak dapat dipakai: hanya huruf besar, angka, titik, garis miring dan tanda hubung, dengan {regency} {code} {yyyy} {mm} {dd}.',
    en: 'The numbering pattern cannot be used: capitals, digits, dot, slash and dash only, with {regency} {code} {yyyy} {mm} {dd}.',
  },
};

const REASONS: Record<string, Bilingual> = {
  ...COMMON,
  ...SESSION,
  ...ACCOUNTS,
  ...REPORTS,
  ...QUEUE,
  ...RECORDINGS,
  ...STATIONS,
  ...DECISION,
};

/** The words to fill a sentence's `{name}` from a refusal's detail. */
function fill(text: string, params: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => params[name] ?? match);
}

/** The parameters a sentence may use, from the refusal (lock end, seconds to wait). */
function paramsOf(error: OfficeApiError): {
  id: Record<string, string>;
  en: Record<string, string>;
} {
  const until = typeof error.detail['lockedUntil'] === 'string' ? error.detail['lockedUntil'] : '';
  const seconds = String(error.retryAfterSeconds ?? error.detail['retryAfterSeconds'] ?? 60);
  return {
    id: { until: until ? `pukul ${formatDateTime(until)}` : 'setelah beberapa saat', seconds },
    en: { until: until ? `at ${new Date(until).toISOString()}` : 'after a while', seconds },
  };
}

/** Whether the hub gave a sentence for this reason (the UI can then name it). */
export function hasReasonText(reason: string): boolean {
  return Object.hasOwn(REASONS, reason);
}

/**
 * The sentence for a failed call: by reason when the UI knows it (with the hub's own message
 * beside it otherwise), else a generic one by HTTP status.
 */
export function problemText(error: unknown): Bilingual {
  if (!(error instanceof OfficeApiError)) {
    return { id: 'Terjadi kesalahan tak terduga.', en: `Unexpected error: ${String(error)}` };
  }
  const known = Object.hasOwn(REASONS, error.reason) ? REASONS[error.reason] : undefined;
  if (known) {
    const params = paramsOf(error);
    return { id: fill(known.id, params.id), en: fill(known.en, params.en) };
  }
  const byStatus = REASONS[statusReason(error.status)] ?? REASONS['INTERNAL'];
  return {
    id: `${byStatus?.id ?? ''} (${error.reason})`,
    en: `${error.message || byStatus?.en || ''} (${error.reason})`,
  };
}

function statusReason(status: number): string {
  if (status === 400) return 'BAD_INPUT';
  if (status === 401) return 'NO_SESSION';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 0) return NETWORK_REASON;
  return 'INTERNAL';
}

/** The sentence on one line, for parts that take plain text (a table's error, a field's). */
export function problemLine(error: unknown): string {
  const text = problemText(error);
  return `${text.id} (${text.en})`;
}
