"""How long the uploads bucket keeps files (README, "How long files are kept"): never-checked uploads a day, unanswered
auto-fix previews as long as the offer stands, checked files CheckedFilesDays (six years unless the province says
otherwise), replaced or deleted versions 30 days. Read from the template and as moto's S3 holds them once created."""
from __future__ import annotations

from functions.photo.uploads.store import KEEP_SECONDS
from infra.local import template as tpl
from infra.local.bucket_rules import lifecycle_rules

DAY = 24 * 60 * 60


def rules(sam: dict | None = None) -> dict[str, dict]:
    sam = sam or tpl.read_sam()
    config = sam["Resources"]["UploadsBucket"]["Properties"]["LifecycleConfiguration"]["Rules"]
    return {r["Id"]: r for r in config}


def test_every_prefix_the_photo_function_writes_has_its_rule():
    by_id = rules()
    assert (by_id["unchecked-uploads"]["Prefix"], by_id["unchecked-uploads"]["ExpirationInDays"]) == ("uploads/", 1)
    # An upload can be checked as long as its file is there (no attempt item is stored before the check): a day.
    assert by_id["fix-previews"]["Prefix"] == "previews/"
    assert by_id["fix-previews"]["ExpirationInDays"] * DAY >= KEEP_SECONDS            # while the offer can be taken
    checked = by_id["checked-files"]
    assert checked["Prefix"] == "checked/" and checked["ExpirationInDays"] == {"Ref": "CheckedFilesDays"}
    assert checked["Transitions"] == [{"TransitionInDays": 180, "StorageClass": "STANDARD_IA"}]
    assert by_id["old-versions"]["NoncurrentVersionExpiration"] == {"NoncurrentDays": 30}


def test_checked_files_outlive_the_time_a_decision_can_be_challenged():
    parameter = tpl.read_sam()["Parameters"]["CheckedFilesDays"]
    # five years after the decision (行政诉讼法 第四十六条) and the year of the round before it
    assert parameter["Default"] >= 6 * 365 and parameter["MinValue"] >= 365
    assert parameter["MinValue"] > rules()["checked-files"]["Transitions"][0]["TransitionInDays"]


def test_the_created_bucket_holds_the_rules_with_the_provinces_number(stack):
    s3 = stack.client("s3")
    held = s3.get_bucket_lifecycle_configuration(Bucket=stack.physical_ids["UploadsBucket"])["Rules"]
    checked = next(r for r in held if r["ID"] == "checked-files")
    assert checked["Expiration"]["Days"] == 2190 and checked["Transitions"][0]["StorageClass"] == "STANDARD_IA"
    assert next(r for r in held if r["ID"] == "unchecked-uploads")["Expiration"]["Days"] == 1
    # A province that keeps them ten years says so at deploy time (CheckedFilesDays=3650), and S3 takes that rule.
    sam = tpl.read_sam()
    ten_years = lifecycle_rules(rules(sam).values(), {"CheckedFilesDays": "3650"}, sam["Parameters"])
    s3.create_bucket(Bucket="lifecycle-ten-years")
    s3.put_bucket_lifecycle_configuration(Bucket="lifecycle-ten-years", LifecycleConfiguration={"Rules": ten_years})
    held = s3.get_bucket_lifecycle_configuration(Bucket="lifecycle-ten-years")["Rules"]
    assert next(r for r in held if r["ID"] == "checked-files")["Expiration"]["Days"] == 3650
