/**
 * S3 locally: `s3rver`, an S3-compatible server on a loopback port, storing
 * objects as files under DATA_DIR/s3 (or a temporary folder that is removed
 * on stop). Handlers reach it through `AWS_ENDPOINT_URL_S3`, addressed
 * path-style (functions/platform/objectStorage.ts). It serves what the platform uses: PutObject (including
 * multipart uploads), GetObject, presigned GET links (their expiry is
 * checked), CreateBucket. It has no Object Lock, versioning, bucket policies
 * or lifecycle rules, and does not check request signatures (README, "Where
 * the local runtime differs from AWS").
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import s3rverAccount from 's3rver/lib/models/account.js';

export interface S3EmulatorHandle {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export async function startS3Emulator(options: {
  port: number;
  dataDir?: string;
  buckets: string[];
  /** Buckets browsers post files to (presigned POST from the tracking page): CORS allows POST from any origin locally (in AWS, the site's origin only). */
  browserUploadBuckets?: string[];
  credentials: { accessKeyId: string; secretAccessKey: string };
}): Promise<S3EmulatorHandle> {
  const directory = options.dataDir ? join(options.dataDir, 's3') : mkdtempSync(join(tmpdir(), 'complaint-s3-'));
  mkdirSync(directory, { recursive: true });
  // s3rver knows one demo key pair; it accepts requests signed with a key it knows (it does not verify SigV4 signatures).
  s3rverAccount.DUMMY_ACCOUNT.createKeyPair(options.credentials.accessKeyId, options.credentials.secretAccessKey);
  const server = new S3rver({ address: '127.0.0.1', port: options.port, silent: true, directory });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await server.close().catch(() => undefined);
    if (!options.dataDir) rmSync(directory, { recursive: true, force: true });
  };
  try {
    const client = new S3Client({ endpoint, region: 'us-east-1', credentials: options.credentials });
    for (const bucket of options.buckets) {
      try {
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
      } catch (error) {
        if ((error as Error).name !== 'BucketAlreadyOwnedByYou' && (error as Error).name !== 'BucketAlreadyExists') throw error;
      }
    }
    for (const bucket of options.browserUploadBuckets ?? []) {
      await client.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: [{ AllowedMethods: ['POST'], AllowedOrigins: ['*'], AllowedHeaders: ['*'], MaxAgeSeconds: 3600 }] } }));
    }
    client.destroy();
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, stop };
}
