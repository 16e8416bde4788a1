"""Every leaflet of the site in every language it declares: the cache serves what it can, and
the leaflets it cannot are rendered side by side, one process per processor (WeasyPrint takes
seconds a leaflet; a changed contact can ask for several)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from omringd.contacts import Directory
from omringd.core.files import can_fork, usable_cpus
from omringd.leaflets.cache import (
    LeafletResult,
    environment_digest,
    render_leaflet,
    served_from_inputs,
)
from omringd.leaflets.model import Leaflet, LeafletConfig
from omringd.leaflets.site import Site

# What the forked workers render: set before the pool is made, so nothing is pickled but the
# index of a job and its result.
_batch: dict[str, Any] = {}


def _render(index: int) -> LeafletResult:
    leaflet, lang = _batch["jobs"][index]
    return render_leaflet(
        _batch["config"],
        leaflet,
        lang,
        _batch["site"],
        cache_dir=_batch["cache_dir"],
        directory=_batch["directory"],
        environment=_batch["environment"],
    )


def _processes(jobs: int | None, work: int) -> int:
    return max(1, min(jobs or usable_cpus(), work)) if can_fork() else 1


def render_all(
    config: LeafletConfig,
    site: Site,
    *,
    cache_dir: Path,
    only: Iterable[str] | None = None,
    directory: Directory | None = None,
    jobs: int | None = None,
) -> list[LeafletResult]:
    """Every leaflet in every language it declares that the site builds, in that order
    (`jobs`: processes for those the cache cannot serve; default one per processor)."""
    wanted = set(only) if only is not None else None
    environment = environment_digest(config, site)
    todo: list[tuple[Leaflet, str]] = [
        (leaflet, lang)
        for leaflet in config.leaflets
        if wanted is None or leaflet.id in wanted
        for lang in leaflet.languages
        if lang in site.languages
    ]
    slow = [
        i
        for i, (leaflet, lang) in enumerate(todo)
        if directory is not None
        or not served_from_inputs(config, leaflet, lang, site, cache_dir, environment)
    ]
    _batch.update(
        jobs=todo,
        config=config,
        site=site,
        cache_dir=cache_dir,
        directory=directory,
        environment=environment,
    )
    try:
        results: dict[int, LeafletResult] = {}
        processes = _processes(jobs, len(slow))
        if processes > 1:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(processes, mp_context=context) as pool:
                results.update(zip(slow, pool.map(_render, slow), strict=True))
        for i in range(len(todo)):
            if i not in results:
                results[i] = _render(i)
        return [results[i] for i in range(len(todo))]
    finally:
        _batch.clear()
