"""The candidate's current accepted files (photo, ID card, diploma, …), as the photo function stores them.

The photo function writes them (functions/photo/uploads.py); the apply function reads them for the check-answers
page and the printed forms. One query: every CAND#<exam_no> / UPLOAD#<kind> item.
"""
from __future__ import annotations

from boto3.dynamodb.conditions import Key

from functions.common.dynamo import keys


def current_uploads(table, exam_no: str) -> dict[str, dict]:
    """{kind: item} of the candidate's current files (status ok, pending_review, approved or rejected)."""
    answer = table.query(ConsistentRead=True, KeyConditionExpression=Key(keys.PK).eq(f"CAND#{exam_no}")
                         & Key(keys.SK).begins_with(keys.CURRENT_UPLOAD_PREFIX))
    return {item["upload_kind"]: item for item in answer["Items"]}
