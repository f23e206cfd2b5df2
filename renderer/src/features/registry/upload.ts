/** Base64 of a chunk; built in slices because spreading a whole megabyte overflows the stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  const STEP = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += STEP) {
    binary += String.fromCharCode(...bytes.subarray(i, i + STEP));
  }
  return btoa(binary);
}

/** An import that no longer changes by itself; anything else is still uploading or running. */
export function isFinal(status: string): boolean {
  return (
    status === 'done' || status === 'cancelled' || status === 'failed' || status === 'interrupted'
  );
}
