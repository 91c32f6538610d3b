import type { SQSEvent, SQSRecord, Context } from 'aws-lambda';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import * as fs from 'node:fs/promises';

enum Status {
  Ok = 'ok',
  Failed = 'failed',
}

type Totals = { [k in Status]: number };

const totals: Totals = { ok: 0, failed: 0 };
const failures: Array<{ id: string }> = [];
let lastBatchSize: number | null = null;
const s3 = new S3Client({}); // ok: client at module scope

function outcome<T extends SQSRecord>(record: T): Status {
  return record.body ? Status.Ok : Status.Failed;
}

export async function handler(event: SQSEvent, context: Context): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  lastBatchSize = event.Records.length; // want "LMI001"  (a count derived from the event, not request data)
  for (const record of event.Records) {
    const s = outcome<SQSRecord>(record);
    totals[s] += 1; // want "LMI001"
    if (s === Status.Failed) failures.splice(0, failures.length); // want "LMI001"
  }
  const batch: string[] = [];
  batch.push(<string>context.functionName); // ok: local array
  await fs.writeFile(`/tmp/${context.awsRequestId}.log`, batch.join('\n')); // ok: request-unique name
  await fs.writeFile('/tmp/batch.log' as string, 'x'); // want "LMI005"
  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: context.awsRequestId })); // ok: reuses the module client
  return { batchItemFailures: [] };
}
