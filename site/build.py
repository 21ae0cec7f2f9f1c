"""Pre-render the site: every template in site/templates/pages/ becomes a plain HTML file for one province.

`python -m site_build` is avoided on purpose (the stdlib has a `site` module); run this file by path:
    python site/build.py --province hubei --out build/site
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from functions.common.profiles import load_profile  # noqa: E402


def build(province: str, out: Path) -> list[Path]:
    profile = load_profile(province)
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(HERE / "static", out / "static")
    written = []
    for template in sorted((HERE / "templates" / "pages").rglob("*.html")):
        relative = template.relative_to(HERE / "templates" / "pages")
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        page = env.get_template(f"pages/{relative.as_posix()}")
        target.write_text(page.render(profile=profile.data), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--province", default="hubei")
    parser.add_argument("--out", default=str(HERE.parent / "build" / "site"))
    args = parser.parse_args(argv)
    pages = build(args.province, Path(args.out))
    print(f"site: {len(pages)} pages → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
