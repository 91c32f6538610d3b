import shutil

from aws_lambda_powertools.event_handler.api_gateway import Router

router = Router()


@router.delete("/orders/<order_id>")
def delete_order(order_id):
    shutil.rmtree("/tmp/orders")  # want "LMI005"
    return {"deleted": order_id}


def unused():
    shutil.rmtree("/tmp/unused")  # ok: not a route and not called
