import { describe, expect, it } from 'vitest';
import { currentNote } from './status';

const step = (
  status: string,
  note: string | null,
  actor = 'Sri Wahyuni',
  userId: string | null = 'u-sri',
) => ({
  status,
  note,
  actor,
  actor_user_id: userId,
});

describe('the status check’s note', () => {
  it('gives the applicant the reason of a refusal or a return, and who wrote it', () => {
    expect(
      currentNote('ditolak', [step('diajukan', null), step('ditolak', 'Bukan warga OKI')]),
    ).toEqual({
      text: 'Bukan warga OKI',
      from: 'desk',
    });
    expect(
      currentNote('berkas-kurang', [
        step('dikirim', null, 'Disdukcapil: Disdukcapil', null),
        step('berkas-kurang', 'Foto buram', 'Disdukcapil: Vera', null),
      ]),
    ).toEqual({ text: 'Foto buram', from: 'district' });
  });

  it('says nothing for other statuses, or when the last step did not set this status', () => {
    expect(currentNote('diajukan', [step('diajukan', 'Diulang: foto kurang')])).toBeNull();
    expect(currentNote('ditolak', [step('ditolak', null)])).toBeNull();
    expect(
      currentNote('berkas-kurang', [step('berkas-kurang', 'x'), step('diajukan', null)]),
    ).toBeNull();
  });
});
