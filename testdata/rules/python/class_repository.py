import functools
import json
import os

import boto3
import psycopg2
import redis
from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from aws_lambda_powertools.utilities.typing import LambdaContext

app = APIGatewayRestResolver()


class OrderRepository:
    def __init__(self):
        self.table = boto3.resource("dynamodb").Table(os.environ["TABLE"])  # ok: built once, the instance is made at import
        self.cache = redis.Redis(host=os.environ["REDIS_HOST"])  # ok: built once at import
        self.conn = psycopg2.connect(os.environ["DSN"])  # ok: built once at import
        self.seen = {}

    def get(self, order_id):
        self.seen[order_id] = True
        hit = self.cache.get(order_id)
        if hit:
            return json.loads(hit)
        with self.conn.cursor() as cur:
            cur.execute("SELECT body FROM orders WHERE id = %s", (order_id,))
            return cur.fetchone()


repo = OrderRepository()


@functools.lru_cache(maxsize=None)
def sns():
    return boto3.client("sns")  # ok: memoised with lru_cache


def get_secret_client():
    return boto3.client("secretsmanager")  # ok: called only at import


SECRETS = get_secret_client()


@app.get("/orders/<order_id>")
def get_order(order_id: str):
    order = repo.get(order_id)
    sns().publish(TopicArn=os.environ["TOPIC"], Message=json.dumps(order))
    return {"order": order}


def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
