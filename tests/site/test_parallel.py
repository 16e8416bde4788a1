"""The parallel build publishes what a plain sequential build publishes, byte for byte, and
two builds in a row are the same (#13). The session's build starts with empty caches and the
others reuse its caches (search entries, compressed copies, inline code, leaflets), so the
comparison also shows that what is kept is what would be made again."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_site, cache_dir, copy_project


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a build and of the nginx include written beside it."""
    out = {}
    for root in (site, site.with_name(site.name + ".nginx")):
        for path in sorted(root.rglob("*")):
            if path.is_file():
                out[f"{root.name[len(site.name) :]}:{path.relative_to(root)}"] = path.read_bytes()
    return out


def _differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    names = sorted(set(first) | set(second))
    return [name for name in names if first.get(name) != second.get(name)]


def test_parallel_and_sequential_builds_are_byte_identical(site_dir: Path, tmp_path: Path) -> None:
    # The leaflets and compressed copies come from the session build's cache: this compares
    # the builds, not WeasyPrint.
    cache = cache_dir(site_dir)
    sequential = tmp_path / "sequential"
    done = build_site(sequential, cache=cache, plain=True)
    assert done.returncode == 0, done.stderr[-3000:]
    parallel = tmp_path / "parallel"
    done = build_site(parallel, cache=cache, jobs=3)  # three shards, on any machine
    assert done.returncode == 0, done.stderr[-3000:]
    assert "3 processes" in done.stderr
    expected = _files(sequential)
    assert len(expected) > 1000
    assert _differences(expected, _files(parallel)) == []
    # The session's build (one process per processor), made earlier: two builds in a row.
    assert _differences(expected, _files(site_dir)) == []


def test_the_kept_navigation_is_the_navigation_rendered_for_each_page(
    site_dir: Path, tmp_path: Path
) -> None:
    # overrides/partials/nav.html renders the navigation once per folder for the pages
    # outside it; without that override every page renders its own (Material's nav.html).
    project = copy_project(tmp_path / "project")
    (project / "overrides" / "partials" / "nav.html").unlink()
    plain = tmp_path / "site"
    done = build_site(plain, root=project, cache=cache_dir(site_dir))
    assert done.returncode == 0, done.stderr[-3000:]
    pages = [p.relative_to(site_dir) for p in site_dir.rglob("*.html")]
    assert len(pages) > 300
    assert [str(p) for p in pages if (plain / p).read_bytes() != (site_dir / p).read_bytes()] == []
