/**
 * Location and other metadata taken out of PNG and WebP photos (JPEG: caseFiles.ts, with piexifjs). No
 * maintained pure-JavaScript library does this for these containers (sharp would, but is native), and
 * both are simple chunk lists, so the chunks that can carry EXIF or XMP (GPS among them) are dropped and
 * every other chunk is kept byte for byte (no pixel is decoded or re-encoded):
 *
 * - PNG (ISO/IEC 15948, PNG 3rd edition): `eXIf`, and the text chunks `tEXt`, `zTXt`, `iTXt` (XMP and
 *   "Raw profile type exif" travel in them). Chunk CRCs cover only their own chunk: nothing to recompute.
 * - WebP (RIFF): the `EXIF` and `XMP ` chunks; the RIFF size is rewritten and the VP8X header's EXIF and
 *   XMP flags cleared.
 *
 * A container whose chunk list does not add up is `malformed`: the caller refuses the file rather than
 * keep bytes it could not check.
 */

export type CleanedImage = { content: Uint8Array; removed: boolean; malformed?: false } | { malformed: true };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_METADATA_CHUNKS = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt']);

export function withoutPngMetadata(content: Uint8Array): CleanedImage {
  if (content.byteLength < 8 || PNG_SIGNATURE.some((byte, i) => content[i] !== byte)) return { malformed: true };
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  const kept: Uint8Array[] = [content.subarray(0, 8)];
  let removed = false;
  let offset = 8;
  let ended = false;
  while (offset < content.byteLength) {
    if (offset + 12 > content.byteLength) return { malformed: true };
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (end > content.byteLength) return { malformed: true };
    const type = String.fromCharCode(...content.subarray(offset + 4, offset + 8));
    if (PNG_METADATA_CHUNKS.has(type)) removed = true;
    else kept.push(content.subarray(offset, end));
    offset = end;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!ended) return { malformed: true };
  // Bytes after IEND are not part of the image (and may hide anything): dropped.
  if (offset < content.byteLength) removed = true;
  return { content: removed ? Buffer.concat(kept) : content, removed };
}

const WEBP_METADATA_CHUNKS = new Set(['EXIF', 'XMP ']);
const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;

export function withoutWebpMetadata(content: Uint8Array): CleanedImage {
  const ascii = (from: number) => String.fromCharCode(...content.subarray(from, from + 4));
  if (content.byteLength < 12 || ascii(0) !== 'RIFF' || ascii(8) !== 'WEBP') return { malformed: true };
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  const riffEnd = Math.min(8 + view.getUint32(4, true), content.byteLength);
  const kept: Uint8Array[] = [];
  let removed = false;
  let offset = 12;
  while (offset < riffEnd) {
    if (offset + 8 > riffEnd) return { malformed: true };
    const size = view.getUint32(offset + 4, true);
    const end = offset + 8 + size + (size % 2);
    if (offset + 8 + size > riffEnd) return { malformed: true };
    const fourcc = ascii(offset);
    if (WEBP_METADATA_CHUNKS.has(fourcc)) removed = true;
    else kept.push(content.subarray(offset, Math.min(end, riffEnd)));
    offset = end;
  }
  if (riffEnd < content.byteLength) removed = true;
  if (!removed) return { content, removed: false };
  const body = Buffer.concat(kept);
  // VP8X, when present, is the first chunk: its first payload byte holds the feature flags.
  if (body.subarray(0, 4).toString('latin1') === 'VP8X' && body.byteLength > 8) body[8] = body[8]! & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.byteLength, 4);
  header.write('WEBP', 8, 'latin1');
  return { content: Buffer.concat([header, body]), removed: true };
}
