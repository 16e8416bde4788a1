"""`make site`: build the whole site into a staging folder and put it in place only when the
build succeeded, so a failed build (early or late) leaves the last good site as it was.

The languages are built in parallel processes, one run of languages per processor
(omringd_mkdocs.shards); `--jobs 1` builds them one after another in this process, as a plain
`mkdocs build` does. Both give the same site, byte for byte.

Every stop is one message for the editor: a DataError names file and line; mkdocs.yml is read
first so that a syntax error in it names the file too; an unexpected error says it is ours,
not the editor's (the traceback only with OMRINGD_DEBUG=1).
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import threading
import traceback
from pathlib import Path
from typing import NoReturn

import yaml
from mkdocs.__main__ import ColorFormatter, State
from mkdocs.exceptions import MkDocsException

from omringd.core.errors import DataError
from omringd.core.yamlio import read_text
from omringd_mkdocs import cache_folder
from omringd_mkdocs.shards import Builder, ShardFailed, discard_parts
from omringd_mkdocs.theme import share_theme_work

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


#: Folders the build writes beside the site (the nginx include of omringd.publish).
COMPANIONS = ("", ".nginx")


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def discard(staging: Path) -> None:
    """Remove a failed build and what it wrote beside itself."""
    for suffix in COMPANIONS:
        shutil.rmtree(_beside(staging, suffix), ignore_errors=True)
    discard_parts(staging)


def swap_in(staging: Path, site_dir: Path, *, background: bool = False) -> None:
    """Put the new build where the old one was; the old one is removed only afterwards (with
    `background`, by a thread: the preview shows the new pages before the old are gone)."""
    for suffix in COMPANIONS:
        new, target = _beside(staging, suffix), _beside(site_dir, suffix)
        if not new.exists():
            continue
        old = Path(tempfile.mkdtemp(prefix=target.name + ".old.", dir=target.parent))
        if target.exists():
            target.rename(old / "site")
        new.rename(target)
        if background:
            threading.Thread(target=shutil.rmtree, args=(old, True), daemon=True).start()
        else:
            shutil.rmtree(old, ignore_errors=True)


def _fault(message: str, details: str, keep: str) -> int:
    if os.environ.get("OMRINGD_DEBUG"):
        print(details, file=sys.stderr)
    print(
        f"Error: the build stopped on a fault in the site's code, not in your text "
        f"({message}). {keep} Please report this message; OMRINGD_DEBUG=1 shows the details.",
        file=sys.stderr,
    )
    return 2


def run(
    config_file: Path,
    site_dir: Path,
    *,
    serve_url: str | None = None,
    keep: str = KEEP,
    builder: Builder | None = None,
) -> int:
    """Build into `site_dir` atomically; 0 on success, 1 for bad input, 2 for our own bug.
    With `serve_url`, a build for the development server (omringd_mkdocs.serve); with a
    `builder` of more than one job, the languages are built in parallel (without: in this
    process, as `mkdocs build` does)."""
    staging = site_dir.with_name(site_dir.name + ".building")
    discard(staging)
    share_theme_work(cache_folder(config_file) / "jinja")
    try:
        check_config_syntax(config_file)
        (builder or Builder(1)).build(config_file, staging, serve_url)
    except ShardFailed as err:
        discard(staging)
        if err.failure.kind == "fault":
            return _fault(err.failure.message, err.failure.details, keep)
        print(f"Error: {err}\nThe build stopped. {keep}", file=sys.stderr)
        return 1
    except (DataError, MkDocsException) as err:
        discard(staging)
        print(f"Error: {err}\nThe build stopped. {keep}", file=sys.stderr)
        return 1
    except Exception as err:  # noqa: BLE001 - the editor gets one line, never a traceback
        discard(staging)
        return _fault(f"{type(err).__name__}: {err}", traceback.format_exc(), keep)
    swap_in(staging, site_dir, background=serve_url is not None)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m omringd_mkdocs.build [--config-file F] [--site-dir D]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", "-f", default="mkdocs.yml", type=Path)
    parser.add_argument("--site-dir", "-d", default="site", type=Path)
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        help="processes that build languages side by side (default: one per processor; "
        "1: one language after another in this process)",
    )
    args = parser.parse_args(argv)
    state = State()  # MkDocs' own log format and level, as `mkdocs build` has them
    # One message on one line: a wrapped message would break a file:line an editor copies.
    ColorFormatter.text_wrapper.width = 0
    try:
        with Builder(args.jobs) as builder:
            return run(args.config_file.resolve(), args.site_dir.resolve(), builder=builder)
    finally:
        del state


def exit_now(code: int) -> NoReturn:
    """End the process with `code` once its output is out, without the interpreter's teardown
    of every object the build made (a tenth of a second, after the site is in place)."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())
