"""`make site`: build the whole site into a staging folder and put it in place only when the
build succeeded, so a failed build (early or late) leaves the last good site as it was.

Every stop is one message for the editor: a DataError names file and line; mkdocs.yml is read
first so that a syntax error in it names the file too; an unexpected error says it is ours,
not the editor's (the traceback only with OMRINGD_DEBUG=1).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import traceback
from pathlib import Path

import yaml
from mkdocs.__main__ import ColorFormatter, State
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from omringd.core.errors import DataError
from omringd.core.yamlio import read_text

KEEP = "site/ still holds the last good build."


def check_config_syntax(path: Path) -> None:
    """A YAML syntax error in mkdocs.yml, as a DataError naming the file and line."""
    try:
        yaml.compose(read_text(path), Loader=yaml.SafeLoader)  # tags such as !ENV stay nodes
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err)
        raise DataError(path.name, "YAML syntax", str(problem), line=line) from None


def _build(config_file: Path, staging: Path) -> None:
    cfg = load_config(config_file=str(config_file), site_dir=str(staging), strict=True)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg, dirty=False)
    finally:
        cfg.plugins.on_shutdown()


#: Folders the build writes beside the site (the nginx include of omringd.publish).
COMPANIONS = ("", ".nginx")


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def discard(staging: Path) -> None:
    """Remove a failed build and what it wrote beside itself."""
    for suffix in COMPANIONS:
        shutil.rmtree(_beside(staging, suffix), ignore_errors=True)


def swap_in(staging: Path, site_dir: Path) -> None:
    """Put the new build where the old one was; the old one is removed only afterwards."""
    for suffix in COMPANIONS:
        new, target = _beside(staging, suffix), _beside(site_dir, suffix)
        if not new.exists():
            continue
        old = _beside(target, ".old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        new.rename(target)
        shutil.rmtree(old, ignore_errors=True)


def run(config_file: Path, site_dir: Path) -> int:
    """Build into `site_dir` atomically; 0 on success, 1 for bad input, 2 for our own bug."""
    staging = site_dir.with_name(site_dir.name + ".building")
    discard(staging)
    try:
        check_config_syntax(config_file)
        _build(config_file, staging)
    except (DataError, MkDocsException) as err:
        discard(staging)
        print(f"Error: {err}\nThe build stopped. {KEEP}", file=sys.stderr)
        return 1
    except Exception as err:  # noqa: BLE001 - the editor gets one line, never a traceback
        discard(staging)
        if os.environ.get("OMRINGD_DEBUG"):
            traceback.print_exc()
        print(
            f"Error: the build stopped on a fault in the site's code, not in your text "
            f"({type(err).__name__}: {err}). {KEEP} Please report this message; "
            "OMRINGD_DEBUG=1 shows the details.",
            file=sys.stderr,
        )
        return 2
    swap_in(staging, site_dir)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m omringd_mkdocs.build [--config-file F] [--site-dir D]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", "-f", default="mkdocs.yml", type=Path)
    parser.add_argument("--site-dir", "-d", default="site", type=Path)
    args = parser.parse_args(argv)
    state = State()  # MkDocs' own log format and level, as `mkdocs build` has them
    # One message on one line: a wrapped message would break a file:line an editor copies.
    ColorFormatter.text_wrapper.width = 0
    try:
        return run(args.config_file.resolve(), args.site_dir.resolve())
    finally:
        del state


if __name__ == "__main__":
    sys.exit(main())
