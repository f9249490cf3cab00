// Photos out of the table: the applicant item keeps a reference only, the mobile index copies no personal details,
// and both photo stores read this region's copy or, before replication delivers it, the origin region's.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DirPhotoStore } from '../../api/photos/dir-photo-store.ts';
import { photoFromDataUrl } from '../../api/photos/photo-store.ts';
import { bucketNamer, S3PhotoStore } from '../../api/photos/s3-photo-store.ts';
import { keys } from '../../api/store/keys.ts';
import { nextPhone, registrationBody, requestOtp } from '../support/citizens.ts';
import { JPEG_PHOTO } from '../support/photos.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const photo = { type: 'jpeg' as const, bytes: new Uint8Array([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9]) };
const waitFor = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('registration with a photo', () => {
  it('writes the photo to the photo store and only a reference into the applicant item', async () => {
    const phone = nextPhone();
    const otp = await requestOtp(t, phone);
    const res = await t.request('POST', '/api/v1/identity/register', {
      body: registrationBody(phone, otp, { photo: JPEG_PHOTO }),
    });
    expect(res.status).toBe(201);
    const id = res.body.applicantId as string;
    const item = (
      await t.deps.db.doc.send(new GetCommand({ TableName: t.deps.db.table, Key: keys.applicant(id) }))
    ).Item;
    expect(item?.photo).toBeUndefined();
    expect(item?.photoRef).toEqual({ region: 'ap-south-1', type: 'jpeg' });
    expect(JSON.stringify(item).length).toBeLessThan(1024);
    const stored = await t.deps.photos.get(id, { region: 'ap-south-1', type: 'jpeg' });
    expect(Buffer.from(stored?.bytes ?? []).equals(Buffer.from(photoFromDataUrl(JPEG_PHOTO).bytes))).toBe(
      true,
    );
    const me = await t.request('GET', '/api/v1/me', { token: res.body.token });
    expect(me.body).toMatchObject({ photo: JPEG_PHOTO });
    expect(me.body.photoRef).toBeUndefined();
  });

  it('puts no personal details of the applicant into the mobile index', async () => {
    const phone = nextPhone();
    const otp = await requestOtp(t, phone);
    const res = await t.request('POST', '/api/v1/identity/register', { body: registrationBody(phone, otp) });
    const out = await t.deps.db.doc.send(
      new QueryCommand({
        TableName: t.deps.db.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.applicantByMobile(phone, '').gsi1pk },
      }),
    );
    const entry = out.Items?.[0] ?? {};
    expect(entry.gsi1sk).toBe(res.body.applicantId);
    for (const field of ['name', 'idNumber', 'dateOfBirth', 'mobilePhone', 'photoRef', 'gender'])
      expect(entry).not.toHaveProperty(field);
  });
});

describe('DirPhotoStore (the local buckets)', () => {
  it('copies an upload to every replica region, readable there from its own directory', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mp-photos-'));
    const regions = ['ap-south-1', 'ap-southeast-1'];
    const origin = new DirPhotoStore({ root, region: 'ap-south-1', replicaRegions: regions });
    const ref = await origin.put('01ABC', photo);
    const replicaFile = join(root, 'ap-southeast-1', 'photos', '01ABC.jpeg');
    await waitFor(() =>
      readFile(replicaFile).then(
        () => true,
        () => false,
      ),
    );
    expect([...(await readFile(replicaFile))]).toEqual([...photo.bytes]);
    const replica = new DirPhotoStore({ root, region: 'ap-southeast-1', replicaRegions: regions });
    expect([...((await replica.get('01ABC', ref))?.bytes ?? [])]).toEqual([...photo.bytes]);
  });

  it('reads the origin region when the copy has not arrived, and nothing for an unknown applicant', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mp-photos-'));
    const origin = new DirPhotoStore({ root, region: 'ap-south-1', replicaRegions: [] });
    const ref = await origin.put('01DEF', photo);
    const elsewhere = new DirPhotoStore({ root, region: 'ap-south-2', replicaRegions: [] });
    expect((await elsewhere.get('01DEF', ref))?.type).toBe('jpeg');
    expect(await elsewhere.get('01XYZ', ref)).toBeUndefined();
    await expect(origin.put('../x', photo)).rejects.toThrow(/alphanumeric/);
  });
});

describe('S3PhotoStore', () => {
  it("puts into this region's bucket and falls back to the origin bucket on NoSuchKey", async () => {
    const objects = new Map<string, Uint8Array>();
    const calls: string[] = [];
    const clientFor = (region: string) => ({
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        const { Bucket, Key, Body } = command.input as { Bucket: string; Key: string; Body?: Uint8Array };
        calls.push(`${region} ${command.constructor.name} ${Bucket}/${Key}`);
        if (command.constructor.name === 'PutObjectCommand')
          objects.set(`${Bucket}/${Key}`, Body as Uint8Array);
        if (command.constructor.name === 'GetObjectCommand') {
          const bytes = objects.get(`${Bucket}/${Key}`);
          if (!bytes) throw Object.assign(new Error('missing'), { name: 'NoSuchKey' });
          return { Body: { transformToByteArray: async () => bytes } };
        }
        return {};
      },
    });
    const bucketOf = bucketNamer('movement-pass-photos-111111111111-{region}');
    // biome-ignore lint/suspicious/noExplicitAny: a stand-in for the S3 client's send
    const store = (region: string) => new S3PhotoStore({ region, bucketOf, clientFor: clientFor as any });
    const ref = await store('ap-south-1').put('01GHI', photo);
    expect(calls).toEqual([
      'ap-south-1 PutObjectCommand movement-pass-photos-111111111111-ap-south-1/photos/01GHI',
    ]);
    expect((await store('ap-south-2').get('01GHI', ref))?.bytes).toEqual(photo.bytes);
    expect(calls.slice(1)).toEqual([
      'ap-south-2 GetObjectCommand movement-pass-photos-111111111111-ap-south-2/photos/01GHI',
      'ap-south-1 GetObjectCommand movement-pass-photos-111111111111-ap-south-1/photos/01GHI',
    ]);
    expect(() => bucketNamer('no-placeholder')).toThrow(/\{region\}/);
  });
});
