import { BrowserWindow } from 'electron';
import { escapeHtml } from '../core/common/html';
import { MIN_PASSPHRASE_LENGTH, type PassphrasePrompt } from './key-store.passphrase';

const TITLE = 'Lakon Mandira Station';

const TEXT = {
  open: {
    heading: 'Buka kunci stasiun',
    body: 'Ketik frasa sandi stasiun ini untuk membuka basis data.',
    submit: 'Buka',
  },
  create: {
    heading: 'Buat frasa sandi stasiun',
    body:
      'Komputer ini tidak punya penyimpanan kunci yang aman (keyring). Kunci basis data akan ' +
      `dilindungi dengan frasa sandi (minimal ${MIN_PASSPHRASE_LENGTH} karakter) yang diminta ` +
      'setiap kali aplikasi dimulai. Catat dan simpan di tempat aman: tanpa frasa sandi ini data ' +
      'stasiun tidak dapat dibuka.',
    submit: 'Simpan',
  },
} as const;

function page(kind: 'open' | 'create', problem: string | null): string {
  const text = TEXT[kind];
  const second =
    kind === 'create'
      ? '<label>Ulangi frasa sandi<input id="again" type="password" autocomplete="off"></label>'
      : '';
  return `<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${TITLE}</title><style>
body{font:16px system-ui,sans-serif;margin:24px;color:#1d2733}
h1{font-size:20px;margin:0 0 8px}label{display:block;margin:12px 0}
input{display:block;width:100%;box-sizing:border-box;font-size:18px;padding:8px;margin-top:4px}
#problem{color:#a31515;min-height:1.2em}button{font-size:18px;padding:8px 20px}
</style></head><body><form id="form"><h1>${text.heading}</h1><p>${escapeHtml(text.body)}</p>
<label>Frasa sandi<input id="pass" type="password" autocomplete="off" autofocus></label>${second}
<p id="problem" role="alert">${problem ? escapeHtml(problem) : ''}</p>
<button type="submit">${text.submit}</button></form></body></html>`;
}

/**
 * Resolves with the typed passphrase when the form is sent (for `create` only when both fields
 * match and it is long enough); the page itself has no script and no bridge.
 */
const WAIT_FOR_SUBMIT = (kind: 'open' | 'create') => `new Promise((resolve) => {
  const form = document.getElementById('form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const pass = document.getElementById('pass').value;
    const again = document.getElementById('again');
    const problem = document.getElementById('problem');
    if (${kind === 'create'} && again.value !== pass) {
      problem.textContent = 'Kedua frasa sandi tidak sama.';
      return;
    }
    if (${kind === 'create'} && [...pass].length < ${MIN_PASSPHRASE_LENGTH}) {
      problem.textContent = 'Frasa sandi minimal ${MIN_PASSPHRASE_LENGTH} karakter.';
      return;
    }
    resolve(pass);
  });
})`;

/**
 * The start-up passphrase prompt (issue 13 finding 1.11): a small window of the main process,
 * before the station and its main window exist. Main reads the answer with executeJavaScript,
 * so no IPC channel or preload is added for it. Closing the window means "give up".
 */
export const electronPassphrasePrompt: PassphrasePrompt = async (kind, problem) => {
  const window = new BrowserWindow({
    width: 560,
    height: kind === 'create' ? 520 : 360,
    resizable: false,
    title: TITLE,
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  const closed = new Promise<null>((resolve) => window.once('closed', () => resolve(null)));
  try {
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(page(kind, problem))}`);
    window.show();
    const submitted = window.webContents.executeJavaScript(
      WAIT_FOR_SUBMIT(kind),
    ) as Promise<unknown>;
    const answer = await Promise.race([submitted, closed]);
    return typeof answer === 'string' ? answer : null;
  } finally {
    if (!window.isDestroyed()) window.destroy();
  }
};
