"""Settings every function reads once per container, from the environment the template sets."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

LOCAL_STAGE = "local"
# Each real payment provider's environment variable, set by the template parameter of the same idea.
PAYMENT_PARAMETERS = {"wechat": "BIYE_WECHATPAY_PARAMETER", "alipay": "BIYE_ALIPAY_PARAMETER"}


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
    # The names of the SSM SecureString parameters holding each payment provider's merchant keys ("" = not used).
    payment_parameters: Mapping[str, str] = field(default_factory=dict)
    # The SSM parameter holding the secret CloudFront adds to every API request ("" = no check: CLI, sweeper).
    origin_secret_parameter: str = ""

    @property
    def local(self) -> bool:
        """The embedded stack and the tests: the only stage where stand-ins (sandbox payment, 学信网) exist."""
        return self.stage == LOCAL_STAGE

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        return cls(
            # BIYE_TABLE_NAME (template parameter TableName) switches to a point-in-time restore of the stack's table.
            table=env.get("BIYE_TABLE_NAME") or env.get("BIYE_TABLE", "biye-main"),
            uploads_bucket=env.get("BIYE_UPLOADS_BUCKET", "biye-uploads"),
            forms_bucket=env.get("BIYE_FORMS_BUCKET", "biye-forms"),
            province=env.get("BIYE_PROVINCE", "hubei"),
            stage=env.get("BIYE_STAGE", LOCAL_STAGE),
            payment_parameters={name: env.get(variable, "") for name, variable in PAYMENT_PARAMETERS.items()},
            origin_secret_parameter=env.get("BIYE_ORIGIN_SECRET_PARAMETER", ""),
            messages=env.get("BIYE_MESSAGES", "on"),
            sms_provider=env.get("BIYE_SMS_PROVIDER", ""),
            sms_secret=env.get("BIYE_SMS_SECRET", ""),
        )
