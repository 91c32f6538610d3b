# Named by the template (Handler: app.process): not a conventional name.
import pkg.storage
from pkg import helpers


def process(evt, ctx):
    pkg.storage.save(evt)
    return helpers.render(evt)


def lambda_handler(event, context):
    open("/tmp/never.txt", "w")  # ok: the template covers this folder and names process, not this
