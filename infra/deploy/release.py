"""The site as it is uploaded: CSS and JS under names that carry a hash of their content, and every page pointing
at those names, so assets can be cached for a year while pages (short TTL) pick up a new release at once.

    python -m infra.deploy.release BUILT_SITE OUT
"""
from __future__ import annotations

import hashlib
import re
import shutil
import sys
from pathlib import Path

HASHED = (".css", ".js")
# data-load: a script a page loads when its section is opened (the staff application page's [data-load] buttons).
ASSET_LINK = re.compile(r'(?P<attr>(?:src|href|data-load)=")(?P<path>/static/[^"?#]+)(?P<end>")')


def hashed_name(path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    return f"{path.stem}.{digest}{path.suffix}"


def release(built: Path, out: Path) -> dict[str, str]:
    """Copy `built` to `out` with hashed asset names; answers {old path: new path}. A page naming an asset that is
    not in the build stops the release (it would be a broken page on S3)."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(built, out)
    renamed: dict[str, str] = {}
    for asset in sorted(p for p in out.rglob("*") if p.suffix in HASHED):
        new = asset.with_name(hashed_name(asset))
        asset.rename(new)
        renamed["/" + asset.relative_to(out).as_posix()] = "/" + new.relative_to(out).as_posix()
    for page in sorted(out.rglob("*.html")):
        page.write_text(ASSET_LINK.sub(lambda m, page=page: _point(m, renamed, page.relative_to(out)),
                                       page.read_text(encoding="utf-8")), encoding="utf-8")
    return renamed


def _point(match: re.Match, renamed: dict[str, str], page: Path) -> str:
    path = match.group("path")
    if path not in renamed:
        raise SystemExit(f"{page}：引用的 {path} 不在站点中")
    return match.group("attr") + renamed[path] + match.group("end")


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 2:
        print("用法：python -m infra.deploy.release 构建好的站点目录 输出目录", file=sys.stderr)
        return 2
    renamed = release(Path(args[0]), Path(args[1]))
    print(f"release: {len(renamed)} assets hashed → {args[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
