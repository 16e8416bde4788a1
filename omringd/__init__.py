"""omringd: load, validate and render the site's content and data, free of MkDocs imports.

One subpackage per capability (see README, "For developers"): `core` is shared by all;
`contacts`, `tree`, `leaflets` and `i18n` build on it; `site` ties them together.
"""
