"""The embedded AWS stack: moto's server in-process, with the tables and buckets of template.yaml.

The template is SAM-translated offline and created as a CloudFormation stack in moto, so there is no second
definition of a table or bucket anywhere. Each function then gets the environment it would get on AWS.
"""
from __future__ import annotations

import io
import json
import logging
import os
import secrets
import threading
import warnings
import zipfile
from dataclasses import dataclass, field

import boto3

from functions.common.settings import LOCAL_STAGE

from . import template as tpl
from .bucket_rules import put_lifecycle_rules

REGION = "us-east-1"
STACK_NAME = "biye-local"
_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "AWS_DEFAULT_REGION": REGION}


@dataclass
class LocalStack:
    endpoint: str
    parameters: dict[str, str]
    sam: dict
    physical_ids: dict[str, str] = field(default_factory=dict)
    server: object = None

    def client(self, service: str):
        return boto3.client(service, endpoint_url=self.endpoint, region_name=REGION,
                            aws_access_key_id="local", aws_secret_access_key="local")

    def function_environment(self, function: str) -> dict[str, str]:
        return tpl.function_environment(self.sam, function, self.physical_ids, self.parameters)

    def process_environment(self) -> dict[str, str]:
        """What this process must export so in-process handlers reach moto and find their resources."""
        envs = [self.function_environment(r.function) for r in tpl.http_routes(self.sam)]
        merged: dict[str, str] = {}
        for env in envs:
            for key, value in env.items():
                if merged.setdefault(key, value) != value:
                    raise ValueError(f"template.yaml: 环境变量 {key} 在各函数中取值不同，本地栈无法在同一进程中运行")
        # The embedded stack is the local stage, the only one with stand-ins (sandbox payment and 学信网); the
        # template's Stage allows only deployed stages, so no AWS stack can be given this value.
        return {**merged, **_CREDENTIALS, "AWS_ENDPOINT_URL": self.endpoint, "BIYE_STAGE": LOCAL_STAGE}

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


_WRITES = ("put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item")
# Held by every write moto makes, and by a Query while it finds its window in the sorted keys (indexed_query.py).
_WRITE_LOCK = threading.RLock()


def make_dynamodb_writes_atomic() -> None:
    """DynamoDB checks a condition and writes as one step; moto's threaded server does not (two concurrent
    conditional writes can both pass their check). One lock around moto's writes gives back the guarantee the
    code relies on: with it, 20 concurrent identical submits store one application, as on AWS."""
    import functools

    from moto.dynamodb.models import DynamoDBBackend
    if getattr(DynamoDBBackend, "_biye_atomic", False):
        return
    lock = _WRITE_LOCK
    for name in _WRITES:
        original = getattr(DynamoDBBackend, name)

        @functools.wraps(original)
        def locked(self, *args, _original=original, **kwargs):
            with lock:
                return _original(self, *args, **kwargs)
        setattr(DynamoDBBackend, name, locked)
    _idempotent_transactions(lock)
    DynamoDBBackend._biye_atomic = True


IDEMPOTENCY_SECONDS = 600


def _idempotent_transactions(lock) -> None:
    """DynamoDB remembers a TransactWriteItems' ClientRequestToken for 10 minutes and answers a repeat with the first
    success, without writing again; botocore sends one token per call and keeps it across its retries. moto ignores
    the token, so a retry after a slow answer (a read timeout under load) would fail its own conditions or write
    twice. Remembering successful tokens here gives back what AWS guarantees."""
    import time

    from moto.dynamodb.responses import DynamoHandler
    original, seen = DynamoHandler.transact_write_items, {}

    def transact_write_items(self):
        token, now = self.body.get("ClientRequestToken"), time.monotonic()
        with lock:
            for old in [t for t, (at, _) in seen.items() if now - at > IDEMPOTENCY_SECONDS]:
                del seen[old]
            if token in seen:
                return seen[token][1]
            answer = original(self)
            if token:
                seen[token] = (now, answer)
            return answer
    DynamoHandler.transact_write_items = transact_write_items


