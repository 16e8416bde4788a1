"""Run the shipped nginx configuration locally: a generated wrapper config, `nginx -t`, a server.

nginx runs as the invoking user in a single process (`master_process off`, no `user`
switch, so it reads the same files we do), in the foreground, with its pid file, temp
paths and error log in a run directory of its own. The wrapper holds what differs from a
host: the address, the site root, the build's CSP include and the module path.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from omringd.core.errors import DataError

from .csp import csp_include_path
from .templates import DEPLOY_DIR, render

NGINX = shutil.which("nginx", path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin") or "nginx"
# Debian's paths (packages nginx and libnginx-mod-http-brotli-static).
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")
HSTS_INCLUDE = DEPLOY_DIR / "hsts.conf"


@dataclass(frozen=True)
class Tls:
    """A certificate and its key, for an HTTPS wrapper (the Observatory benchmark)."""

    cert: Path
    key: Path


def free_port() -> int:
    """A TCP port on loopback that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def render_wrapper(
    site_dir: Path,
    run_dir: Path,
    port: int,
    *,
    tls: Tls | None = None,
    csp_include: Path | None = None,
) -> str:
    """The nginx.conf of a local run that serves `site_dir` with the shipped server config."""
    return render(
        "local.conf.j2",
        site_dir=site_dir.resolve(),
        run_dir=run_dir.resolve(),
        port=port,
        tls=tls,
        csp_include=(csp_include or csp_include_path(site_dir)).resolve(),
        deploy_dir=DEPLOY_DIR,
        hsts_include=HSTS_INCLUDE,
        brotli_module=BROTLI_MODULE,
        mime_types=MIME_TYPES,
    )


def write_wrapper(site_dir: Path, run_dir: Path, port: int, **options: object) -> Path:
    """Write the wrapper into `run_dir` (made if missing); return its path."""
    run_dir.mkdir(parents=True, exist_ok=True)
    # The shipped files include each other as omringd/…, relative to the main config's folder.
    link = run_dir / "omringd"
    if not link.is_symlink():
        link.symlink_to(DEPLOY_DIR, target_is_directory=True)
    conf = run_dir / "nginx.conf"
    conf.write_text(render_wrapper(site_dir, run_dir, port, **options), encoding="utf-8")
    return conf


def _command(conf: Path, *extra: str) -> list[str]:
    run_dir = conf.parent
    # -e: the error log before the config is read (the default is under /var/log).
    return [NGINX, "-p", f"{run_dir}/", "-c", str(conf), "-e", str(run_dir / "error.log"), *extra]


def check_config(conf: Path) -> str:
    """Run `nginx -t` on `conf`; raise DataError with nginx's own words when it rejects it."""
    if not BROTLI_MODULE.exists():
        raise DataError(BROTLI_MODULE, "brotli_static", "module missing", valid="make .deb-site")
    result = subprocess.run(_command(conf, "-t"), capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        raise DataError(conf, "nginx -t", result.stderr.strip() or "rejected")
    return result.stderr


class NginxServer:
    """nginx serving a built site with the shipped config, started and stopped by us."""

    def __init__(
        self, site_dir: Path, run_dir: Path | None = None, port: int = 0, tls: Tls | None = None
    ) -> None:
        self.site_dir = site_dir
        self._own_run_dir = run_dir is None
        self.run_dir = run_dir or Path(tempfile.mkdtemp(prefix="omringd-nginx-"))
        self.port = port or free_port()
        self.tls = tls
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The base URL, ending in '/'."""
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}/"

    def start(self, timeout: float = 15) -> str:
        """Check the config, start nginx, wait until it accepts connections; return the URL."""
        conf = write_wrapper(self.site_dir, self.run_dir, self.port, tls=self.tls)
        check_config(conf)
        self.process = subprocess.Popen(_command(conf), stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise DataError(conf, "nginx", f"exited with {self.process.returncode}: "
                                f"{self.error_log()[-2000:]}")  # fmt: skip
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self.url
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise DataError(conf, "nginx", f"not listening on port {self.port} after {timeout} s")

    def error_log(self) -> str:
        """nginx's error log of this run ('' before it wrote one)."""
        log = self.run_dir / "error.log"
        return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""

    def stop(self) -> None:
        """Stop nginx (SIGQUIT: finish the requests under way) and remove our run dir."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self._own_run_dir:
            shutil.rmtree(self.run_dir, ignore_errors=True)

    def __enter__(self) -> NginxServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
