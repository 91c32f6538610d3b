# Powertools: decorated handler, routes resolved by app.resolve(event, context).
from aws_lambda_powertools import Logger, Tracer
from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from aws_lambda_powertools.utilities.data_classes import SQSEvent, event_source

from .db import get_conn
from .orders import router

logger = Logger()
tracer = Tracer()
app = APIGatewayRestResolver()
app.include_router(router)


@app.get("/items")
def list_items():
    with open("/tmp/items.json", "w") as f:  # want "LMI005"
        f.write("[]")
    return {"items": []}


@app.post("/items")
def add_item():
    conn = get_conn()
    return {"ok": conn is not None}


@logger.inject_lambda_context(log_event=True)
@tracer.capture_lambda_handler
def lambda_handler(event, context):
    return app.resolve(event, context)


@event_source(data_class=SQSEvent)
def queue_handler(event, context):
    for record in event.records:
        open("/tmp/record.txt", "w").write(record.body)  # want "LMI005"
