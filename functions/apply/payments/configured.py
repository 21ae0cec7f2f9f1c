"""Which payment providers a stack takes: the sandbox on the local stage only, the configured real ones elsewhere.

A deployed stack never serves the sandbox (its pay button would let a candidate mark their own fee paid). A stack
whose profile charges a fee and has no real provider configured refuses to start, with one log line naming the
template parameters to set, rather than taking applications it cannot collect the fee for.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from functions.common.settings import Settings

from .providers import PaymentProvider, SandboxProvider

log = logging.getLogger("biye")

SANDBOX_PAY_PAGE = "/pay/sandbox.html"
# The template parameter behind each provider's environment variable (common/settings.PAYMENT_PARAMETERS).
TEMPLATE_PARAMETERS = {"wechat": "WechatPayParameter", "alipay": "AlipayParameter"}

# name → builder taking the SSM parameter's name; filled by the real providers' modules.
RealProviders = Mapping[str, Callable[[str], PaymentProvider]]


class ProviderMissing(RuntimeError):
    """The stack cannot take fees as configured: the message says which template parameter to set."""


def refuse(message: str) -> ProviderMissing:
    log.error("%s", message)
    return ProviderMissing(message)


def check_configured(settings: Settings, profile_data: dict, real: RealProviders) -> list[str]:
    """The real providers this stack will use, in order (the first takes new payments); raises ProviderMissing
    (after logging one line) when a fee is charged without one, or a configured one is not available."""
    if settings.local:
        return []
    configured = [name for name, parameter in settings.payment_parameters.items() if parameter]
    unknown = [name for name in configured if name not in real]
    if unknown:
        raise refuse(f"payment provider not available in this version: template parameter "
                     f"{', '.join(TEMPLATE_PARAMETERS[n] for n in unknown)} is set; clear it or deploy a version "
                     f"with that provider")
    if profile_data.get("fee") is not None and not configured:
        raise refuse(f"{profile_data['province']} charges a fee but no payment provider is configured: set the "
                     f"template parameter {' or '.join(TEMPLATE_PARAMETERS.values())} to the name of the SSM "
                     f"SecureString parameter holding the merchant keys (stage {settings.stage} has no sandbox)")
    return configured


def provider_factory(settings: Settings, profile_data: dict, sandbox_secret: Callable[[], bytes],
                     real: RealProviders | None = None) -> Callable[[], dict[str, PaymentProvider]]:
    """What PaymentService calls when it first needs its providers. Checked now, so a wrong stack fails at start."""
    real = real or {}
    names = check_configured(settings, profile_data, real)
    if settings.local:
        return lambda: {"sandbox": SandboxProvider(sandbox_secret(), pay_url=SANDBOX_PAY_PAGE)}
    return lambda: {name: real[name](settings.payment_parameters[name]) for name in names}


def real_providers(clock) -> RealProviders:
    """Every real provider of this version, by name: each module is imported, and its keys read once, when the stack
    first needs that provider (the start-up check needs only the names)."""
    def wechat(parameter: str) -> PaymentProvider:
        from functions.common.aws import ssm_client

        from .wechat import WechatPayProvider
        return WechatPayProvider.from_ssm(ssm_client(), parameter, clock)

    def alipay(parameter: str) -> PaymentProvider:
        from functions.common.aws import ssm_client

        from .alipay import AlipayProvider
        return AlipayProvider.from_ssm(ssm_client(), parameter, clock)
    return {"wechat": wechat, "alipay": alipay}
