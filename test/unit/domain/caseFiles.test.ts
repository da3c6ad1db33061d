import piexif from 'piexifjs';
import { describe, expect, it } from 'vitest';
import { caseFileKey, inspectFile } from '../../../functions/domain/caseFiles';
import { disguisedExecutable, jpegWithLocation, TINY_JPEG } from '../../fixtures/inboundMailCorpus';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('inspectFile', () => {
  it('accepts photos and PDFs by their content, whatever they are called', async () => {
    expect(await inspectFile(TINY_JPEG)).toMatchObject({ accepted: true, contentType: 'image/jpeg', extension: 'jpg' });
    expect(await inspectFile(PDF)).toMatchObject({ accepted: true, contentType: 'application/pdf', extension: 'pdf' });
  });

  it('refuses programs and scripts as dangerous, and other types as not accepted', async () => {
    expect(await inspectFile(disguisedExecutable())).toMatchObject({ accepted: false, reason: 'dangerous', detected: 'exe' });
    expect(await inspectFile(Buffer.from('#!/bin/sh\nrm -rf ~\n'))).toMatchObject({ accepted: false, reason: 'dangerous' });
    // An OLE compound file: the old Office formats, which carry macros.
    expect(await inspectFile(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]))).toMatchObject({ accepted: false, reason: 'dangerous' });
    expect(await inspectFile(Buffer.from('just some text, not a document'))).toMatchObject({ accepted: false, reason: 'type-not-accepted' });
  });

  it('refuses HEIC photos, whose location it cannot remove', async () => {
    // An ISO-BMFF file type box naming the HEIC brands, as an iPhone's photo starts.
    const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(4), Buffer.from('mif1heic')]);
    expect(await inspectFile(Buffer.concat([ftyp, Buffer.alloc(200)]))).toMatchObject({ accepted: false, reason: 'type-not-accepted', detected: 'heic' });
  });

  it('refuses empty files and files over the limit', async () => {
    expect(await inspectFile(Buffer.alloc(0))).toEqual({ accepted: false, reason: 'empty' });
    expect(await inspectFile(Buffer.concat([TINY_JPEG, Buffer.alloc(100)]), { maxBytes: 100, maxFiles: 5 })).toEqual({ accepted: false, reason: 'too-large' });
  });

  it('removes GPS location from JPEGs and keeps the rest of the EXIF data', async () => {
    const inspected = await inspectFile(jpegWithLocation());
    if (!inspected.accepted) throw new Error('refused');
    expect(inspected.locationRemoved).toBe(true);
    const exif = piexif.load(Buffer.from(inspected.content).toString('binary')) as Record<string, Record<number, unknown>>;
    expect(Object.keys(exif.GPS ?? {})).toEqual([]);
    expect(exif['0th']?.[271]).toBe('PhoneMaker');
    expect(inspected.fileId).toBe(inspected.sha256.slice(0, 32));
    expect(caseFileKey('01JABCDEFGHJKMNPQRSTVWXYZ0', inspected.fileId, 'jpg')).toBe(`cases/01JABCDEFGHJKMNPQRSTVWXYZ0/files/${inspected.fileId}.jpg`);
  });
});
