import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html';

describe('escapeHtml', () => {
  it('leaves no markup and no way out of a quoted attribute', () => {
    expect(escapeHtml(`<b title="x" data-y='z'>A & B</b>`)).toBe(
      '&lt;b title=&quot;x&quot; data-y=&#39;z&#39;&gt;A &amp; B&lt;/b&gt;',
    );
    expect(escapeHtml('Desa Kijang Ulu')).toBe('Desa Kijang Ulu');
  });
});
