/** Bahasa Indonesia messages of LAN desks and pairing (issue 16); spread into id.ts. */
export const lanId = {
  'lan.title': 'Meja jaringan (LAN)',
  'lan.subtitle':
    'Laptop dan tablet lain bergabung dengan memindai kode QR pemasangan dari layar ini.',
  'lan.off':
    'Stasiun ini tidak melayani jaringan lokal. Jalankan server stasiun dengan --lan untuk memasangkan meja lain dan layar antrean.',
  'lan.cert.title': 'Sertifikat stasiun',
  'lan.cert.help':
    'Periksa sidik jari ini di perangkat yang bergabung sebelum menerima peringatan sertifikat.',
  'lan.cert.fingerprint': 'Sidik jari (SHA-256)',
  'lan.cert.madeAt': 'Dibuat oleh stasiun pada {at}',
  'lan.cert.given': 'Sertifikat dari berkas (--tls-cert)',
  'lan.urls': 'Alamat stasiun di jaringan',
  'lan.pair.title': 'Pasangkan perangkat',
  'lan.pair.help':
    'Buat kode QR sekali pakai (berlaku 10 menit), lalu pindai dengan kamera perangkat yang akan bergabung.',
  'lan.pair.kind': 'Jenis perangkat',
  'lan.pair.kind.desk': 'Meja petugas',
  'lan.pair.kind.display': 'Layar antrean',
  'lan.pair.desk': 'Nama meja',
  'lan.pair.deskHint':
    'Huruf kecil, angka dan tanda hubung, misalnya meja-2. Meja-1 adalah laptop ini.',
  'lan.pair.label': 'Nama perangkat',
  'lan.pair.addDesk': 'Tambah meja',
  'lan.pair.addDisplay': 'Tambah layar antrean',
  'lan.offer.title': 'Pindai untuk memasangkan: {label}',
  'lan.offer.expires': 'Berlaku sampai {at}, sekali pakai.',
  'lan.offer.qr': 'Kode QR pemasangan untuk {label}',
  'lan.offer.url': 'Tanpa kamera: buka alamat ini di perangkat tersebut',
  'lan.devices.title': 'Perangkat terpasang',
  'lan.devices.empty': 'Belum ada perangkat yang dipasangkan.',
  'lan.devices.label': 'Perangkat',
  'lan.devices.kind': 'Jenis',
  'lan.devices.desk': 'Meja',
  'lan.devices.paired': 'Dipasangkan',
  'lan.devices.connected': 'Koneksi terbuka',
  'lan.devices.actions': 'Tindakan',
  'lan.devices.remove': 'Hapus',
  'lan.remove.title': 'Hapus perangkat?',
  'lan.remove.body':
    '{label} akan langsung terputus dan tidak dapat masuk lagi sampai dipasangkan ulang dengan kode QR baru.',
  'lan.remove.confirm': 'Ya, hapus',
  'lan.removed': '{label} dihapus dan diputus.',
  'lan.reason.LAN_OFF': 'Stasiun tidak melayani jaringan lokal (--lan).',
  'lan.reason.DESK_TAKEN':
    'Meja ini sudah dipasangkan dengan perangkat lain. Hapus perangkat itu dulu.',
  'lan.reason.LAN_HOST_ONLY': 'Pemasangan hanya dapat diatur dari layar laptop stasiun.',
  'lan.reason.INVALID_ARGS':
    'Periksa isian: nama meja seperti meja-2 (bukan meja-1), nama perangkat 1–60 karakter.',
} satisfies Record<string, string>;
