"""The staff view of the SMS sent to a candidate."""
from __future__ import annotations

from pydantic import Field

from functions.common.models import Answer


class SentMessage(Answer):
    kind: str = Field(description="短信种类")
    to: str = Field(description="手机号（部分隐去）")
    text: str = Field(description="短信内容（验证码隐去）")
    status: str = Field(description="发送状态：queued, sending, sent, delivered, failed, unknown, held, logged")
    status_text: str = Field(description="发送状态")
    queued_at: str = Field(description="生成时间（北京时间）")
    attempts: int = Field(description="已尝试发送次数")
    last_try: str | None = Field(description="最近一次发送（北京时间）")
    provider_says: str | None = Field(description="短信服务商的答复")


class SentMessages(Answer):
    messages: list[SentMessage]
