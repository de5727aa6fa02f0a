import os

import psycopg2
import psycopg2.extras


def get_conn():
    conn = psycopg2.connect(os.getenv("DATABASE_URL"))
    conn.autocommit = True
    return conn


def query(sql, params=None, one=False):
    conn = get_conn()
    cur = conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)
    cur.execute(sql, params or ())
    rows = cur.fetchall() if cur.description else []
    cur.close()
    conn.close()
    if one:
        return rows[0] if rows else None
    return rows


def execute(sql, params=None):
    conn = get_conn()
    cur = conn.cursor()
    cur.execute(sql, params or ())
    result = cur.fetchone() if cur.description else None
    cur.close()
    conn.close()
    return result
