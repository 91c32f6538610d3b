import os


def save(evt):
    os.remove("/tmp/state.db")  # want "LMI005"
