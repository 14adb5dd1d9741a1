"""The launch page of the SCORM package (the manifest's `href`).

The course is a site of many pages, and a SCO must call Initialize once and
Terminate once per session. So the launch page holds the session: it finds the
platform's API, opens the session, restores the learner's progress, and shows the
site in a full-size frame; the site's pages report through it, and it closes the
session when the platform closes it. Opened without a platform, it just shows the
site."""

from __future__ import annotations

import html

LAUNCH_PAGE = "scorm.html"
COURSE_SCRIPT = "assets/ss-scorm-course.js"
TRACKING_SCRIPT = "assets/ss-scorm.js"
HOME = "index.html"


def launch_page(title: str, language: str) -> str:
    name = html.escape(title, quote=True)
    return f"""<!doctype html>
<html lang="{html.escape(language, quote=True)}" data-ss-scorm-launch>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{name}</title>
<style>html,body{{margin:0;height:100%;overflow:hidden}}iframe{{display:block;border:0;width:100%;height:100%}}</style>
<script src="{COURSE_SCRIPT}"></script>
<script src="{TRACKING_SCRIPT}"></script>
</head>
<body>
<iframe id="ss-scorm-frame" title="{name}"></iframe>
<noscript><iframe src="{HOME}" title="{name}"></iframe></noscript>
</body>
</html>
"""
