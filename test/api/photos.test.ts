// Registration photos: accepted only when they parse as a complete image of the declared type, 32-1024 px a side,
// within 64 KB; a first-bytes lookalike is refused with a 400 naming `photo`.
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nextPhone, registrationBody, requestOtp } from '../support/citizens.ts';
import {
  dataUrl,
  JPEG_PHOTO,
  jpegBytes,
  PNG_PHOTO,
  pngBytes,
  WEBP_PHOTO,
  webpBytes,
} from '../support/photos.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const register = async (photo: string) => {
  const phone = nextPhone();
  const otp = await requestOtp(t, phone);
  return t.request('POST', '/api/v1/identity/register', { body: registrationBody(phone, otp, { photo }) });
};

const html = Buffer.from('<html><script>alert(1)</script></html>');
const withCrcBroken = () => {
  const png = pngBytes();
  png[png.length - 20] = (png[png.length - 20] ?? 0) ^ 0xff; // inside the last IDAT's data or CRC
  return png;
};
const truncatedScan = () => {
  const jpg = Buffer.from(jpegBytes());
  return Buffer.concat([jpg.subarray(0, Math.floor(jpg.length * 0.6)), Buffer.from([0xff, 0xd9])]);
};
const bigPngHeader = () => {
  const png = new PNG({ width: 4000, height: 10 });
  return PNG.sync.write(png);
};
const animatedWebp = () => {
  const still = webpBytes();
  const anim = Buffer.concat([Buffer.from('ANIM'), Buffer.from([6, 0, 0, 0]), Buffer.alloc(6)]);
  const body = Buffer.concat([still.subarray(12), anim]);
  const riff = Buffer.alloc(4);
  riff.writeUInt32LE(4 + body.length);
  return Buffer.concat([Buffer.from('RIFF'), riff, Buffer.from('WEBP'), body]);
};

describe('registration photos', () => {
  it.each([
    ['JPEG', JPEG_PHOTO],
    ['PNG', PNG_PHOTO],
    ['lossless WebP', WEBP_PHOTO],
  ])('accepts a complete %s', async (_type, photo) => {
    expect((await register(photo)).status).toBe(201);
  });

  it.each([
    [
      'JPEG magic followed by HTML',
      dataUrl('jpeg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), html])),
    ],
    [
      'a bare PNG signature',
      dataUrl('png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])),
    ],
    ['PNG bytes declared as JPEG', dataUrl('jpeg', pngBytes())],
    ['a JPEG with HTML appended', dataUrl('jpeg', Buffer.concat([jpegBytes(), html]))],
    ['a JPEG whose scan data is cut short', dataUrl('jpeg', truncatedScan())],
    ['a PNG with a corrupted chunk', dataUrl('png', withCrcBroken())],
    ['a PNG with HTML appended', dataUrl('png', Buffer.concat([pngBytes(), html]))],
    ['a PNG 4000 pixels wide', dataUrl('png', bigPngHeader())],
    ['a 16×16 PNG', dataUrl('png', pngBytes(16, 16))],
    ['a WebP with a wrong RIFF size', dataUrl('webp', Buffer.concat([webpBytes(), Buffer.alloc(2)]))],
    ['a WebP header alone', dataUrl('webp', webpBytes().subarray(0, 16))],
    ['an animated WebP', dataUrl('webp', animatedWebp())],
    ['a WebP 2000 pixels high', dataUrl('webp', webpBytes(48, 2000))],
  ])('refuses %s with a 400 naming photo, storing nothing', async (_what, photo) => {
    const phone = nextPhone();
    const otp = await requestOtp(t, phone);
    const res = await t.request('POST', '/api/v1/identity/register', {
      body: registrationBody(phone, otp, { photo }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['photo']);
    // Nothing stored, and the code is still good for a corrected registration.
    const retry = await t.request('POST', '/api/v1/identity/register', {
      body: registrationBody(phone, otp),
    });
    expect(retry.status).toBe(201);
  });
});
