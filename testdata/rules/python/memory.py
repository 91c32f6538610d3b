# LMI009: memory held at module level is paid once per process.
import pickle

import joblib
import numpy as np
import pandas as pd
from transformers import AutoModel

MODEL = joblib.load("model.joblib")  # want "LMI009"
FRAME = pd.read_csv("prices.csv")  # want "LMI009"
BERT = AutoModel.from_pretrained("bert-base-uncased")  # want "LMI009"
BIG = np.zeros((10000, 10000))  # want "LMI009"
SMALL = np.zeros((100, 100))  # ok: 78 KiB, not worth a note
HALF = np.zeros((10000, 10000), dtype="float16")  # want "LMI009"
with open("labels.pkl", "rb") as f:
    LABELS = pickle.load(f)  # want "LMI009"

RESULTS = []
MEMO = {}
BOUNDED = {}
CONFIG = {}


def handler(event, context):
    RESULTS.append(event["id"])  # want "LMI009"
    MEMO[event["id"]] = MODEL.predict(event["x"])  # want "LMI009"
    BOUNDED[event["id"]] = 1  # ok: entries are removed below
    if len(BOUNDED) > 100:
        BOUNDED.clear()
    CONFIG["stage"] = "prod"  # ok: a fixed key, not per request
    local = pd.read_csv("/var/task/small.csv")  # ok: loaded per request is not held per process
    return local
