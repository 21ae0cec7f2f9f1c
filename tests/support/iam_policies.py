"""Each function's IAM policies as the translated template grants them, and whether one AWS call is allowed.

moto does not enforce IAM, so a call a function's role lacks passes every test and fails on AWS. Calls are named as
IAM names them (`dynamodb:BatchGetItem` on `arn:aws:dynamodb:REGION:ACCOUNT:table/MainTable/index/GSI2`), with a
resource's logical id standing for its physical name on both sides, so the template's ARNs and a recorded call's
compare without a deployed stack.
"""
from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass
from functools import cache

from infra.local import template as tpl

REGION, ACCOUNT = "REGION", "ACCOUNT"
PSEUDO = {"AWS::Partition": "aws", "AWS::Region": REGION, "AWS::AccountId": ACCOUNT, "AWS::URLSuffix": "amazonaws.com"}
PARAMETERS = {"Province": "hubei", "Stage": "test", "SiteOrigin": "https://grad.example.cn"}


@dataclass(frozen=True, order=True)
class Call:
    function: str        # logical id: PhotoFunction
    action: str          # dynamodb:BatchGetItem
    resource: str        # arn:aws:dynamodb:REGION:ACCOUNT:table/MainTable


def arn(logical: str, resource_type: str) -> str:
    """The ARN of a template resource, its logical id standing for its name."""
    if resource_type == "AWS::DynamoDB::Table":
        return f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{logical}"
    if resource_type == "AWS::S3::Bucket":
        return f"arn:aws:s3:::{logical}"
    if resource_type == "AWS::SNS::Topic":
        return f"arn:aws:sns:{REGION}:{ACCOUNT}:{logical}"
    return f"arn:aws:{resource_type}:{REGION}:{ACCOUNT}:{logical}"


def _resolve(value, resources: dict, parameters: dict):
    """Fn::GetAtt X.Arn, Ref and Fn::Sub over the template's resources, parameters and pseudo parameters."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "Fn::GetAtt" in value:
        logical, attribute = value["Fn::GetAtt"]
        assert attribute == "Arn", value
        return arn(logical, resources[logical]["Type"])
    if isinstance(value, dict) and "Ref" in value:
        name = value["Ref"]
        return PSEUDO.get(name) or parameters.get(name) or name
    if isinstance(value, dict) and "Fn::Sub" in value:
        text = value["Fn::Sub"]

        def one(match: re.Match) -> str:
            name = match.group(1)
            if name.endswith(".Arn"):
                return arn(name[:-4], resources[name[:-4]]["Type"])
            return PSEUDO.get(name) or parameters.get(name) or name
        return re.sub(r"\$\{([^}]+)\}", one, text)
    raise ValueError(f"cannot resolve {value!r}")


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


@cache
def policies() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """{function logical id: [(actions, resources)] of its role's Allow statements}, from the translated template."""
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")   # SAM's translator asks boto3 for a region
    parameters = {**{k: v.get("Default", "") for k, v in tpl.read_sam().get("Parameters", {}).items()}, **PARAMETERS}
    cfn = tpl.translate(tpl.read_sam(), parameters)
    resources = cfn["Resources"]
    granted: dict[str, list] = {}
    for name, resource in resources.items():
        if resource["Type"] != "AWS::Lambda::Function":
            continue
        role = resource["Properties"]["Role"]["Fn::GetAtt"][0]
        statements = []
        for policy in resources[role]["Properties"].get("Policies", []):
            for statement in _listed(policy["PolicyDocument"]["Statement"]):
                if statement.get("Effect") == "Allow":
                    actions = tuple(a.lower() for a in _listed(statement["Action"]))
                    targets = tuple(_resolve(r, resources, parameters) for r in _listed(statement["Resource"]))
                    statements.append((actions, targets))
        granted[name] = statements
    return granted


def allowed(call: Call) -> bool:
    for actions, targets in policies().get(call.function, []):
        if any(fnmatch.fnmatchcase(call.action.lower(), a) for a in actions) and \
                any(fnmatch.fnmatchcase(call.resource, t) for t in targets):
            return True
    return False


def denied(calls) -> list[Call]:
    return sorted(c for c in set(calls) if not allowed(c))
