# LMI005 on Python: /tmp is shared by every process of the environment.
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import boto3

s3 = boto3.client("s3")
OUT = "/tmp/out.json"
WORK = os.path.join(tempfile.gettempdir(), "work.bin")


def lambda_handler(event, context):
    with open("/tmp/data.json", "w") as f:  # want "LMI005"
        f.write(event["body"])
    open(OUT, mode="a").close()  # want "LMI005"
    open(WORK, "wb").close()  # want "LMI005"
    Path("/tmp/x.txt").write_text("hi")  # want "LMI005"
    (Path("/tmp") / "y.txt").write_bytes(b"")  # want "LMI005"
    os.remove("/tmp/old.json")  # want "LMI005"
    shutil.copy(event["src"], "/tmp/copy.bin")  # want "LMI005"
    shutil.rmtree("/tmp/scratch")  # want "LMI005"
    subprocess.run(["convert", "in.png", "/tmp/out.png"])  # want "LMI005"
    subprocess.run("tar xzf /tmp/bundle.tgz -C /var/task", shell=True)  # want "LMI005"
    os.system("rm -rf /tmp/cache")  # want "LMI005"
    s3.download_file(event["bucket"], event["key"], "/tmp/model.bin")  # want "LMI005"
    path = tempfile.gettempdir() + "/report.pdf"
    open(path, "w").close()  # want "LMI005"
    open("/tmp/%s.csv" % "daily", "w").close()  # want "LMI005"
    open("/tmp/{}.csv".format("weekly"), "w").close()  # want "LMI005"
    open(f"/tmp/{'fixed'}.txt", "w").close()  # want "LMI005"
    return safe(event, context)


def safe(event, context):
    open(f"/tmp/{context.aws_request_id}.json", "w").close()  # ok: request id in the name
    open(f"/tmp/{uuid.uuid4()}.json", "w").close()  # ok: a UUID per request
    fd, name = tempfile.mkstemp()  # ok: mkstemp makes a unique file
    with tempfile.NamedTemporaryFile() as t:  # ok: a unique temporary file
        t.write(b"x")
    with tempfile.TemporaryDirectory() as d:  # ok: a unique temporary directory
        open(os.path.join(d, "out.json"), "w").close()  # ok: inside a per-request directory
    tmp = tempfile.mkdtemp()
    Path(tmp, "a.txt").write_text("x")  # ok: inside mkdtemp's directory
    open("/tmp/readonly.txt").read()  # ok: a read of a file nothing writes
    os.makedirs("/tmp/shared", exist_ok=True)  # ok: creating a shared folder is idempotent
    open("/var/task/config.json").read()  # ok: not under /tmp
    open("/tmp/" + event["name"], "w").close()  # ok: the name comes from the request
    open(os.path.join("/tmp", context.aws_request_id), "w").close()  # ok: request id
    return name
