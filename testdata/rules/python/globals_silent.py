# Every "module global written during an invocation" idiom: silent on Python,
# where each process serves one invocation at a time.
import os

import boto3

counter = 0
cache = {}
seen = []
current_user = None
last_event = None
settings = {"debug": False}
_client = None


class Stats:
    hits = 0


def lambda_handler(event, context):
    global counter, current_user, last_event, _client
    counter += 1  # ok: a counter in module scope (not shared between processes)
    cache["last"] = event.get("id")  # ok: a cache entry
    current_user = event["requestContext"]["authorizer"]["claims"]["sub"]  # ok: request data in a global
    last_event = event  # ok: the event in a global
    os.environ["TENANT"] = event["tenant"]  # ok: os.environ written per request
    os.environ.update({"STAGE": "x"})  # ok: os.environ updated
    settings["debug"] = True  # ok: module dict mutated
    Stats.hits += 1  # ok: class attribute incremented
    if _client is None:
        _client = boto3.client("s3")  # ok: lazy-init client
    request_id = context.aws_request_id  # ok: a local
    del cache["last"]  # ok: a delete from a module dict
    seen.clear()  # ok: a module list cleared
    return {"n": counter, "id": request_id}
