"""The built pages of all four provinces as files: each page with its CSS and JavaScript ≤ 15 KB gzip, lang="zh-CN",
no inline script or style, and 0 errors from the Nu HTML Checker (vnu-jar from npm, run with the machine's Java)."""
from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ARTEFACTS, PROVINCES, ROOT

BUDGET = 15 * 1024
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ASSETS = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="(/static/[^"]+)"')


def pages(built: dict[str, Path]) -> list[Path]:
    return sorted(p for province in PROVINCES for p in built[province].rglob("*.html") if p.name != "gallery.html")


def weight(page: Path, root: Path) -> dict:
    """Bytes after gzip (level 6, as web servers and CDNs commonly compress) of the page and of each asset it loads."""
    html = page.read_text(encoding="utf-8")
    files = [page] + [root / asset.lstrip("/") for asset in ASSETS.findall(html)]
    return {"page": page.relative_to(root).as_posix(),
            "gzip": sum(len(gzip.compress(f.read_bytes(), 6)) for f in files), "files": len(files)}


def test_every_page_with_its_css_and_javascript_is_at_most_15_kb_gzip(built):
    rows = [{"province": province, **weight(page, built[province])}
            for province in PROVINCES for page in sorted(built[province].rglob("*.html"))
            if page.name != "gallery.html"]
    ARTEFACTS.parent.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS.parent / "page-weights.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), "utf-8")
    heavy = [r for r in rows if r["gzip"] > BUDGET]
    assert not heavy, f"超过 15 KB（gzip）的页面: {heavy}"
    assert len(rows) >= 50


def test_every_page_is_chinese_with_no_inline_script_or_style(built):
    for page in pages(built):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="zh-CN">' in html, page
        inline = re.search(r"<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=", html)
        assert not inline, f"内联脚本或样式: {page}"


def test_the_nu_html_checker_finds_no_error_in_any_page(built):
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail("需要 Java 17 和 node_modules/vnu-jar：请运行 make install（以 root 运行 make system 安装 Java）")
    files = [str(p) for p in pages(built)] + [str(built["hubei"] / "gallery.html")]
    run = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or "{}").get("messages", [])
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}" for m in messages]
    assert not errors, "\n".join(errors)
    assert run.returncode == 0 and len(files) >= 50
