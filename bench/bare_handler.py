"""The baseline for cold imports: the smallest real FastAPI + Mangum handler (bare_handler_no_boto3: one route with
a path parameter and a JSON body, nothing of Biye) plus a DynamoDB table, as every Biye function has."""
import boto3

from bench.bare_handler_no_boto3 import app, handler  # noqa: F401 — the handler Lambda would call

table = boto3.resource("dynamodb").Table("bare")
