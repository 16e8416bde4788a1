"""Build time of the site against plain Material + i18n on the same Markdown, in the same run.

Run: .venv/bin/python bench/build_time.py [rounds]. Prints seconds and the ratio; not a test.
The baseline is `mkdocs build` of mkdocs.yml without our hooks, theme overrides, extra assets
and the i18n option only our hooks make possible (reconfigure_search: we write one search index
per language, a plain site needs the plugin's merged one); ours is the build that publishes
(`make site`: python -m omringd_mkdocs.build), its caches warm (leaflets, compressed copies,
compiled templates, Python's bytecode) as in an editor's next build. Goal (#13): ratio <= 0.6.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


class _Loader(yaml.SafeLoader):
    pass


# Keep `!ENV [NAME, default]` working in the written baseline config: take the default.
_Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def baseline_config(dest: Path, docs_dir: Path = ROOT / "docs") -> Path:
    """A copy of mkdocs.yml with only Material and i18n: no hooks, overrides or extras."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    for key in ("hooks", "extra_css", "extra_javascript", "not_in_nav", "watch"):
        config.pop(key, None)
    # Our site writes one search index per language itself (omringd.site.search), so it turns
    # off the i18n plugin's merging of every language into one; a plain site needs it.
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            plugin["i18n"].pop("reconfigure_search", None)
    config["theme"].pop("custom_dir", None)
    config["theme"].pop("logo", None)
    config["theme"].pop("favicon", None)
    config["docs_dir"] = str(docs_dir)
    # Plain Material does not know our front matter or markers; links stay checked.
    config["strict"] = False
    path = dest / "mkdocs-baseline.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def build_seconds(config: Path, site: Path, cwd: Path = ROOT) -> float:
    """Wall time of one `mkdocs build` in a fresh process."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    return _seconds(cmd, cwd)


def site_build_seconds(config: Path, site: Path, cwd: Path = ROOT, *extra: str) -> float:
    """Wall time of one build of ours as `make site` runs it, in a fresh process."""
    cmd = [sys.executable, "-m", "omringd_mkdocs.build", "-f", str(config), "-d", str(site)]
    return _seconds([*cmd, *extra], cwd)


def _seconds(cmd: list[str], cwd: Path) -> float:
    # Python keeps compiled bytecode, as `make` lets it (the installed packages have theirs).
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


def main(rounds: int = 3) -> None:
    """Alternate baseline and site builds, print medians and the ratio."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        base_cfg = baseline_config(tmp_path)
        site_build_seconds(ROOT / "mkdocs.yml", tmp_path / "warm")  # caches, as after an edit
        ours, base = [], []
        for i in range(rounds):
            base.append(build_seconds(base_cfg, tmp_path / f"base{i}"))
            ours.append(site_build_seconds(ROOT / "mkdocs.yml", tmp_path / f"ours{i}"))
        b, o = statistics.median(base), statistics.median(ours)
        print(f"baseline (Material + i18n): {b:.2f} s  median of {rounds}")
        print(f"omringd site:               {o:.2f} s  median of {rounds}")
        print(f"ratio: {o / b:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
