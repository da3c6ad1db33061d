/** The part of piexifjs the platform uses (JPEG EXIF read, write and removal on binary strings). */
declare module 'piexifjs' {
  const piexif: {
    load(jpegBinary: string): Record<string, unknown>;
    dump(exif: Record<string, unknown>): string;
    insert(exifBinary: string, jpegBinary: string): string;
    remove(jpegBinary: string): string;
    GPSIFD: Record<string, number>;
  };
  export default piexif;
}
