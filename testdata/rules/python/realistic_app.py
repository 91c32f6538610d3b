import functools
import hashlib
import json
import logging
import os
import tempfile
import uuid
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import boto3
import pandas as pd
from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from pydantic import BaseModel
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

logger = Logger(service="orders")  # ok: Powertools Logger at module level
tracer = Tracer(service="orders")  # ok: Powertools Tracer at module level
metrics = Metrics(namespace="Shop")  # ok: Powertools Metrics at module level
log = logging.getLogger(__name__)

s3 = boto3.client("s3")  # ok: a module-level boto3 client, reused
dynamodb = boto3.resource("dynamodb")
table = dynamodb.Table(os.environ.get("TABLE", "orders"))  # ok: a module-level resource table
secrets = boto3.session.Session().client("secretsmanager")

engine = create_engine(os.environ["DB_URL"], pool_size=1, max_overflow=0, pool_pre_ping=True)  # ok: one connection per process
Session = sessionmaker(bind=engine)  # ok: a module-level sessionmaker

STAGE = os.environ.get("STAGE", "dev")
BUCKET = os.getenv("BUCKET")
STATUS_CODES = {"ok": 200, "missing": 404, "error": 500}  # ok: a small lookup table
ALLOWED = frozenset({"GET", "POST"})
HEADERS = {"Content-Type": "application/json", "Access-Control-Allow-Origin": "*"}
COUNTRIES = ["DE", "FR", "US", "GB"]  # ok: a small module-level constant
REQUESTS = 0


class Order(BaseModel):
    id: str
    amount: int
    items: list[str] = []


@dataclass
class Summary:
    count: int = 0
    names: list = field(default_factory=list)

    def add(self, name):
        self.names.append(name)  # ok: a dataclass instance made per request
        self.count += 1


@functools.lru_cache(maxsize=128)
def price_of(sku):
    return table.get_item(Key={"sku": sku}).get("Item", {}).get("price", 0)


@functools.lru_cache
def secret(name):
    return secrets.get_secret_value(SecretId=name)["SecretString"]


@functools.cache
def country_table():
    return {c: i for i, c in enumerate(COUNTRIES)}


def checksum(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@logger.inject_lambda_context(log_event=True)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event, context):
    global REQUESTS
    REQUESTS += 1  # ok: a global counter is per process on Python
    body = json.loads(event.get("body") or "{}")
    order = Order(**body)  # ok: a pydantic model per request
    summary = Summary()
    for item in order.items:
        summary.add(item)
    response = {"id": order.id, "items": []}
    response["items"].append(price_of(order.items[0]) if order.items else 0)  # ok: a per-request dict
    response["etag"] = checksum(json.dumps(response))  # ok: sha256 of a small string is cheap
    response["md5"] = hashlib.md5(order.id.encode()).hexdigest()  # ok: md5 of an id
    obj = s3.get_object(Bucket=BUCKET, Key=f"orders/{order.id}.csv")
    frame = pd.read_csv(BytesIO(obj["Body"].read()))  # ok: per-request data, freed after the request
    parquet = pd.read_parquet(f"s3://{BUCKET}/daily/{order.id}.parquet")  # ok: per-request data
    response["rows"] = len(frame) + len(parquet)
    out_path = f"/tmp/{context.aws_request_id}.json"
    with open(out_path, "w") as f:  # ok: the request id names the file
        json.dump(response, f)
    work = Path(tempfile.gettempdir()) / f"{uuid.uuid4()}.csv"
    frame.to_csv(work)  # ok: a uuid4 names the file
    with tempfile.NamedTemporaryFile(suffix=".csv") as tmp:
        frame.to_csv(tmp.name)  # ok: a NamedTemporaryFile
        s3.upload_file(tmp.name, BUCKET, f"exports/{order.id}.csv")
    with tempfile.TemporaryDirectory() as d:
        target = os.path.join(d, "report.json")
        s3.download_file(BUCKET, "templates/report.json", target)  # ok: inside a TemporaryDirectory
    with Session() as session:  # ok: a session from the module-level sessionmaker
        session.execute("SELECT 1")
        session.commit()
    session2 = Session()
    try:
        session2.execute("SELECT 1")
    finally:
        session2.close()
    metrics.add_metric(name="OrdersPlaced", unit=MetricUnit.Count, value=1)  # ok: Powertools metrics
    logger.append_keys(order_id=order.id)
    tracer.put_annotation(key="order", value=order.id)
    log.info("secret %s", secret("db")[:2])
    return {"statusCode": STATUS_CODES["ok"], "headers": HEADERS, "body": json.dumps(response),
            "country": country_table().get(body.get("country"))}
