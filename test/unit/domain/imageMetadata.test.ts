import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../../functions/domain/caseFiles';
import { withoutPngMetadata, withoutWebpMetadata } from '../../../functions/domain/imageMetadata';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.byteLength);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const IHDR = pngChunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
const IDAT = pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00]));
const IEND = pngChunk('IEND', Buffer.alloc(0));
const GPS = Buffer.from('GPSLatitude 22.3193 GPSLongitude 114.1694', 'latin1');

function webpChunk(fourcc: string, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(fourcc, 0, 'latin1');
  header.writeUInt32LE(data.byteLength, 4);
  return Buffer.concat([header, data, data.byteLength % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}
function webp(chunks: Buffer[]): Buffer {
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.byteLength, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}
const VP8X = webpChunk('VP8X', Buffer.from([0x08 | 0x04 | 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
const VP8L = webpChunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00]));

describe('location metadata out of PNG and WebP', () => {
  it('drops the eXIf and text chunks of a PNG and keeps every other chunk byte for byte', () => {
    const png = Buffer.concat([SIGNATURE, IHDR, pngChunk('eXIf', GPS), pngChunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), GPS])), IDAT, IEND]);
    const cleaned = withoutPngMetadata(png);
    expect(cleaned).toMatchObject({ removed: true });
    expect(cleaned.malformed).not.toBe(true);
    expect(Buffer.from((cleaned as { content: Uint8Array }).content)).toEqual(Buffer.concat([SIGNATURE, IHDR, IDAT, IEND]));
  });

  it('leaves a PNG without metadata as it is, and calls a truncated one malformed', () => {
    const png = Buffer.concat([SIGNATURE, IHDR, IDAT, IEND]);
    expect(withoutPngMetadata(png)).toEqual({ content: png, removed: false });
    expect(withoutPngMetadata(png.subarray(0, png.byteLength - 5))).toEqual({ malformed: true });
  });

  it('drops the EXIF and XMP chunks of a WebP, fixes the RIFF size and clears the VP8X flags', () => {
    const file = webp([VP8X, VP8L, webpChunk('EXIF', GPS), webpChunk('XMP ', GPS)]);
    const cleaned = withoutWebpMetadata(file) as { content: Uint8Array; removed: boolean };
    expect(cleaned.removed).toBe(true);
    const out = Buffer.from(cleaned.content);
    expect(out.includes(GPS)).toBe(false);
    expect(out.readUInt32LE(4)).toBe(out.byteLength - 8);
    // VP8X flags: EXIF (0x08) and XMP (0x04) cleared, alpha (0x10) kept.
    expect(out[20]).toBe(0x10);
    expect(out.subarray(30)).toEqual(VP8L);
  });

  it('is used by the file check: a PNG or WebP is stored without its location, a broken one refused', async () => {
    const png = await inspectFile(Buffer.concat([SIGNATURE, IHDR, pngChunk('eXIf', GPS), IDAT, IEND]));
    expect(png).toMatchObject({ accepted: true, extension: 'png', locationRemoved: true });
    expect(Buffer.from((png as { content: Uint8Array }).content).includes(GPS)).toBe(false);
    const image = await inspectFile(webp([VP8X, VP8L, webpChunk('EXIF', GPS)]));
    expect(image).toMatchObject({ accepted: true, extension: 'webp', locationRemoved: true });
    const broken = await inspectFile(Buffer.concat([SIGNATURE, IHDR, IDAT]));
    expect(broken).toMatchObject({ accepted: false, reason: 'type-not-accepted' });
  });
});
