# Inter-process file locks around shared /tmp files (the documented fix:
# fcntl.flock or filelock), and per-key caches of clients and tables.
import fcntl
import os
import zipfile

import boto3
from filelock import FileLock

s3 = boto3.client("s3")
dynamodb = boto3.resource("dynamodb")
MODEL_DIR = "/tmp/model"
LOCK = "/tmp/model.lock"
DICT_LOCK = FileLock("/tmp/dict.lock")
_tables = {}
_clients = {}
_per_user = {}


def table(name):
    if name not in _tables:
        _tables[name] = dynamodb.Table(name)  # ok: keyed by table names fixed in the code
    return _tables[name]


def client_for(region):
    c = _clients.get(region)
    if c is None:
        c = boto3.client("sqs", region_name=region)  # ok: one client per region, cached
        _clients[region] = c  # ok: a per-region client cache
    return c


def remember(user):
    _per_user[user] = True  # want "LMI009"


def ensure_model():
    with open(LOCK, "w") as lf:  # ok: the lock file itself
        fcntl.flock(lf, fcntl.LOCK_EX)
        try:
            if not os.path.exists(os.path.join(MODEL_DIR, "weights.bin")):
                s3.download_file("models", "weights.zip", "/tmp/weights.zip")  # ok: under flock
                with zipfile.ZipFile("/tmp/weights.zip") as z:  # ok: under flock
                    z.extractall(MODEL_DIR)  # ok: under flock
                os.remove("/tmp/weights.zip")  # ok: under flock
        finally:
            fcntl.flock(lf, fcntl.LOCK_UN)


def ensure_model2():
    with FileLock("/tmp/model2.lock"):
        if not os.path.exists("/tmp/model2/weights.bin"):
            s3.download_file("models", "weights2.bin", "/tmp/model2/weights.bin")  # ok: under a FileLock


def ensure_dictionary():
    with DICT_LOCK:
        s3.download_file("models", "dict.txt", "/tmp/dict.txt")  # ok: under a module-level FileLock


def append_journal(line):
    fd = open("/tmp/journal.lock", "a")  # ok: the lock file itself
    fcntl.flock(fd.fileno(), fcntl.LOCK_EX)
    open("/tmp/journal.txt", "a").write(line)  # ok: under flock
    fcntl.flock(fd.fileno(), fcntl.LOCK_UN)
    open("/tmp/after.txt", "w").write(line)  # want "LMI005"


def unlocked():
    s3.download_file("models", "other.zip", "/tmp/other.zip")  # want "LMI005"


def lambda_handler(event, context):
    ensure_model()
    ensure_model2()
    ensure_dictionary()
    append_journal(event["line"])
    unlocked()
    remember(event["user"])
    orders = table("orders")
    users = table("users")
    q = client_for("eu-west-1")
    return str(orders) + str(users) + str(q)


# A lock taken at import is not held by the functions defined after it.
_boot = open("/tmp/boot.lock", "w")
fcntl.flock(_boot, fcntl.LOCK_EX)


def after_boot_lock(event, context):
    with FileLock("/tmp/nested.lock"):
        def later():
            open("/tmp/later.txt", "w").close()  # want "LMI005"
    later()
    open("/tmp/unlocked.txt", "w").close()  # want "LMI005"


handler = after_boot_lock
