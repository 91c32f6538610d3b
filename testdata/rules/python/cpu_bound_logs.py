# LMI010: a CloudWatch Logs subscription handler decompresses its event:
# cheap, and every such handler does it, so no note.
import base64
import gzip
import json
import zlib


def handler(event, context):
    payload = gzip.decompress(base64.b64decode(event["awslogs"]["data"]))  # ok: decompressing a log batch is cheap
    raw = zlib.decompress(base64.b64decode(event["raw"]))  # ok: decompression is not CPU-bound work worth a note
    packed = zlib.compress(json.dumps(json.loads(payload)).encode() * 1000)  # want "LMI010"
    return {"n": len(packed), "raw": len(raw)}
