"""Read template.yaml the way AWS does: SAM-translate it offline, then pick out what the local stack needs."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "template.yaml"

# What moto's CloudFormation creates for us. The HTTP API, CloudFront and the Lambda runtime are stood in for by
# the local router, which runs each function's real Lambda handler in-process.
LOCAL_RESOURCE_TYPES = ("AWS::DynamoDB::Table", "AWS::S3::Bucket")


class _NoManagedPolicies:
    """The template names no AWS managed policies, so translation needs no IAM call."""

    def load(self) -> dict:
        return {}


def read_sam(path: Path = TEMPLATE) -> dict:
    return yaml_parse(path.read_text(encoding="utf-8"))


def translate(sam: dict, parameters: dict[str, str], artifact_uri: str = "s3://artifacts/code.zip") -> dict:
    """SAM → CloudFormation, as `sam deploy` would after `sam package` replaced local paths by S3 URIs."""
    sam = _with_artifact_uris(sam, artifact_uri)
    return transform(sam, parameters, _NoManagedPolicies())


def _with_artifact_uris(sam: dict, uri: str) -> dict:
    import copy
    sam = copy.deepcopy(sam)
    sam.setdefault("Globals", {}).setdefault("Function", {})["CodeUri"] = uri
    for resource in sam["Resources"].values():
        props = resource.get("Properties", {})
        if resource["Type"] == "AWS::Serverless::LayerVersion":
            props["ContentUri"] = uri
        elif resource["Type"] == "AWS::Serverless::Function" and "CodeUri" in props:
            props["CodeUri"] = uri
    return sam


def local_stack_template(cfn: dict) -> dict:
    resources = {k: v for k, v in cfn["Resources"].items() if v["Type"] in LOCAL_RESOURCE_TYPES}
    return {"AWSTemplateFormatVersion": "2010-09-09", "Parameters": cfn.get("Parameters", {}),
            "Conditions": cfn.get("Conditions", {}), "Resources": resources}


@dataclass(frozen=True)
class Route:
    function: str        # logical id of the function
    handler: str         # "functions.eligibility.handler.handler"
    method: str          # ANY, GET, ...
    path: str            # "/api/eligibility/{proxy+}"
    pattern: re.Pattern

    def matches(self, method: str, path: str) -> bool:
        return (self.method in ("ANY", method)) and bool(self.pattern.fullmatch(path))


def _path_pattern(path: str) -> re.Pattern:
    """API Gateway path syntax: {name} is one segment, {name+} is the rest (at least one character)."""
    out = ""
    for part in re.split(r"(\{[^}]+\})", path):
        if part.startswith("{"):
            out += ".+" if part.endswith("+}") else "[^/]+"
        else:
            out += re.escape(part)
    return re.compile(out)


def http_routes(sam: dict) -> list[Route]:
    routes = []
    for name, resource in sam["Resources"].items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        for event in resource["Properties"].get("Events", {}).values():
            if event["Type"] == "HttpApi":
                props = event["Properties"]
                routes.append(Route(name, resource["Properties"]["Handler"], props["Method"].upper(),
                                    props["Path"], _path_pattern(props["Path"])))
    # Most specific first, as API Gateway matches the longest static prefix.
    return sorted(routes, key=lambda r: -len(r.path.split("{")[0]))


def function_environment(sam: dict, function: str, physical_ids: dict[str, str], parameters: dict[str, str]) -> dict:
    """The environment a function gets on AWS, with each Ref resolved against the created stack."""
    merged = dict(sam.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {}))
    own = sam["Resources"][function]["Properties"].get("Environment", {}).get("Variables", {})
    merged.update(own)
    env = {}
    for key, value in merged.items():
        if isinstance(value, dict) and set(value) == {"Ref"}:
            ref = value["Ref"]
            defaults = {k: v.get("Default") for k, v in sam.get("Parameters", {}).items()}
            value = physical_ids[ref] if ref in physical_ids else parameters.get(ref, defaults.get(ref))
        if not isinstance(value, str):
            raise ValueError(f"template.yaml: {function} 环境变量 {key}: 本地栈只支持字符串与 !Ref")
        env[key] = value
    return env
