"""The Content-Security-Policy of a built site: every inline script allowed by its hash.

Material emits a few small inline scripts (its scope and hash helpers, which vary with the
page's depth, and two constant ones). They are found in the built pages and hashed, so the
policy needs neither 'unsafe-inline' nor 'unsafe-eval'. Inline code that a hash cannot allow
without 'unsafe-hashes' (style attributes, event handler attributes, javascript: URLs) is an
error: it has to go from the templates instead.
"""

from __future__ import annotations

import base64
import hashlib
import json
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from omringd.core.errors import DataError
from omringd.core.files import usable_cpus, write_json

from .templates import render

# The script types a browser runs; other types (application/json, ld+json) are data blocks,
# which CSP does not govern.
SCRIPT_TYPES = frozenset(
    {"", "module", "text/javascript", "application/javascript", "application/ecmascript"}
)
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data"})
#: Inline code a hash cannot allow (without 'unsafe-hashes', which the policy never has).
FORBIDDEN_KINDS = frozenset({"style attribute", "event handler", "javascript: URL"})

# The policy's fixed part; the hashes are added to script-src and style-src. No data: for
# images: the build writes Material's inline SVG icons out as files (icons.py).
# form-action 'none': the only form is Material's search box, which script handles and
# never submits.
POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
}


@dataclass(frozen=True, order=True)
class InlineCode:
    """One piece of inline code: its kind ('script', 'style', 'style attribute', ...)."""

    kind: str
    code: str

    @property
    def source(self) -> str:
        """The CSP source that allows it: 'sha256-<base64 of the UTF-8 bytes>'."""
        digest = hashlib.sha256(self.code.encode("utf-8")).digest()
        return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


#: From how many pages the scan runs in parallel processes (fewer: not worth starting them).
PARALLEL_FROM = 64


class _InlineFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[InlineCode] = []
        self._open: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name == "style":
                self.found.append(InlineCode("style attribute", value))
            elif name.startswith("on"):
                self.found.append(InlineCode("event handler", f"{name}={value}"))
            elif name in URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                self.found.append(InlineCode("javascript: URL", value))
        script = tag == "script" and "src" not in values
        if script and values.get("type", "").strip().lower() in SCRIPT_TYPES:
            self._open, self._text = "script", []
        elif tag == "style":
            self._open, self._text = "style", []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open:
            self.found.append(InlineCode(self._open, "".join(self._text)))
            self._open = None


def inline_code(html: str) -> list[InlineCode]:
    """Every inline script, style element, style attribute, handler and javascript: URL."""
    finder = _InlineFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def _file_inline_code(page: Path) -> list[InlineCode]:
    return inline_code(page.read_text(encoding="utf-8"))


def _scan(pages: list[Path]) -> list[list[InlineCode]]:
    # Parsing every page is seconds of a build: on every core (the order stays the pages').
    workers = min(usable_cpus(), 4)
    if workers > 1 and len(pages) >= PARALLEL_FROM:
        with ProcessPoolExecutor(workers) as pool:
            return list(pool.map(_file_inline_code, pages, chunksize=16))
    return [_file_inline_code(page) for page in pages]


#: The file in a cache folder that keeps each page's inline code by the page's content.
CACHE_NAME = "inline-code.json"


def _cache_key(page: Path) -> str:
    return hashlib.sha256(page.read_bytes()).hexdigest()


