"""Settings every function reads once per container, from the environment the template sets."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    table: str
    uploads_bucket: str
    forms_bucket: str
    province: str
    stage: str
    messages: str = "on"            # SMS on or off (template parameter Messages)
    sms_provider: str = ""          # aliyun | tencent | "" (template parameter SmsProvider)
    sms_secret: str = ""            # the SSM SecureString holding the provider's keys (JSON)

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        return cls(
            table=env.get("BIYE_TABLE", "biye-main"),
            uploads_bucket=env.get("BIYE_UPLOADS_BUCKET", "biye-uploads"),
            forms_bucket=env.get("BIYE_FORMS_BUCKET", "biye-forms"),
            province=env.get("BIYE_PROVINCE", "hubei"),
            stage=env.get("BIYE_STAGE", "local"),
            messages=env.get("BIYE_MESSAGES", "on"),
            sms_provider=env.get("BIYE_SMS_PROVIDER", ""),
            sms_secret=env.get("BIYE_SMS_SECRET", ""),
        )
