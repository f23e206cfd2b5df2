import { describe, expect, it } from 'vitest';
import { deskKeyAction, type KeyPress } from './wizard-keys';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  isRepeat: false,
  isComposing: false,
  hasModifier: false,
  isHandled: false,
  targetTag: 'INPUT',
  ...more,
});
const free = { isShooting: false, isBlocked: false };

describe('deskKeyAction', () => {
  it('Enter in an answer box or on the page goes on; Escape goes back', () => {
    expect(deskKeyAction(press('Enter'), free)).toBe('next');
    expect(deskKeyAction(press('Enter', { targetTag: 'BODY' }), free)).toBe('next');
    expect(deskKeyAction(press('Escape'), free)).toBe('back');
    expect(deskKeyAction(press('a'), free)).toBeNull();
  });

  it('leaves Enter to a focused button, link or list', () => {
    for (const targetTag of ['BUTTON', 'A', 'SELECT', 'TEXTAREA'])
      expect(deskKeyAction(press('Enter', { targetTag }), free)).toBeNull();
  });

  it('never repeats a held Enter; ignores composing, modified and already handled keys', () => {
    expect(deskKeyAction(press('Enter', { isRepeat: true }), free)).toBeNull();
    expect(deskKeyAction(press('Enter', { isComposing: true }), free)).toBeNull();
    expect(deskKeyAction(press('Enter', { hasModifier: true }), free)).toBeNull();
    expect(deskKeyAction(press('Escape', { hasModifier: true }), free)).toBeNull();
    expect(deskKeyAction(press('Enter', { isHandled: true }), free)).toBeNull();
  });

  it('with the camera open: Escape closes it, Enter is the preview buttons’ own', () => {
    const shooting = { isShooting: true, isBlocked: false };
    expect(deskKeyAction(press('Escape'), shooting)).toBe('close-camera');
    expect(deskKeyAction(press('Enter', { targetTag: 'BODY' }), shooting)).toBeNull();
  });

  it('does nothing while a dialog or the done screen is up', () => {
    const blocked = { isShooting: false, isBlocked: true };
    expect(deskKeyAction(press('Enter'), blocked)).toBeNull();
    expect(deskKeyAction(press('Escape'), blocked)).toBeNull();
  });
});
