"""The buckets' lifecycle rules as template.yaml gives them, put on the local buckets: moto's CloudFormation
creates a bucket without them. CloudFormation's rule shape is turned into the S3 API's, as CloudFormation does on
AWS, with the stack's parameters (or their defaults) in place of a Ref."""
from __future__ import annotations


def lifecycle_rules(rules: list[dict], parameters: dict[str, str], declared: dict[str, dict]) -> list[dict]:
    def value(v):
        if isinstance(v, dict) and "Ref" in v:
            return int(parameters.get(v["Ref"], declared[v["Ref"]].get("Default")))
        return v

    out = []
    for rule in rules:
        api: dict = {"ID": rule["Id"], "Status": rule["Status"], "Filter": {"Prefix": rule.get("Prefix", "")}}
        expiration = {}
        if "ExpirationInDays" in rule:
            expiration["Days"] = value(rule["ExpirationInDays"])
        if rule.get("ExpiredObjectDeleteMarker"):
            expiration["ExpiredObjectDeleteMarker"] = True
        if expiration:
            api["Expiration"] = expiration
        if "Transitions" in rule:
            api["Transitions"] = [{"Days": value(t["TransitionInDays"]), "StorageClass": t["StorageClass"]}
                                  for t in rule["Transitions"]]
        if "NoncurrentVersionExpiration" in rule:
            api["NoncurrentVersionExpiration"] = dict(rule["NoncurrentVersionExpiration"])
        if "AbortIncompleteMultipartUpload" in rule:
            api["AbortIncompleteMultipartUpload"] = dict(rule["AbortIncompleteMultipartUpload"])
        out.append(api)
    return out


def put_lifecycle_rules(s3, cfn: dict, parameters: dict[str, str], physical_ids: dict[str, str]) -> None:
    for name, resource in cfn["Resources"].items():
        config = resource["Type"] == "AWS::S3::Bucket" and resource.get("Properties", {}).get("LifecycleConfiguration")
        if config and name in physical_ids:
            s3.put_bucket_lifecycle_configuration(Bucket=physical_ids[name], LifecycleConfiguration={
                "Rules": lifecycle_rules(config["Rules"], parameters, cfn.get("Parameters", {}))})
