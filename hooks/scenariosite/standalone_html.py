"""A small page of our own outside the theme (a redirect, the serve-time error list):
not indexed, readable on a phone, in the site's language."""

from __future__ import annotations

import html


def standalone_page(*, language: str, title: str, body: str, head: str = "", after: str = "") -> str:
    """`title` is plain text; `body`, `head` (more head elements) and `after` (scripts
    after <main>) are HTML the caller has escaped."""
    heading = html.escape(title)
    return f"""<!doctype html>
<html lang="{html.escape(language, quote=True)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
{head}<title>{heading}</title>
</head>
<body>
<main>
{body}
</main>
{after}</body>
</html>
"""
