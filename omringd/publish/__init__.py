"""Publishing the built site: precompressed files, a strict Content-Security-Policy, nginx.

Pure Python, free of MkDocs: the build hook (hooks/omringd_publish.py) calls `precompress`
and `write_csp_include` once every language is built; tests, `make serve-prod` and the
benchmarks run the shipped nginx configuration (deploy/nginx/) through `NginxServer`.
"""

from .compress import COMPRESSIBLE, precompress
from .csp import (
    InlineCode,
    content_security_policy,
    csp_include_path,
    inline_code,
    policy_hashes,
    read_policy,
    site_inline_code,
    uncovered,
    write_csp_include,
)
from .headers import ALLOWED_HEADERS, check_headers_include, headers_in_include
from .icons import externalize_css, externalize_icons
from .nginx import NginxServer, check_config, render_wrapper
from .templates import DEPLOY_DIR

__all__ = [
    "ALLOWED_HEADERS",
    "COMPRESSIBLE",
    "DEPLOY_DIR",
    "InlineCode",
    "NginxServer",
    "check_config",
    "check_headers_include",
    "content_security_policy",
    "externalize_css",
    "externalize_icons",
    "csp_include_path",
    "headers_in_include",
    "inline_code",
    "policy_hashes",
    "read_policy",
    "precompress",
    "render_wrapper",
    "site_inline_code",
    "uncovered",
    "write_csp_include",
]
