import { createHash } from 'node:crypto';

/**
 * The /pair page a new LAN browser opens from the pairing QR (https://ADDRESS:PORT/pair#CODE;
 * docs/lan.md). Self-contained (no renderer bundle: an unpaired browser gets no other file). The
 * code stays in the fragment, so it never reaches a server log or a Referer; the script takes it
 * out of the address bar, POSTs it as JSON to /pair and, once paired, goes to '/'. The message
 * carries data-testid pair-status, then pair-done or pair-failed (data-reason: the reason code).
 */

const STYLE = `body{font:18px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f4f6f8;color:#1b2631}
main{max-width:32rem;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 8px #0002}
h1{font-size:1.4rem;margin:0 0 1rem}p{margin:.5rem 0}.en{color:#55606b;font-size:.9em}
.bad{color:#a4000f}`;

/** Reason codes of POST /pair -> [Bahasa Indonesia, English]. */
const MESSAGES: Record<string, [string, string]> = {
  working: ['Menghubungkan perangkat ini ke stasiun…', 'Pairing this device with the station…'],
  done: ['Berhasil. Membuka stasiun…', 'Paired. Opening the station…'],
  NO_CODE: [
    'Kode pemasangan tidak ada. Pindai lagi kode QR di layar stasiun.',
    'No pairing code. Scan the QR code on the station screen again.',
  ],
  PAIR_CODE_UNKNOWN: [
    'Kode pemasangan tidak dikenal. Buat kode QR baru di layar stasiun.',
    'Unknown pairing code. Make a new QR code on the station screen.',
  ],
  PAIR_CODE_USED: [
    'Kode pemasangan ini sudah dipakai. Buat kode QR baru di layar stasiun.',
    'This pairing code was already used. Make a new QR code on the station screen.',
  ],
  PAIR_CODE_EXPIRED: [
    'Kode pemasangan sudah kedaluwarsa (10 menit). Buat kode QR baru.',
    'The pairing code has expired (10 minutes). Make a new QR code.',
  ],
  DESK_TAKEN: [
    'Meja ini sudah dipasangkan dengan perangkat lain. Hapus perangkat itu dulu di layar stasiun.',
    'This desk is already paired with another device. Remove it on the station screen first.',
  ],
  PAIR_TOO_MANY_FAILURES: [
    'Terlalu banyak percobaan gagal dari perangkat ini. Coba lagi nanti.',
    'Too many failed attempts from this device. Try again later.',
  ],
  other: [
    'Pemasangan gagal. Buat kode QR baru di layar stasiun.',
    'Pairing failed. Make a new QR code on the station screen.',
  ],
};

const SCRIPT = `(function(){
var M=${JSON.stringify(MESSAGES)};
var id=document.getElementById('msg-id'),en=document.getElementById('msg-en');
function say(key,bad){var m=M[key]||M.other;id.textContent=m[0];en.textContent=m[1];id.className=bad?'bad':'';
id.setAttribute('data-testid',key==='done'?'pair-done':bad?'pair-failed':'pair-status');id.setAttribute('data-reason',key);}
var code=location.hash.slice(1);
history.replaceState(null,'','/pair');
if(!code){say('NO_CODE',true);return;}
say('working',false);
fetch('/pair',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({code:code}),credentials:'same-origin',cache:'no-store'})
.then(function(r){return r.json().catch(function(){return {ok:false};});})
.then(function(b){if(b&&b.ok){say('done',false);location.replace('/');}else{say(b&&b.reason||'other',true);}})
.catch(function(){say('other',true);});
})();`;

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

export const PAIR_PAGE = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>Pemasangan perangkat / Device pairing</title>
<style>${STYLE}</style></head>
<body><main><h1>Lakon Mandira — Pemasangan perangkat <span class="en">/ Device pairing</span></h1>
<p id="msg-id" role="status" data-testid="pair-status">Memuat…</p><p id="msg-en" class="en">Loading…</p>
<noscript><p>JavaScript diperlukan. / JavaScript is required.</p></noscript></main>
<script>${SCRIPT}</script></body></html>`;

/** Only this page's own script and style run; it may talk to this origin only. */
export const PAIR_PAGE_CSP = [
  "default-src 'none'",
  `script-src 'sha256-${sha256(SCRIPT)}'`,
  `style-src 'sha256-${sha256(STYLE)}'`,
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What an unpaired browser gets for anything but /pair (403). */
export const NOT_PAIRED_PAGE = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Belum dipasangkan / Not paired</title></head>
<body><h1>Perangkat ini belum dipasangkan dengan stasiun.</h1>
<p>Pindai kode QR pemasangan di layar stasiun (menu Meja jaringan).</p>
<p lang="en">This device is not paired with the station. Scan the pairing QR code on the station screen (LAN desks).</p>
</body></html>`;
