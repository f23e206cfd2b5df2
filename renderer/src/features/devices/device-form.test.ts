import { describe, expect, it } from 'vitest';
import type { DeviceConfig } from '../../../../electron/contract';
import {
  configOf,
  formFieldOf,
  formOf,
  fromDevice,
  hex4,
  newOtherForm,
  otherConfigOf,
  otherFormOf,
} from './device-form';

const RAW: DeviceConfig = {
  vendorId: 0x072f,
  productId: 0x2200,
  format: 'raw',
  raw: { reportId: 1, offset: 1, length: 10, lengthByteOffset: 0, encoding: 'uid-hex' },
  uidText: null,
  label: 'ACR meja 1',
  desk: 'meja-1',
  isForKiosk: false,
};

describe('device settings form', () => {
  it('round-trips a raw card reader through the form', () => {
    const form = formOf('card-reader', RAW);
    expect(form).toMatchObject({ vendorId: '072F', productId: '2200', reportId: '1', offset: '1' });
    expect(configOf('card-reader', form)).toEqual({ config: RAW, invalid: [] });
  });

  it('sends uidText only for a wedge card reader, and no layout for wedge', () => {
    const form = {
      ...formOf('card-reader', RAW),
      format: 'wedge' as const,
      uidText: 'decimal' as const,
    };
    expect(configOf('card-reader', form).config).toMatchObject({ raw: null, uidText: 'decimal' });
    expect(configOf('scanner', form).config).toMatchObject({ raw: null, uidText: null });
  });

  it('reads hex ids with or without 0x, and empty optional bytes as null', () => {
    const form = {
      ...formOf('scanner', null),
      isUsed: true,
      vendorId: '0x0c2e',
      productId: 'b61',
      format: 'raw' as const,
      label: ' Pemindai ',
      reportId: '',
      lengthByteOffset: '',
    };
    expect(configOf('scanner', form).config).toEqual({
      vendorId: 0x0c2e,
      productId: 0x0b61,
      format: 'raw',
      raw: { reportId: null, offset: 0, length: 60, lengthByteOffset: null, encoding: 'ascii' },
      uidText: null,
      label: 'Pemindai',
      desk: 'meja-1',
      isForKiosk: false,
    });
  });

  it('names the fields that are not numbers at all and sends nothing', () => {
    const form = {
      ...formOf('card-reader', RAW),
      vendorId: 'ACR',
      productId: '12345',
      offset: '-1',
      length: '',
    };
    expect(configOf('card-reader', form)).toEqual({
      config: null,
      invalid: ['vendorId', 'productId', 'offset', 'length'],
    });
  });

  it('sends null for a role not used', () => {
    expect(configOf('scanner', formOf('scanner', null))).toEqual({ config: null, invalid: [] });
  });

  it('fills ids, a name and the format from a plugged-in device', () => {
    const form = fromDevice(formOf('card-reader', null), {
      vendorId: 0xffff,
      productId: 0x0035,
      manufacturer: 'Sycreader',
      product: 'RFID Reader',
      serialNumber: null,
      usagePage: 1,
      usage: 6,
      interface: 0,
    });
    expect(form).toMatchObject({
      isUsed: true,
      vendorId: 'FFFF',
      productId: '0035',
      format: 'wedge',
      label: 'Sycreader RFID Reader',
    });
  });

  it('maps the core field paths to the form of their role', () => {
    expect(formFieldOf('cardReader.raw.length', 'card-reader')).toBe('length');
    expect(formFieldOf('scanner.productId', 'scanner')).toBe('productId');
    expect(formFieldOf('scanner.productId', 'card-reader')).toBeNull();
    expect(formFieldOf('cardReader.raw', 'card-reader')).toBeNull();
    expect(hex4(0x1209)).toBe('1209');
  });

  it('round-trips a further device with its role, desk and serial number', () => {
    const other = { ...RAW, role: 'card-reader', desk: 'meja-2', serialNumber: 'SN-B' } as const;
    const form = otherFormOf(other);
    expect(form).toMatchObject({ role: 'card-reader', desk: 'meja-2', serialNumber: 'SN-B' });
    expect(otherConfigOf(form)).toEqual({ config: other, invalid: [] });
    // A blank serial number is left out: any device of the ids, as before.
    expect(otherConfigOf({ ...form, serialNumber: '  ' }).config).not.toHaveProperty(
      'serialNumber',
    );
    expect(otherConfigOf({ ...form, vendorId: 'zz' })).toEqual({
      config: null,
      invalid: ['vendorId'],
    });
    const fresh = newOtherForm('scanner', 'meja-3', {
      vendorId: 0x0c2e,
      productId: 0x0b61,
      manufacturer: 'Honeywell',
      product: 'Scanner',
      serialNumber: 'X1',
      usagePage: 1,
      usage: 6,
      interface: 0,
    });
    expect(fresh).toMatchObject({ role: 'scanner', desk: 'meja-3', productId: '0B61' });
    expect(otherConfigOf(fresh).config).toMatchObject({ role: 'scanner', uidText: null });
  });

  it('maps the core field paths of further devices to their own form', () => {
    expect(formFieldOf('others.1.serialNumber', 'others.1')).toBe('serialNumber');
    expect(formFieldOf('others.1.raw.encoding', 'others.1')).toBe('encoding');
    expect(formFieldOf('others.10.productId', 'others.1')).toBeNull();
    expect(formFieldOf('others.1.productId', 'card-reader')).toBeNull();
  });
});
