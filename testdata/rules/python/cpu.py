# LMI010: CPU-bound work during an invocation.
import bz2
import gzip
import hashlib
import io
import zlib

import bcrypt
from PIL import Image


def lambda_handler(event, context):
    img = Image.open(io.BytesIO(event["body"].encode()))  # want "LMI010"
    img.thumbnail((128, 128))  # ok: one note per kind of work and function
    data = zlib.compress(b"x" * 100)  # want "LMI010"
    key = hashlib.pbkdf2_hmac("sha256", b"pw", b"salt", 600000)  # want "LMI010"
    pw = bcrypt.hashpw(b"pw", bcrypt.gensalt())  # want "LMI010"
    total = 0
    for i in range(10_000_000):  # want "LMI010"
        total += i
    for j in range(10):  # ok: a short loop
        total += j
    digest = hashlib.sha256(data).hexdigest()  # ok: hashing a small payload is cheap
    packed = gzip.compress(data)  # ok: compression was reported once in this function
    return helper(key, pw, total, digest, packed)


def helper(*args):
    return bz2.compress(b"".join(a for a in args if isinstance(a, bytes)))  # want "LMI010"
