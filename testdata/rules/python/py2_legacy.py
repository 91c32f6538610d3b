# Python 2 statements still parse: print and exec statements.
import os


def lambda_handler(event, context):
    print "handling", event
    exec "x = 1"
    os.remove("/tmp/legacy.lock")  # want "LMI005"
    print >>open("/tmp/log.txt", "a"), "done"  # want "LMI005"
