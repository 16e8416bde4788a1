"""Stylesheets that content brings move from the body into the head (omringd.site.head)."""

from __future__ import annotations

from omringd.site.head import hoist_stylesheets

HEAD = '<html><head><link rel="stylesheet" href="a.css">\n</head>'


def test_body_stylesheets_move_to_the_end_of_the_head_once_each() -> None:
    body = (
        '<body><p>x</p><link rel="stylesheet" href="../c.css"><p>y</p>'
        '<link rel="stylesheet" href="../c.css"><link rel="stylesheet" href="a.css">'
        '<link rel="icon" href="i.svg"></body></html>'
    )
    assert hoist_stylesheets(HEAD + body) == (
        '<html><head><link rel="stylesheet" href="a.css">\n'
        '  <link rel="stylesheet" href="../c.css">\n'
        '</head><body><p>x</p><p>y</p><link rel="icon" href="i.svg"></body></html>'
    )


def test_scripts_and_pages_without_body_stylesheets_are_left_alone() -> None:
    html = HEAD + '<body><script>s = "<link rel=stylesheet href=x.css>";</script></body>'
    assert hoist_stylesheets(html) == html
    assert hoist_stylesheets("<p>a fragment</p>") == "<p>a fragment</p>"
