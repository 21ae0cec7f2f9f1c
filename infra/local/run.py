"""`make run`: build the site, start the embedded stack, load demo data and serve the portal on one origin.

    python -m infra.local.run [--province hubei] [--port 8000]
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def prepare_site(province: str, site_dir: Path | None = None) -> Path:
    """Check every profile (a wrong one stops start-up with one line), then pre-render the site (into build/site/<code>
    unless told where: test workers each build their own, since a build empties its folder first)."""
    from functions.profiles.loader import all_profiles, load_profile
    all_profiles()
    code = load_profile(province).code
    sys.path.insert(0, str(ROOT / "site"))
    from build import build
    site_dir = site_dir or ROOT / "build" / "site" / code
    build(code, site_dir)
    return site_dir


def demo_folder(code: str) -> Path:
    """Where `make run` writes a province's demo data before importing it (build/demo/<code>)."""
    return ROOT / "build" / "demo" / code


def prepare_data(province: str, own_hosts: bool = True, demo_dir: Path | None = None) -> list[dict]:
    """Import the reference data and the province's demo candidates, and create the demo accounts.
    Needs the embedded stack started (its environment exported). `own_hosts`: the demo plans offer the province's
    own host universities (infra/demo/hosts.py); without, the plans as published (the tests' stack). The demo data
    is written into `demo_dir` (demo_folder's unless told): test workers each write their own, since one worker
    rewriting the files while another imported them gave it half a file ("应为合法的 JSON", a fresh-clone run)."""
    from functions.common.aws import dynamodb_table
    from functions.common.dynamo.store import Store
    from functions.common.settings import Settings
    from functions.eligibility.importer import import_directory
    from functions.profiles.loader import load_profile
    from infra.demo.generate import write_demo
    from infra.demo.notices import publish_demo_notices

    from .demo_accounts import create_demo_accounts

    profile = load_profile(province)
    demo_dir = demo_dir or demo_folder(profile.code)
    candidates = write_demo(profile.code, demo_dir, own_hosts=own_hosts)
    store = Store(dynamodb_table(Settings.from_env().table))
    offices = {o["code"] for o in profile.data["offices"]}
    import_directory(store, ROOT / "data" / "reference", offices)
    import_directory(store, demo_dir, offices)
    publish_demo_notices(store.table, profile.code)
    return create_demo_accounts(store.table, profile, candidates, own_hosts=own_hosts)


def demo_registration_photos(province: str) -> None:
    """Where the province prints the registration photo (photo: null), the demo's candidates have one to print."""
    from functions.common.aws import dynamodb_table, s3_client
    from functions.common.settings import Settings
    from functions.profiles.loader import load_profile
    from infra.demo.generate import demo_candidates
    from infra.demo.photos import store_demo_photos
    profile = load_profile(province)
    if profile.data["photo"] is None:
        settings = Settings.from_env()
        store_demo_photos(dynamodb_table(settings.table), s3_client(), settings.uploads_bucket,
                          [c["exam_no"] for c in demo_candidates(profile.code)])


def demo_applications(province: str) -> list[dict]:
    """A few demo candidates' applications submitted (infra/demo/submitted.py), so the staff demo logins have a
    queue to decide on; needs the demo accounts made first (prepare_data)."""
    from functions.common.aws import dynamodb_table
    from functions.common.settings import Settings
    from functions.profiles.loader import load_profile
    from infra.demo.generate import demo_candidates
    from infra.demo.submitted import submit_demo_applications
    profile = load_profile(province)
    return submit_demo_applications(dynamodb_table(Settings.from_env().table), profile, demo_candidates(profile.code))


def prepare(province: str, port: int, host: str = "127.0.0.1"):
    """Everything up to serving: (stack, router, demo logins, the demo's submitted applications)."""
    from functions.profiles.loader import profile_code

    from . import stack as local_stack
    from .router import LocalRouter
    site_dir = prepare_site(province)
    stack = local_stack.start(profile_code(province), f"http://{host}:{port}", host=host)
    try:
        logins = prepare_data(province)
        demo_registration_photos(province)
        return stack, LocalRouter(site_dir), logins, demo_applications(province)
    except Exception:
        stack.stop()
        raise



def _padded(text: str, width: int) -> str:
    """Padded to `width` terminal columns: a Chinese character takes two, so the logins line up."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - columns)

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make run")
    parser.add_argument("--province", default=os.environ.get("PROVINCE", "hubei"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        stack, router, logins, applied = prepare(args.province, args.port, args.host)
    except Exception as err:  # noqa: BLE001 — start-up problems are answered in one line
        print(f"无法启动: {str(err).splitlines()[0] if str(err) else type(err).__name__}", file=sys.stderr)
        return 2
    import uvicorn
    url = f"http://{args.host}:{args.port}"
    print(f"\nBiye 已启动: {url}  (省份: {args.province}; 按 Ctrl-C 停止)")
    print(f"工作人员入口: {url}/staff/index.html")
    for login in logins:
        print(f"  {_padded(login['who'], 26)} 登录名 {login['login']:<28} 密码 {login['password']}")
    if applied:
        from infra.demo.submitted import applied_line
        print(applied_line(applied))
    sys.stdout.flush()
    try:
        uvicorn.run(router, host=args.host, port=args.port, log_level="warning", lifespan="off")
    finally:
        stack.stop()
    print("已停止。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
