"""The baseline for cold imports: a bare FastAPI + Mangum handler with a DynamoDB table, nothing of Biye."""
import boto3
from fastapi import FastAPI
from mangum import Mangum

app = FastAPI()
table = boto3.resource("dynamodb").Table("bare")


@app.get("/api/bare/health")
def health():
    return {"ok": True}


handler = Mangum(app, lifespan="off")
