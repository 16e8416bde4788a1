"""The MDN HTTP Observatory's grade and score for the site served by nginx over HTTPS.

Run: .venv/bin/python bench/observatory.py [SITE_DIR] (after make site and npm ci). Serves the
built site with the shipped configuration over TLS on a free loopback port, with a
self-signed certificate made for the run and trusted by the scan only (NODE_EXTRA_CA_CERTS),
so HSTS counts; plain HTTP on the same port is redirected to HTTPS, as the example's port 80
server does. Prints the grade, the score and each test's result; not a test. Goal: A+, >= 130.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from omringd.publish.nginx import NginxServer, Tls  # noqa: E402

PACKAGE = ROOT / "node_modules" / "@mdn" / "mdn-http-observatory"
SCANNER = PACKAGE / "src" / "scanner" / "index.js"
# The package's install script downloads Chromium's HSTS preload list; npm ci runs with
# --ignore-scripts (no network here). 127.0.0.1 is in no preload list, so an empty one gives
# the same result for this scan.
PRELOAD_LIST = PACKAGE / "conf" / "hsts-preload.json"
# The package's own scan(), on "host:port" (its CLI knows no port and its wrapper replaces
# NODE_EXTRA_CA_CERTS with Mozilla's bundle, leaving out our test certificate).
SCAN = """
const { scan } = await import(process.argv[1]);
const result = await scan(process.argv[2]);
const tests = Object.fromEntries(Object.entries(result.tests).map(
  ([name, t]) => [name, {result: t.result, pass: t.pass, scoreModifier: t.scoreModifier}]));
console.log(JSON.stringify({grade: result.scan.grade, score: result.scan.score, tests}));
"""


def certificate(folder: Path) -> Tls:
    """A self-signed certificate for 127.0.0.1, valid for a day."""
    tls = Tls(cert=folder / "cert.pem", key=folder / "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(tls.key), "-out", str(tls.cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return tls


def main() -> int:
    site_dir = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site")
    if not PRELOAD_LIST.exists():
        PRELOAD_LIST.write_text("{}\n", encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="omringd-observatory-") as tmp:
        tls = certificate(Path(tmp))
        with NginxServer(site_dir, tls=tls) as server:
            env = {**os.environ, "NODE_EXTRA_CA_CERTS": str(tls.cert)}
            host = f"127.0.0.1:{server.port}"
            result = subprocess.run(
                ["node", "--input-type=module", "-e", SCAN, str(SCANNER), host],
                env=env, capture_output=True, text=True, timeout=120, cwd=ROOT,
            )  # fmt: skip
    if result.returncode != 0:
        print(result.stderr or result.stdout, file=sys.stderr)
        return 1
    report = json.loads(result.stdout.strip().splitlines()[-1])
    for name, test in report["tests"].items():
        mark = "pass" if test["pass"] else "FAIL"
        print(f"  {mark} {name:32} {test['scoreModifier']:+4d}  {test['result']}")
    print(f"grade {report['grade']}, score {report['score']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
