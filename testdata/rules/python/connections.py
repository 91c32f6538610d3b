# LMI006 on Python: connections and clients created per invocation.
import boto3
import mysql.connector
import psycopg2
import pymongo
import pymysql
import redis
import sqlalchemy
from pymongo import MongoClient
from sqlalchemy import create_engine

ENGINE = create_engine("postgresql://db/app")  # want "LMI006"
TABLE = boto3.resource("dynamodb").Table("orders")  # ok: a module-level resource is the fix
S3 = boto3.client("s3")  # ok: a module-level client is the fix
POOL = redis.ConnectionPool(host="cache", max_connections=4)  # ok: 4 × 16 is far below Redis's limit
_conn = None
_clients = {}


def lambda_handler(event, context):
    c1 = psycopg2.connect(host="db")  # want "LMI006"
    c2 = pymysql.connect(host="db")  # want "LMI006"
    c3 = mysql.connector.connect(host="db")  # want "LMI006"
    r = redis.Redis(host="cache")  # want "LMI006"
    m = MongoClient("mongodb://db")  # want "LMI006"
    m2 = pymongo.MongoClient("mongodb://db")  # want "LMI006"
    e = sqlalchemy.create_engine("sqlite://")  # want "LMI006"
    d = boto3.resource("dynamodb")  # want "LMI006"
    d2 = boto3.client("dynamodb")  # want "LMI006"
    d3 = boto3.client(service_name="dynamodb")  # want "LMI006"
    sqs = boto3.client("sqs")  # want "LMI006"
    sess = boto3.Session().client("sns")  # want "LMI006"
    return [c1, c2, c3, r, m, m2, e, d, d2, d3, sqs, sess, lazy(), keyed(event["region"]), cached()]


def lazy():
    global _conn
    if _conn is None:
        _conn = psycopg2.connect(host="db")  # ok: lazy module-level connection, made once per process
    return _conn


def keyed(region):
    if region not in _clients:
        _clients[region] = boto3.client("dynamodb", region_name=region)  # ok: one per region, cached
    return _clients[region]


def get_or_make():
    global _conn
    _conn = _conn or psycopg2.connect(host="db")  # ok: x = x or make() is lazy init
    return _conn


import functools


@functools.lru_cache(maxsize=None)
def cached():
    return redis.Redis(host="cache")  # ok: memoised, made once per process


def not_a_handler_helper():
    return psycopg2.connect(host="db")  # ok: never reached from a handler
