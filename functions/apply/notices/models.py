"""Notices' request and answer models."""
from __future__ import annotations

from pydantic import BaseModel, Field

from functions.common.models import Answer


class NoticeText(BaseModel):
    # Uncapped here so a long text is refused with its length in words (rules.checked_text); the body is capped.
    text: str = Field(description="公告内容（留空即撤下公告）")


class Notice(Answer):
    scope: str = Field(description="谁的公告：province 省级须知，office 考试机构，university 主考院校")
    key: str = Field(description="哪个考试机构（代码）或主考院校（名称）；省级须知为空")
    title: str = Field(description="公告名称")
    text: str = Field(description="公告内容（还没有时为空）")
    updated: str | None = Field(default=None, description="最后修改时间（北京时间）")


class Notices(Answer):
    notices: list[Notice]
