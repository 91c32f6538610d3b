import psycopg2

_conn = None


def get_conn():
    return psycopg2.connect(host="db")  # want "LMI006"


def get_shared():
    global _conn
    if _conn is None:
        _conn = psycopg2.connect(host="db")  # ok: lazy init
    return _conn
