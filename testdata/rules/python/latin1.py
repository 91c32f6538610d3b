# -*- coding: latin-1 -*-
# Café: a Latin-1 file with a PEP 263 coding line.

def lambda_handler(event, context):
    name = "été"
    open("/tmp/café.txt", "w").write(name)  # want "LMI005"
