// base64url and UTF-8 helpers on web-standard globals only (atob, btoa, TextEncoder), shared by browser and API.

export function bytesToBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Throws on characters outside the base64url alphabet. */
export function base64urlToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new Error('not base64url');
  const binary = atob(
    text
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(text.length / 4) * 4, '='),
  );
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export const utf8 = (text: string) => new TextEncoder().encode(text);

export const jsonToBase64url = (value: unknown) => bytesToBase64url(utf8(JSON.stringify(value)));

/** Throws on invalid base64url, invalid UTF-8 or invalid JSON. */
export const base64urlToJson = (text: string): unknown =>
  JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64urlToBytes(text)));
