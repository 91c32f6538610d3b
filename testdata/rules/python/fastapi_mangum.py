# FastAPI behind Mangum: the exported handler wraps the app.
import pymysql
from fastapi import FastAPI
from mangum import Mangum

app = FastAPI()


@app.get("/users/{uid}")
async def get_user(uid: str):
    conn = pymysql.connect(host="db")  # want "LMI006"
    return {"uid": uid, "conn": bool(conn)}


@app.post("/upload")
async def upload():
    with open("/tmp/upload.bin", "wb") as f:  # want "LMI005"
        f.write(b"")
    return {}


handler = Mangum(app)
