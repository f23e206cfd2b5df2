import { describe, expect, it } from 'vitest';
import { newPasswordProblem } from './password';

describe('newPasswordProblem', () => {
  it('asks for ten characters first, then for the same password twice', () => {
    expect(newPasswordProblem('pendek-123', 'pendek-123')).toBeNull();
    expect(newPasswordProblem('pendek-12', 'pendek-12')?.id).toMatch(/minimal 10/);
    expect(newPasswordProblem('sungai-musi-1', 'sungai-musi-2')?.id).toMatch(/tidak sama/);
  });
});
