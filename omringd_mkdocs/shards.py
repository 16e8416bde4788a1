"""Build the site's languages in parallel processes and merge them into one site.

The i18n plugin builds one language after another in one process. Here each worker process
builds a run of consecutive languages (a shard) into its own folder, with every hook as in a
sequential build. The parent then moves each shard's language folders into the first shard's
folder (which holds the default language at the root) and runs once the steps that need
every language (`after_all_languages`: leaflets, search index, publishing).
The result is the sequential build's, byte for byte (tests/site/test_parallel.py).

Workers are forked from a process that has already imported MkDocs, the theme and the hooks,
so they start in milliseconds; `make serve` keeps them for every rebuild.
"""

from __future__ import annotations

import logging
import multiprocessing
import shutil
import signal
import time
import traceback
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.utils import CountHandler

from omringd.core.errors import DataError
from omringd.core.files import can_fork, usable_cpus
from omringd_mkdocs import (
    Shard,
    build_order,
    building_shard,
    default_language,
    i18n,
    limit_languages,
    preview_language,
    run_after_all_languages,
)

log = logging.getLogger("mkdocs.omringd.shards")


def split(order: list[str], jobs: int) -> list[tuple[str, ...]]:
    """`order` cut into at most `jobs` runs of consecutive languages, as even as can be (the
    longer runs first: the first also holds the default language's root)."""
    count = max(1, min(jobs, len(order)))
    size, extra = divmod(len(order), count)
    runs, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        runs.append(tuple(order[start:end]))
        start = end
    return runs


@dataclass(frozen=True)
class Failure:
    """Why a shard stopped: bad input (`input`: the editor's message) or our own `fault`."""

    kind: str
    message: str
    details: str = ""  # the traceback of a fault


class ShardFailed(Exception):
    """A shard of a parallel build stopped; the message is the shard's."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.message)
        self.failure = failure


class _QuietSummary(logging.Filter):
    """A shard does not say 'Documentation built': the parent says it for the whole site."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Documentation built in")


def _command(serve_url: str | None) -> str:
    return "serve" if serve_url else "build"


def load(config_file: Path, site_dir: Path, serve_url: str | None = None) -> MkDocsConfig:
    """The configuration of a build into `site_dir` (with `serve_url`: for the preview)."""
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
    if serve_url:  # as `mkdocs serve` does: the pages link to the local server
        config.site_url = serve_url
    return config


def build_whole(config: MkDocsConfig, serve_url: str | None = None) -> None:
    """Every language of `config`, one after another in this process, as `mkdocs build` does."""
    config.plugins.on_startup(command=_command(serve_url), dirty=False)
    try:
        build(config, serve_url=serve_url, dirty=False)
    finally:
        config.plugins.on_shutdown()


def build_shard(
    config_file: str, site_dir: str, shard: Shard, serve_url: str | None = None
) -> Failure | None:
    """Build the languages of `shard` into `site_dir` (in a worker process); None when done."""
    quiet = _QuietSummary()
    build_log = logging.getLogger("mkdocs.commands.build")
    build_log.addFilter(quiet)
    try:
        with building_shard(shard):
            config = load(Path(config_file), Path(site_dir), serve_url)
            plugin = i18n(config)
            if plugin is not None:
                for lang in plugin.config.languages:
                    lang.build = lang.locale in shard.languages
                # The i18n plugin builds its current language first, then the others it builds.
                plugin.current_language = shard.languages[0]
            build_whole(config, serve_url)
    except (DataError, MkDocsException) as err:
        return Failure("input", str(err))
    except Exception as err:  # noqa: BLE001 - reported by the parent, which decides the exit
        return Failure("fault", f"{type(err).__name__}: {err}", traceback.format_exc())
    finally:
        build_log.removeFilter(quiet)
    return None


def part_dir(staging: Path, index: int) -> Path:
    """Where shard `index` builds: the staging folder itself for the first."""
    return staging if index == 0 else staging.with_name(f"{staging.name}.part{index}")


