# LMI006 notes: a module-level pool is per process; size × processes vs the server's limit.
import psycopg2.pool
from mysql.connector import pooling
from sqlalchemy import create_engine

PG = psycopg2.pool.ThreadedConnectionPool(1, 20, host="db")  # want "LMI006"
MY = pooling.MySQLConnectionPool(pool_name="p", pool_size=10)  # want "LMI006"
SMALL = create_engine("postgresql://db/app", pool_size=1, max_overflow=0)  # ok: one connection per process
SIZED = psycopg2.pool.SimpleConnectionPool(1, 2, host="db")  # ok: 2 × 16 stays under 100


def handler(event, context):
    conn = PG.getconn()  # ok: a checkout from the module-level pool
    try:
        return conn
    finally:
        PG.putconn(conn)
