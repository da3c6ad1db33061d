/**
 * Photos and documents residents send with a complaint: by email, from the
 * web form or the tracking page. One set of rules for all three: at most 5
 * per message, 10 MB each, the type detected from the content (file-type),
 * never from the name; executables and macro documents refused as dangerous;
 * images stored without their location metadata.
 */
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import piexif from 'piexifjs';
import { type CleanedImage, withoutPngMetadata, withoutWebpMetadata } from './imageMetadata';

export const CASE_FILE_LIMITS: { maxBytes: number; maxFiles: number } = { maxBytes: 10 * 1024 * 1024, maxFiles: 5 };

/**
 * What residents may send: photos, PDFs and ordinary (macro-free) Office documents. Not HEIC: its location sits
 * in an Exif item of an ISO-BMFF box tree that no maintained pure-JavaScript library strips, and a photo must not
 * keep where it was taken (iPhones send JPEG from a web form and, by default, by email).
 */
export const ACCEPTED_FILE_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Programs, and documents that can carry macros (OLE compound files are the old Office formats, with or without macros). */
const DANGEROUS_TYPES = new Set(['exe', 'elf', 'mach', 'msi', 'cfb', 'docm', 'dotm', 'xlsm', 'xltm', 'pptm', 'potm', 'ppsm', 'class', 'dex', 'wasm', 'jar', 'apk', 'swf', 'lnk', 'macho', 'sh', 'ps1']);

export type FileRefusal = 'empty' | 'too-large' | 'dangerous' | 'type-not-accepted';

export type InspectedFile =
  | { accepted: true; contentType: string; extension: string; content: Uint8Array; sha256: string; fileId: string; locationRemoved: boolean }
  | { accepted: false; reason: FileRefusal; detected?: string };

/** Scripts are text, which file-type cannot name: a shebang or a Windows script header is enough to refuse. */
function looksLikeScript(content: Uint8Array): boolean {
  const head = Buffer.from(content.subarray(0, 64)).toString('latin1');
  return /^#!|^@echo off|^<job|^<package|^<\?xml[^>]*>\s*<(job|package)/i.test(head);
}

export async function inspectFile(content: Uint8Array, limits = CASE_FILE_LIMITS): Promise<InspectedFile> {
  if (content.byteLength === 0) return { accepted: false, reason: 'empty' };
  if (content.byteLength > limits.maxBytes) return { accepted: false, reason: 'too-large' };
  const detected = await fileTypeFromBuffer(content);
  if (!detected) return { accepted: false, reason: looksLikeScript(content) ? 'dangerous' : 'type-not-accepted' };
  if (DANGEROUS_TYPES.has(detected.ext)) return { accepted: false, reason: 'dangerous', detected: detected.ext };
  const contentType = ACCEPTED_FILE_TYPES[detected.ext];
  if (!contentType) return { accepted: false, reason: 'type-not-accepted', detected: detected.ext };
  const cleaned: CleanedImage = detected.ext === 'jpg' ? withoutJpegLocation(content) : detected.ext === 'png' ? withoutPngMetadata(content) : detected.ext === 'webp' ? withoutWebpMetadata(content) : { content, removed: false };
  // A PNG or WebP whose chunks do not add up could hide what cannot be checked: refused.
  if (cleaned.malformed === true) return { accepted: false, reason: 'type-not-accepted', detected: detected.ext };
  const sha256 = createHash('sha256').update(cleaned.content).digest('hex');
  return { accepted: true, contentType, extension: detected.ext, content: cleaned.content, sha256, fileId: sha256.slice(0, 32), locationRemoved: cleaned.removed };
}

/**
 * A JPEG without its GPS block (piexifjs: pure JavaScript, no native build). The rest of the EXIF data stays
 * (orientation keeps photos the right way up). EXIF that cannot be read is removed whole.
 */
export function withoutJpegLocation(content: Uint8Array): { content: Uint8Array; removed: boolean } {
  const binary = Buffer.from(content).toString('binary');
  let exif: Record<string, unknown>;
  try {
    exif = piexif.load(binary) as Record<string, unknown>;
  } catch {
    // No EXIF at all (piexif throws), or EXIF it cannot parse: take out whatever APP1 block is there.
    try {
      const stripped = piexif.remove(binary);
      return { content: Buffer.from(stripped, 'binary'), removed: stripped.length !== binary.length };
    } catch {
      return { content, removed: false };
    }
  }
  const gps = exif.GPS as Record<string, unknown> | undefined;
  if (!gps || Object.keys(gps).length === 0) return { content, removed: false };
  exif.GPS = {};
  try {
    const rewritten = piexif.insert(piexif.dump(exif), binary);
    return { content: Buffer.from(rewritten, 'binary'), removed: true };
  } catch {
    return { content: Buffer.from(piexif.remove(binary), 'binary'), removed: true };
  }
}

/** Where a case's file is kept in the case-files bucket: by case, so erasure and retention remove a case's files by prefix. */
export function caseFileKey(caseId: string, fileId: string, extension: string): string {
  return `cases/${caseId}/files/${fileId}.${extension}`;
}

/** The case-files bucket as the domain sees it (functions/platform/caseFileStorage.ts in AWS and locally). */
export interface CaseFileStorage {
  put(key: string, content: Uint8Array, contentType: string): Promise<void>;
}