def _read_cache(path: Path) -> dict[str, list[InlineCode]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {key: [InlineCode(*pair) for pair in codes] for key, codes in data.items()}
    except (OSError, ValueError, TypeError):  # none yet, or unreadable: scan everything
        return {}


def _write_cache(path: Path, known: dict[str, list[InlineCode]]) -> None:
    write_json(
        path, {key: [[c.kind, c.code] for c in codes] for key, codes in sorted(known.items())}
    )


def _pages_inline_code(pages: list[Path], cache: Path | None) -> list[list[InlineCode]]:
    """The inline code of each page; with `cache`, pages whose bytes were scanned before are
    not parsed again (most pages of a build are the same as in the build before)."""
    if cache is None:
        return _scan(pages)
    known = _read_cache(cache / CACHE_NAME)
    keys = [_cache_key(page) for page in pages]
    todo = [(key, page) for key, page in zip(keys, pages, strict=True) if key not in known]
    for (key, _), codes in zip(todo, _scan([page for _, page in todo]), strict=True):
        known[key] = codes
    used = {key: known[key] for key in keys}
    if todo or len(used) != len(known):  # the cache keeps this site's pages only
        _write_cache(cache / CACHE_NAME, used)
    return [known[key] for key in keys]


def site_inline_code(site_dir: Path, cache: Path | None = None) -> dict[InlineCode, list[str]]:
    """The inline code of every built page, each with the pages (relative paths) that hold it.
    With `cache` (a folder), what earlier builds found is reused for pages with the same
    bytes."""
    pages = sorted(site_dir.rglob("*.html"))
    codes = _pages_inline_code(pages, cache)
    found: dict[InlineCode, list[str]] = {}
    for page, page_codes in zip(pages, codes, strict=True):
        rel = page.relative_to(site_dir).as_posix()
        for code in page_codes:
            pages = found.setdefault(code, [])
            if rel not in pages:
                pages.append(rel)
    return dict(sorted(found.items()))


def content_security_policy(script_sources: list[str], style_sources: list[str]) -> str:
    """The policy: POLICY with the given hash sources added to script-src and style-src."""
    extra = {"script-src": sorted(set(script_sources)), "style-src": sorted(set(style_sources))}
    return "; ".join(
        " ".join([name, *values, *extra.get(name, [])]) for name, values in POLICY.items()
    )


def policy_hashes(policy: str) -> dict[str, set[str]]:
    """The hash sources of each directive of `policy`, e.g. {'script-src': {"'sha256-…'"}}."""
    hashes: dict[str, set[str]] = {}
    for directive in policy.split(";"):
        name, *values = directive.split()
        hashes[name] = {v for v in values if v.startswith("'sha256-")}
    return hashes


def csp_include_path(site_dir: Path) -> Path:
    """Where the build writes the policy for nginx: `<site_dir>.nginx/csp.conf`, beside the site.

    Beside and not inside it: the web root serves every file it holds, and server
    configuration has no place there.
    """
    return site_dir.with_name(site_dir.name + ".nginx") / "csp.conf"


def _check_allowed(found: dict[InlineCode, list[str]], site_dir: Path) -> None:
    bad = [(code, pages) for code, pages in found.items() if code.kind in FORBIDDEN_KINDS]
    if bad:
        code, pages = bad[0]
        more = f" and {len(pages) - 1} more pages" if len(pages) > 1 else ""
        raise DataError(
            site_dir / pages[0],
            f"{code.kind} {code.code[:80]!r}{more}",
            "inline code that a CSP hash cannot allow without 'unsafe-hashes'",
            valid="move it to a stylesheet or script under overrides/assets/",
        )


def write_csp_include(site_dir: Path, cache: Path | None = None) -> Path:
    """Hash the inline code of the built pages and write the nginx include with the policy
    (`cache`: see `site_inline_code`)."""
    found = site_inline_code(site_dir, cache)
    _check_allowed(found, site_dir)
    policy = content_security_policy(
        [c.source for c in found if c.kind == "script"],
        [c.source for c in found if c.kind == "style"],
    )
    path = csp_include_path(site_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    scripts = sum(1 for c in found if c.kind == "script")
    styles = sum(1 for c in found if c.kind == "style")
    path.write_text(
        render("csp.conf.j2", policy=policy, scripts=scripts, styles=styles), encoding="utf-8"
    )
    return path


def read_policy(include: Path) -> str:
    """The policy in a csp.conf the build wrote (the value of its `set $omringd_csp`)."""
    for line in include.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("set $omringd_csp "):
            return line.split(" ", 2)[2].rstrip(";").strip('"')
    raise DataError(include, "set $omringd_csp", "no policy found", valid='set $omringd_csp "…";')


def uncovered(found: dict[InlineCode, list[str]], policy: str) -> list[str]:
    """Each piece of inline code `policy` does not allow, as 'page: kind source code…'."""
    hashes = policy_hashes(policy)
    allowed = {
        "script": hashes.get("script-src", set()),
        "style": hashes.get("style-src", set()),
    }
    return [
        f"{pages[0]} (+{len(pages) - 1} pages): {code.kind} {code.source} {code.code[:60]!r}"
        for code, pages in found.items()
        if code.source not in allowed.get(code.kind, set())
    ]
