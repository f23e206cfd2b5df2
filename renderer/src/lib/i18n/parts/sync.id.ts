/** Bahasa Indonesia messages of the sync, enrolment and verify screens (issue 7); spread into id.ts. */
export const syncId = {
  'sync.title': 'Kirim ke Disdukcapil',
  'sync.nav.enrolment': 'Pendaftaran Stasiun',
  'sync.nav.verify': 'Cek Keaslian Dokumen',
  'sync.code': 'Kode: {code}',

  'sync.problem.NETWORK':
    'Tidak ada sambungan ke server Disdukcapil. Data aman di stasiun ini; coba lagi nanti atau kirim lewat USB.',
  'sync.problem.NOT_THE_HUB':
    'Jaringan ini tidak sampai ke server Disdukcapil (mungkin Wi-Fi yang meminta login lewat peramban, atau jaringan yang salah). Pindah ke jaringan lain lalu coba lagi, atau kirim lewat USB. Data aman di stasiun ini.',
  'sync.problem.UNKNOWN_STATION':
    'Server Disdukcapil belum mengenal stasiun ini. Minta Disdukcapil mendaftarkan stasiun; Administrator memasukkan jawabannya di menu Pendaftaran Stasiun.',
  'sync.problem.BAD_RECEIPT':
    'Tanda terima tidak dapat dipercaya (tanda tangan Disdukcapil tidak cocok), jadi data belum ditandai terkirim dan akan dikirim lagi. Jika berulang, hubungi Disdukcapil.',
  'sync.problem.BAD_UPDATES':
    'Kabar dari Disdukcapil (status dan dokumen terbit) tidak dapat dipercaya dan tidak dipakai. Coba lagi nanti; jika berulang, hubungi Disdukcapil.',
  'sync.problem.NOT_ENROLLED':
    'Stasiun ini belum terdaftar di Disdukcapil. Stasiun tetap bekerja offline; Administrator perlu mendaftarkannya di menu Pendaftaran Stasiun.',
  'sync.problem.SYNC_RUNNING': 'Pengiriman sedang berjalan. Tunggu sampai selesai.',
  'sync.problem.CLOCK_SKEW':
    'Jam stasiun ini jauh berbeda dari jam server Disdukcapil. Betulkan tanggal dan jam komputer, lalu kirim lagi.',
  'sync.problem.HUB_CERT':
    'Sambungan aman ke server Disdukcapil tidak dapat dipastikan (sertifikat server tidak cocok dengan alamatnya atau tidak dikenal stasiun ini), jadi tidak ada yang dikirim. Data aman di stasiun ini. Hubungi Disdukcapil; jangan memakai jaringan lain sampai masalahnya jelas.',
  'sync.problem.HUB_CERT_DATE':
    'Sertifikat server Disdukcapil belum atau sudah tidak berlaku menurut jam stasiun ini. Periksa tanggal dan jam komputer; jika sudah benar, hubungi Disdukcapil. Data aman di stasiun ini.',
  'sync.problem.KEYS':
    'Kunci stasiun dan kunci Disdukcapil tidak cocok lagi. Administrator perlu mendaftarkan ulang stasiun di menu Pendaftaran Stasiun. Data aman di stasiun ini.',
  'sync.problem.DAMAGED':
    'Paket rusak dalam perjalanan. Stasiun menyusunnya ulang dari data yang tersimpan; tekan Kirim sekarang lagi.',
  'sync.problem.INTERRUPTED':
    'Pengiriman terputus di tengah jalan. Tekan Kirim sekarang lagi; bagian yang sudah sampai tidak dikirim dua kali.',
  'sync.problem.HUB_ERROR':
    'Server Disdukcapil sedang bermasalah. Data aman di stasiun ini; coba lagi nanti atau kirim lewat USB.',
  'sync.problem.VERSION':
    'Versi aplikasi stasiun ini tidak lagi diterima server Disdukcapil. Minta pembaruan aplikasi ke Disdukcapil.',
  'sync.problem.UNKNOWN_PACKET':
    'Tanda terima untuk paket yang tidak dikenal stasiun ini (mungkin milik stasiun lain). Berkas itu dibiarkan.',
  'sync.problem.NOT_JSON':
    'Berkas tidak terbaca (rusak atau bukan berkas Disdukcapil). Minta Disdukcapil menulis ulang tanda terimanya.',
  'sync.problem.FOLDER_IS_DATA':
    'Folder itu ada di dalam folder data stasiun. Pilih flashdisk atau folder lain.',
  'sync.problem.NOT_A_FOLDER': 'Alamat itu bukan folder. Periksa lagi alamatnya.',
  'sync.problem.FOLDER_UNAVAILABLE':
    'Folder tidak ditemukan atau tidak dapat ditulisi. Pastikan flashdisk terpasang dan tidak terkunci.',
  'sync.problem.PATH_NOT_ABSOLUTE':
    'Tulis alamat folder lengkap, dimulai dengan / (contoh: /media/petugas/FLASHDISK).',
  'sync.problem.UNSAFE_DRIVE':
    'Berkas di flashdisk ini tidak wajar (tautan, berkas khusus, atau terlalu besar) dan tidak dibuka. Minta Disdukcapil menulis ulang flashdisk.',
  'sync.problem.OTHER':
    'Terjadi masalah lain. Data aman di stasiun ini; coba lagi nanti. Jika berulang, sebutkan kode di bawah ini kepada Disdukcapil.',

  'sync.help':
    'Data permohonan dan perekaman disimpan aman di stasiun ini, lalu dikirim ke Disdukcapil saat ada sambungan, atau lewat flashdisk.',
  'sync.notEnrolled.title': 'Stasiun belum terdaftar di Disdukcapil',
  'sync.notEnrolled.text':
    'Stasiun ini tetap bekerja offline: semua data disimpan aman di sini. Untuk mengirim data, Administrator harus mendaftarkan stasiun di menu Pendaftaran Stasiun.',
  'sync.district': 'Tujuan',
  'sync.pending.title': 'Keadaan pengiriman',
  'sync.pending.records': 'Catatan belum terkirim',
  'sync.pending.packets': 'Paket siap kirim',
  'sync.pending.size': 'Ukuran paket',
  'sync.pending.oldest': 'Data tertua belum terkirim',
  'sync.lastSuccess': 'Terakhir berhasil',
  'sync.nextAttempt': 'Percobaan otomatis berikutnya',
  'sync.rejected': 'Ditolak Disdukcapil',
  'sync.rejectedHelp':
    '{n} catatan ditolak Disdukcapil dan tidak dikirim ulang. Hubungi Disdukcapil untuk alasannya.',
  'sync.never': 'Belum pernah',
  'sync.none': 'Tidak ada',
  'sync.nextNone': 'Tidak dijadwalkan',
  'sync.age.justNow': 'baru saja',
  'sync.age.minutes': '{n} menit lalu',
  'sync.age.hours': '{n} jam lalu',
  'sync.age.days': '{n} hari lalu',
  'sync.lastProblem': 'Masalah terakhir ({time})',
  'sync.send': 'Kirim sekarang',
  'sync.sending': 'Mengirim ke Disdukcapil: {done} dari {total}',
  'sync.sendingStart': 'Menyiapkan paket…',
  'sync.running': 'Pengiriman sedang berjalan…',
  'sync.sent.ok': 'Pengiriman selesai.',
  'sync.sent.problems': 'Pengiriman belum tuntas.',
  'sync.sent.counts':
    '{built} paket disusun, {receipted} paket diterima Disdukcapil, {exported} catatan terkirim, {rejected} ditolak, {pulled} kabar dari Disdukcapil diterima.',

  'sync.usb.title': 'Kirim lewat flashdisk (USB)',
  'sync.usb.help':
    'Tanpa sambungan: salin paket ke flashdisk, bawa ke Disdukcapil, lalu baca tanda terima dari flashdisk yang sama. Data baru ditandai terkirim setelah tanda terima dibaca.',
  'sync.usb.drives': 'Flashdisk terpasang',
  'sync.usb.noDrives':
    'Tidak ada flashdisk yang terdeteksi. Pasang flashdisk lalu tekan Cari lagi, atau tulis alamat folder.',
  'sync.usb.refresh': 'Cari lagi',
  'sync.usb.free': 'sisa {free}',
  'sync.usb.path': 'Alamat folder',
  'sync.usb.pathHint': 'Contoh: /media/petugas/FLASHDISK',
  'sync.usb.pathRequired': 'Pilih flashdisk atau tulis alamat folder dulu.',
  'sync.usb.export': 'Salin ke USB',
  'sync.usb.import': 'Baca tanda terima dari USB',
  'sync.usb.exporting': 'Menyalin ke USB: {done} dari {total}',
  'sync.usb.importing': 'Membaca tanda terima…',
  'sync.usb.exported':
    '{built} paket baru disusun; {written} paket ({bytes}) disalin ke {folder}. Bawa flashdisk ini ke Disdukcapil.',
  'sync.usb.imported':
    '{receipts} tanda terima dibaca: {exported} catatan ditandai terkirim, {rejected} ditolak, {updates} kabar dari Disdukcapil diterima.',
  'sync.usb.refused': 'Berkas yang tidak dipakai:',

  'sync.guard.warnTitle': 'Segera kirim data ke Disdukcapil',
  'sync.guard.blockTitle': 'Perekaman KTP-el baru ditolak',
  'sync.guard.UNSYNCED_OLD.warn':
    'Ada data yang belum terkirim selama {days} hari. Kirim sekarang atau lewat USB; setelah {block} hari, perekaman KTP-el baru akan ditolak.',
  'sync.guard.UNSYNCED_OLD.block':
    'Data tertua belum terkirim sudah {days} hari (batas {block} hari). Kirim data ke Disdukcapil, lewat jaringan atau USB, agar perekaman dapat dilanjutkan.',
  'sync.guard.DISK_LOW.warn':
    'Ruang disk stasiun tinggal {free}. Kirim data lalu kosongkan ruang disk; di bawah {min}, perekaman KTP-el baru akan ditolak.',
  'sync.guard.DISK_LOW.block':
    'Ruang disk stasiun tinggal {free} (minimum {min}). Kirim data lalu kosongkan ruang disk agar perekaman dapat dilanjutkan.',
  'sync.guard.open': 'Buka Kirim ke Disdukcapil',
  'sync.guard.unknown': 'tidak diketahui',

  'sync.enrol.title': 'Pendaftaran stasiun ke Disdukcapil',
  'sync.enrol.help':
    'Langkah: 1) berikan permintaan pendaftaran ke Disdukcapil, sebagai berkas atau kode QR; 2) bacakan sidik kunci stasiun lewat telepon agar Disdukcapil dapat mencocokkannya; 3) masukkan berkas jawaban dari Disdukcapil.',
  'sync.enrol.enrolled': 'Stasiun sudah terdaftar.',
  'sync.enrol.district': 'Disdukcapil',
  'sync.enrol.hub': 'Alamat server',
  'sync.enrol.districtKey': 'Sidik kunci Disdukcapil',
  'sync.enrol.districtKeyHelp': 'Cocokkan dengan sidik kunci yang dibacakan petugas Disdukcapil.',
  'sync.enrol.again': 'Daftar ulang',
  'sync.enrol.request': 'Permintaan pendaftaran',
  'sync.enrol.qrAlt': 'Kode QR permintaan pendaftaran stasiun',
  'sync.enrol.download': 'Unduh berkas permintaan',
  'sync.enrol.stationKey': 'Sidik kunci stasiun (bacakan ke Disdukcapil)',
  'sync.enrol.unit': 'Kode unit stasiun',
  'sync.enrol.answer': 'Jawaban dari Disdukcapil',
  'sync.enrol.choose': 'Pilih berkas jawaban',
  'sync.enrol.noFile': 'Belum ada berkas dipilih.',
  'sync.enrol.paste': 'Isi berkas jawaban (bisa juga ditempel di sini)',
  'sync.enrol.apply': 'Terapkan jawaban',
  'sync.enrol.answerRequired': 'Pilih berkas jawaban atau tempel isinya dulu.',
  'sync.enrol.applied': 'Stasiun terdaftar di {district}.',
  'sync.enrol.fileUnreadable': 'Berkas tidak dapat dibaca. Pilih berkas lain.',
  'sync.enrol.problem.NOT_AN_ANSWER':
    'Ini bukan berkas jawaban pendaftaran dari Disdukcapil. Periksa berkasnya, lalu coba lagi.',
  'sync.enrol.problem.BAD_SIGNATURE':
    'Tanda tangan pada berkas jawaban tidak cocok: berkas telah diubah atau rusak. Minta berkas jawaban baru ke Disdukcapil.',
  'sync.enrol.problem.BAD_HUB_URL':
    'Alamat server Disdukcapil di berkas jawaban tidak dapat dipakai (harus diawali https://). Minta berkas jawaban baru ke Disdukcapil.',
  'sync.enrol.problem.OTHER_UNIT':
    'Berkas jawaban ini untuk stasiun lain. Minta Disdukcapil membuat jawaban untuk stasiun ini (kode unit {unit}).',

  'sync.settings.title': 'Pengaturan pengiriman',
  'sync.settings.help':
    'Kapan stasiun memperingatkan, lalu menolak perekaman KTP-el baru, saat data lama belum terkirim atau disk hampir penuh.',
  'sync.settings.warnDays': 'Peringatan setelah data belum terkirim (hari)',
  'sync.settings.blockDays': 'Tolak perekaman baru setelah (hari)',
  'sync.settings.minFreeMb': 'Ruang disk minimum (MB)',
  'sync.settings.retentionDays': 'Hapus foto dokumen asli setelah tanda terima (hari)',
  'sync.settings.notWhole': 'Isi bilangan bulat, tanpa koma atau titik.',
  'sync.settings.range': 'Isi angka dari {min} sampai {max}.',
  'sync.settings.blockBeforeWarn': 'Tidak boleh lebih kecil dari batas peringatan.',
  'sync.settings.save': 'Simpan pengaturan',
  'sync.settings.saved': 'Pengaturan disimpan.',

  'sync.verify.title': 'Cek keaslian dokumen',
  'sync.verify.help':
    'Pindai kode QR pada dokumen terbitan Disdukcapil dengan kamera atau pemindai, atau tempel teksnya. Pemeriksaan berjalan tanpa internet, dengan kunci Disdukcapil dan daftar pencabutan terakhir.',
  'sync.verify.scan': 'Pindai dengan kamera',
  'sync.verify.scanHelp': 'Pegang kode QR dokumen di depan kamera, di dalam kotak kuning.',
  'sync.verify.scanner': 'Pemindai QR juga siap dipakai.',
  'sync.verify.paste': 'Teks kode QR',
  'sync.verify.check': 'Periksa',
  'sync.verify.required': 'Pindai kode QR atau tempel teksnya dulu.',
  'sync.verify.again': 'Periksa dokumen lain',
  'sync.verify.valid': 'ASLI',
  'sync.verify.validText':
    'Dokumen ini diterbitkan dan ditandatangani Disdukcapil, dan tidak dicabut.',
  'sync.verify.revoked': 'DICABUT',
  'sync.verify.revokedText': 'Dokumen ini sudah dicabut Disdukcapil dan tidak berlaku lagi.',
  'sync.verify.invalid': 'TIDAK SAH',
  'sync.verify.notEnrolled': 'STASIUN BELUM TERDAFTAR',
  'sync.verify.notEnrolledText':
    'Keaslian tidak dapat diperiksa: stasiun ini belum menerima kunci Disdukcapil. Administrator perlu mendaftarkan stasiun.',
  'sync.verify.problem.NOT_OURS': 'Kode QR ini bukan kode verifikasi dokumen Disdukcapil.',
  'sync.verify.problem.MALFORMED':
    'Kode QR rusak atau tidak lengkap. Pindai ulang; jika tetap gagal, keaslian dokumen tidak dapat dipastikan.',
  'sync.verify.problem.BAD_SIGNATURE':
    'Tanda tangan Disdukcapil tidak cocok: isi kode QR telah diubah atau dipalsukan.',
  'sync.verify.number': 'Nomor dokumen',
  'sync.verify.kind': 'Jenis dokumen',
  'sync.verify.issuedAt': 'Diterbitkan',
  'sync.verify.name': 'Nama',
  'sync.verify.revokedAt': 'Dicabut',
  'sync.verify.revokeReason': 'Alasan pencabutan',
  'sync.verify.listAsOf': 'Daftar pencabutan terakhir diperbarui {time}.',
  'sync.verify.listNever': 'Daftar pencabutan belum pernah diperbarui dari Disdukcapil.',
  'sync.kind.kk': 'Kartu Keluarga',
  'sync.kind.biodata': 'Biodata Penduduk',
  'sync.kind.akta-kelahiran': 'Kutipan Akta Kelahiran',
  'sync.kind.akta-kematian': 'Kutipan Akta Kematian',
  'sync.kind.surat-pindah': 'Surat Keterangan Pindah',
  'sync.kind.kia': 'Kartu Identitas Anak',
  'sync.kind.ktp-el': 'KTP Elektronik',
} satisfies Record<string, string>;
