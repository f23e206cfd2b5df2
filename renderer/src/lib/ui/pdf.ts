/**
 * A blob: URL for a PDF the station server sent as base64, to offer as a download (the page CSP
 * allows no embedded PDF). The caller revokes it when the link goes away.
 */
export function pdfBlobUrl(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}