def remember_backends() -> None:
    """moto's server finds the service of every request by listing its own package folder (a stat per entry) and
    trying its URL patterns one by one, under one lock: ~1 ms of CPU a request, a tenth of a test's. The answer
    depends on the host name alone, and the folder does not change while the server runs, so each host's service
    is looked up once. (A host no service takes is not remembered, and is looked up and reported each time.)"""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication
    if getattr(DomainDispatcherApplication, "_biye_remembered", False):
        return
    look_up = DomainDispatcherApplication.get_backend_for_host
    found: dict[str | None, object] = {}

    def get_backend_for_host(self, host):
        if host not in found:
            backend = look_up(self, host)
            if not backend:
                return backend
            found[host] = backend
        return found[host]
    DomainDispatcherApplication.get_backend_for_host = get_backend_for_host
    DomainDispatcherApplication._biye_remembered = True


def start_moto(host: str = "127.0.0.1", port: int = 0):
    from . import indexed_query, transaction_undo
    from .moto_server import MotoServer
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per AWS call is noise, not information
    indexed_query.install(_WRITE_LOCK)      # first: it refuses a moto it was not written for
    transaction_undo.install(indexed_query.reindex)
    make_dynamodb_writes_atomic()
    remember_backends()
    server = MotoServer(host, port)
    server.start()
    host, port = server.get_host_and_port()
    return server, f"http://{host}:{port}"


def _upload_placeholder_artifact(s3) -> str:
    """`sam package` would upload the code; locally the code runs in-process, so a marker stands in for it."""
    s3.create_bucket(Bucket="biye-local-artifacts")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("README.txt", "The local stack runs the handlers in-process; see infra/local/router.py.")
    s3.put_object(Bucket="biye-local-artifacts", Key="code.zip", Body=buffer.getvalue())
    return "s3://biye-local-artifacts/code.zip"


def create_stack(endpoint: str, parameters: dict[str, str], sam: dict | None = None) -> LocalStack:
    sam = sam or tpl.read_sam()
    stack = LocalStack(endpoint=endpoint, parameters=parameters, sam=sam)
    os.environ.setdefault("AWS_DEFAULT_REGION", REGION)  # the translator needs a region for ARNs
    cfn_template = tpl.translate(sam, parameters, _upload_placeholder_artifact(stack.client("s3")))
    body = tpl.local_stack_template(cfn_template)
    cloudformation = stack.client("cloudformation")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        given = [{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()]
        cloudformation.create_stack(StackName=STACK_NAME, TemplateBody=json.dumps(body), Parameters=given)
    status = cloudformation.describe_stacks(StackName=STACK_NAME)["Stacks"][0]["StackStatus"]
    if status != "CREATE_COMPLETE":
        raise RuntimeError(f"本地栈创建失败: {status}")
    for resource in cloudformation.describe_stack_resources(StackName=STACK_NAME)["StackResources"]:
        stack.physical_ids[resource["LogicalResourceId"]] = resource["PhysicalResourceId"]
    put_lifecycle_rules(stack.client("s3"), body, parameters, stack.physical_ids)
    return stack


def start(province: str, site_origin: str, host: str = "127.0.0.1", moto_port: int = 0) -> LocalStack:
    """Start moto, create the stack and export the functions' environment into this process."""
    server, endpoint = start_moto(host, moto_port)
    try:
        # Messages=off: no provider here; the outbox keeps every SMS as a readable log (the demo reads codes there)
        stack = create_stack(endpoint, {"Province": province, "Stage": "test", "SiteOrigin": site_origin,
                                        "Messages": "off"})
    except Exception:
        server.stop()
        raise
    stack.server = server
    environment = stack.process_environment()
    # The origin secret CloudFront adds to API requests: made by the province's operator on AWS, here at random.
    stack.client("ssm").put_parameter(Name=environment["BIYE_ORIGIN_SECRET_PARAMETER"], Type="SecureString",
                                      Value=secrets.token_urlsafe(32), Overwrite=True)
    os.environ.update(environment)
    return stack
