"""Pre-render the site: every template in site/templates/pages/ becomes a plain HTML file for one province.

`python -m site_build` is avoided on purpose (the stdlib has a `site` module); run this file by path:
    python site/build.py --province hubei --stage prod --out build/site
A page for a step the province does not take (page_data.wanted) is not built, nor the sandbox pay page outside the
local stage: the command line builds for a deployed stage unless told `--stage local` (`make run` and the tests
build locally through `build()`).
"""
from __future__ import annotations

import argparse
import functools
import shutil
import sys
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

# Both imports need the two folders above on sys.path: this file runs by path (see the docstring), so neither the
# repository nor site/ is importable before those lines, and the imports cannot move to the top.
from functions.profiles.loader import load_profile  # noqa: E402

import minify  # noqa: E402
from page_data import BUNDLES, LOCAL_ONLY_STATIC, template_globals, wanted  # noqa: E402


class CompiledTemplates(BytecodeCache):
    """Each template compiled once per process, whichever province's Environment asks: a test worker builds the
    site for several provinces, and compiling the templates was most of a build's time. Every Environment here has
    the same settings, and Jinja checks each entry against the template's source, so an edited template is compiled
    again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()
# The shared scripts and styles are the same in every build; minifying is pure (text in, text out), so each
# distinct text is minified once per process.
SHRINK = {".js": functools.cache(minify.javascript), ".css": functools.cache(minify.stylesheet)}
BUNDLED = functools.cache(functools.partial(minify.javascript, short_names=True))


def environment(profile) -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, bytecode_cache=COMPILED)
    env.globals.update(template_globals(profile), profile=profile.data)
    # tojson writes Chinese as itself, not as \uXXXX (6 bytes a character, twice a UTF-8 character's 3): the staff
    # layout carries the role names on every page, and page weight is a budget. HTML-unsafe characters are still
    # escaped (Jinja's htmlsafe_json_dumps).
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def build(province: str, out: Path, stage: str = "local") -> list[Path]:
    profile = load_profile(province)
    local = stage == "local"
    env = environment(profile)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(HERE / "static", out / "static")
    if not local:
        for name in LOCAL_ONLY_STATIC:
            (out / "static" / name).unlink()
    for asset in (out / "static").rglob("*"):
        shrink = SHRINK.get(asset.suffix)
        if shrink:
            asset.write_text(shrink(asset.read_text(encoding="utf-8")), encoding="utf-8")
    for name, parts in BUNDLES.items():
        joined = "".join((out / "static" / part).read_text(encoding="utf-8") for part in parts)
        (out / "static" / name).write_text(BUNDLED(joined), encoding="utf-8")
    root = HERE / "templates" / "pages"
    pages = [p for p in (t.relative_to(root).as_posix() for t in sorted(root.rglob("*.html")))
             if wanted(p, profile, local)]
    env.globals["pages"] = pages     # so a page links only to pages this province has
    written = []
    for relative in pages:
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(minify.page(env.get_template(f"pages/{relative}").render()), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--province", default="hubei")
    parser.add_argument("--stage", default="prod", choices=("prod", "test", "local"))
    parser.add_argument("--out", default=str(HERE.parent / "build" / "site"))
    args = parser.parse_args(argv)
    pages = build(args.province, Path(args.out), args.stage)
    print(f"site: {len(pages)} pages → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
