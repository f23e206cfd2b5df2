import { describe, expect, it } from 'vitest';
import { choiceOf, printerOptions, settingsArgs } from './printer-options';

const settings = {
  document: 'HP-LaserJet',
  card: null,
  receipt: 'EPSON-TM-T82',
  available: ['HP-LaserJet', 'Evolis-Primacy'],
};

describe('printer options', () => {
  it('offers the printers the host sees, plus a configured one it does not see now', () => {
    expect(printerOptions(settings, 'document')).toEqual(['HP-LaserJet', 'Evolis-Primacy']);
    expect(printerOptions(settings, 'card')).toEqual(['HP-LaserJet', 'Evolis-Primacy']);
    expect(printerOptions(settings, 'receipt')).toEqual([
      'HP-LaserJet',
      'Evolis-Primacy',
      'EPSON-TM-T82',
    ]);
  });

  it('offers nothing but the system default on the station server', () => {
    expect(printerOptions({ ...settings, receipt: null, available: [] }, 'receipt')).toEqual([]);
  });

  it('round-trips: null is the system default both ways', () => {
    const choice = choiceOf(settings);
    expect(choice).toEqual({ document: 'HP-LaserJet', card: '', receipt: 'EPSON-TM-T82' });
    expect(settingsArgs(choice)).toEqual({
      document: 'HP-LaserJet',
      card: null,
      receipt: 'EPSON-TM-T82',
    });
    expect(settingsArgs({ ...choice, document: '' }).document).toBeNull();
  });
});