def merge(staging: Path, shards: list[Shard], default: str) -> None:
    """Move every later shard's language folders into `staging` (the first shard's). What
    else a later shard wrote (its copy of the theme's files, the root's search index) the
    first shard has too: it is dropped with the shard's folder."""
    for index, shard in enumerate(shards[1:], start=1):
        folder = part_dir(staging, index)
        for lang in shard.languages:
            if lang == default or (staging / lang).exists():
                raise RuntimeError(f"shard {index} built '{lang}', which is already there")
            (folder / lang).rename(staging / lang)


def discard_parts(staging: Path) -> None:
    """Remove the folders of later shards (after a merge, or a failed build)."""
    for path in staging.parent.glob(f"{staging.name}.part*"):
        shutil.rmtree(path, ignore_errors=True)


def _ignore_interrupt() -> None:
    # Ctrl-C reaches the whole process group: the parent stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Builder:
    """Worker processes that build a site's shards and the parent's merge and last steps.

    `make site` uses it for one build, `make serve` for every rebuild. The workers are forked
    at the first build, from a process that has loaded the configuration (and so imported the
    theme and the hooks) and has no other threads yet."""

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = jobs if jobs is not None else usable_cpus()
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Builder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _workers(self, count: int) -> ProcessPoolExecutor:
        """The worker processes: `count` of them (no more than `jobs`) the first time."""
        if self._pool is None:
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(
                min(count, self.jobs), mp_context=context, initializer=_ignore_interrupt
            )
        return self._pool

    def plan(self, config: MkDocsConfig) -> list[Shard]:
        """The shards this builder makes of the configuration's languages (one: sequential)."""
        limit_languages(config, preview_language())
        order = build_order(config)
        runs = split(order, self.jobs) if can_fork() else []
        return [Shard(run, tuple(order)) for run in runs] or [Shard(tuple(order), tuple(order))]

    def build(self, config_file: Path, staging: Path, serve_url: str | None = None) -> None:
        """Build the whole site into `staging`, in parallel when there is more than one shard;
        raises ShardFailed, DataError or MkDocsException when it stopped (the caller discards
        `staging`)."""
        start = time.monotonic()
        config = load(config_file, staging, serve_url)
        shards = self.plan(config)
        if len(shards) == 1:  # one process: the plain sequential build
            build_whole(config, serve_url)
            return
        self._build_shards(config_file, staging, shards, serve_url)
        merge(staging, shards, default_language(config))
        discard_parts(staging)
        _last_steps(config, serve_url)
        seconds = time.monotonic() - start
        log.info(
            f"Documentation built in {seconds:.2f} seconds "
            f"({sum(len(s.languages) for s in shards)} languages, {len(shards)} processes)"
        )

    def _build_shards(
        self, config_file: Path, staging: Path, shards: list[Shard], serve_url: str | None
    ) -> None:
        try:
            pool = self._workers(len(shards))
            futures: list[Future[Failure | None]] = [
                pool.submit(
                    build_shard, str(config_file), str(part_dir(staging, i)), shard, serve_url
                )
                for i, shard in enumerate(shards)
            ]
            # Every shard runs to its end; the first failure in build order is reported, as a
            # sequential build stops at the first language that fails.
            failures = [future.result() for future in futures]
        except BrokenProcessPool as err:
            self._pool = None
            raise ShardFailed(Failure("fault", f"a build process stopped: {err}")) from err
        for failure in failures:
            if failure is not None:
                raise ShardFailed(failure)


def _last_steps(config: MkDocsConfig, serve_url: str | None) -> None:
    """The steps after every language, as the last language's post-build runs them, with
    strict mode's count of warnings."""
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    config.plugins.on_startup(command=_command(serve_url), dirty=False)
    try:
        run_after_all_languages(config)
    finally:
        config.plugins.on_shutdown()
        logging.getLogger("mkdocs").removeHandler(counter)
    if counts := counter.get_counts():
        msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
        raise Abort(f"Aborted with {msg} in strict mode!")
