def lambda_handler(event, context):
    # lmicheck:ignore LMI005 -- one invocation at a time: concurrency is 1 for this function
    open("/tmp/lock", "w").close()  # ok: suppressed with a reason
    open("/tmp/other", "w").close()  # lmicheck:ignore LMI005 -- reviewed, single-flight
