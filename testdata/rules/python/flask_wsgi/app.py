# Flask behind serverless_wsgi: routes are invocation code.
import redis
import serverless_wsgi
from flask import Flask

app = Flask(__name__)
cache = redis.Redis(host="cache")  # ok: module-level client


@app.route("/export")
def export():
    open("/tmp/export.csv", "w").write("a,b")  # want "LMI005"
    return "ok"


@app.route("/ping")
def ping():
    r = redis.Redis(host="cache")  # want "LMI006"
    return str(r.ping())


def lambda_handler(event, context):
    return serverless_wsgi.handle_request(app, event, context)
