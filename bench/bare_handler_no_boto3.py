"""A bare FastAPI + Mangum handler without boto3, to show what boto3 alone costs."""
from fastapi import FastAPI
from mangum import Mangum

app = FastAPI()


@app.get("/api/bare/health")
def health():
    return {"ok": True}


handler = Mangum(app, lifespan="off")
