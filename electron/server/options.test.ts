import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseServerArgs, USAGE } from './options';

describe('station server options', () => {
  it('defaults to loopback, encryption on and a separate training folder', () => {
    const real = parseServerArgs([], { XDG_DATA_HOME: '/x' });
    const demo = parseServerArgs(['--demo'], { XDG_DATA_HOME: '/x' });
    expect(real).toMatchObject({
      ok: true,
      options: { host: '127.0.0.1', encrypt: true, dataDir: '/x/lakon-mandira-station/station' },
    });
    expect(demo).toMatchObject({
      ok: true,
      options: { isDemo: true, dataDir: '/x/lakon-mandira-station/training' },
    });
    expect(defaultDataDir(false, {})).toMatch(/\.local\/share\/lakon-mandira-station\/station$/);
  });

  it('--lan without a token starts (the server makes one); a given token must be long and URL-safe', () => {
    expect(parseServerArgs(['--lan'], {})).toMatchObject({
      ok: true,
      options: { host: '0.0.0.0', pairingToken: null },
    });
    expect(parseServerArgs(['--lan'], { LM_PAIRING_TOKEN: '' })).toMatchObject({
      ok: true,
      options: { pairingToken: null },
    });
    expect(parseServerArgs(['--lan', '--pairing-token', 'short'], {})).toMatchObject({ ok: false });
    // It stands in a URL and a cookie: no spaces, semicolons or '+'.
    for (const bad of ['x'.repeat(23) + ';', 'x'.repeat(24) + ' y', 'x'.repeat(24) + '+'])
      expect(parseServerArgs(['--lan', '--pairing-token', bad], {}), bad).toMatchObject({
        ok: false,
        message: expect.stringMatching(/pairing token/),
      });
    const token = 'x'.repeat(24);
    expect(parseServerArgs(['--lan'], { LM_PAIRING_TOKEN: token })).toMatchObject({
      ok: true,
      options: { host: '0.0.0.0', pairingToken: token },
    });
    // Without --lan a token means nothing.
    expect(parseServerArgs(['--pairing-token', token], {})).toMatchObject({
      ok: true,
      options: { host: '127.0.0.1', pairingToken: null },
    });
  });

  it('takes the district CA for an https:// hub from --hub-ca or LM_HUB_CA_FILE', () => {
    expect(parseServerArgs([], {})).toMatchObject({ ok: true, options: { hubCaFile: null } });
    expect(parseServerArgs([], { LM_HUB_CA_FILE: '/etc/lm/ca.pem' })).toMatchObject({
      ok: true,
      options: { hubCaFile: '/etc/lm/ca.pem' },
    });
    expect(
      parseServerArgs(['--hub-ca', '/x/ca.pem'], { LM_HUB_CA_FILE: '/etc/lm/ca.pem' }),
    ).toMatchObject({ ok: true, options: { hubCaFile: '/x/ca.pem' } });
  });

  it('refuses unknown flags, bad ports and half a TLS pair', () => {
    expect(parseServerArgs(['--unknown'], {})).toMatchObject({ ok: false });
    expect(parseServerArgs(['--port', '99999'], {})).toMatchObject({ ok: false });
    expect(parseServerArgs(['--tls-cert', 'a.pem'], {})).toMatchObject({ ok: false });
    expect(parseServerArgs(['--port', '0', '--data', '/d'], {})).toMatchObject({
      ok: true,
      options: { port: 0, dataDir: '/d' },
    });
  });

  it('finding 1.2: --lan-name takes host names and addresses (repeatable), only with --lan', () => {
    const token = 'x'.repeat(24);
    expect(
      parseServerArgs(['--lan', '--lan-name', 'Stasiun.Desa.lan', '--lan-name', '192.168.1.10'], {
        LM_PAIRING_TOKEN: token,
      }),
    ).toMatchObject({ ok: true, options: { lanNames: ['stasiun.desa.lan', '192.168.1.10'] } });
    expect(parseServerArgs([], {})).toMatchObject({ ok: true, options: { lanNames: [] } });
    expect(parseServerArgs(['--lan-name', 'stasiun.lan'], {})).toMatchObject({
      ok: false,
      message: expect.stringMatching(/--lan/),
    });
    for (const bad of ['stasiun.lan:8787', 'evil.example/x', 'a b', '', 'user@host'])
      expect(
        parseServerArgs(['--lan', '--lan-name', bad], { LM_PAIRING_TOKEN: token }),
        bad,
      ).toMatchObject({ ok: false, message: expect.stringMatching(/--lan-name/) });
  });

  it('--load-test-limits is off unless given, takes no value, and changes nothing else', () => {
    expect(parseServerArgs([], {})).toMatchObject({ ok: true, options: { loadTestLimits: false } });
    const loadTest = parseServerArgs(['--load-test-limits', '--port', '0'], {});
    expect(loadTest).toMatchObject({
      ok: true,
      options: { loadTestLimits: true, host: '127.0.0.1', encrypt: true, port: 0, isDemo: false },
    });
    // A boolean flag: a value is refused rather than read as "off".
    expect(parseServerArgs(['--load-test-limits=no'], {})).toMatchObject({
      ok: false,
      message: expect.stringMatching(/load-test-limits/),
    });
    expect(USAGE).toMatch(/--load-test-limits\s+LOAD BENCHES ONLY/);
  });
});
