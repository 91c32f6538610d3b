"""Ingest: unpacks uploaded CSV batches from S3 and loads them into PostgreSQL.

On LMI each concurrent invocation runs in its own Python process, so module
globals are safe here; /tmp and the database's connection limit are shared.
"""
import gzip
import os
import tempfile

import boto3
import psycopg2

s3 = boto3.client("s3")  # safe: one client per process, built at init
batches_seen = 0  # safe on Python: each process serves one invocation at a time


def lambda_handler(event, context):
    global batches_seen
    batches_seen += 1
    record = event["Records"][0]["s3"]
    bucket, key = record["bucket"]["name"], record["object"]["key"]

    # Hazard: every concurrent invocation downloads to the same file.
    s3.download_file(bucket, key, "/tmp/batch.csv.gz")
    with gzip.open("/tmp/batch.csv.gz", "rt") as f:
        rows = f.read().splitlines()

    # Safe: a per-request directory.
    with tempfile.TemporaryDirectory() as work:
        s3.download_file(bucket, key, os.path.join(work, "batch.csv.gz"))

    # Hazard: a new connection per request, in each of 16 processes per vCPU.
    conn = psycopg2.connect(host=os.environ["DB_HOST"], dbname="ingest")
    with conn, conn.cursor() as cur:
        cur.executemany("INSERT INTO rows (line) VALUES (%s)", [(r,) for r in rows])
    return {"rows": len(rows), "request": context.aws_request_id}
