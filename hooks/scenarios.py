"""MkDocs hook for courses that use `hooks:` instead of `plugins: - scenariosite`.
Options come from `extra.scenariosite`; everything runs through the same plugin class.
MkDocs puts hooks/ on sys.path only while loading this file, so the engine is
imported here, at module top level."""

from scenariosite.adapters.hook import (
    on_build_error,
    on_config,
    on_env,
    on_files,
    on_nav,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_post_page,
    on_pre_build,
    on_serve,
    on_startup,
)

__all__ = [
    "on_build_error",
    "on_config",
    "on_env",
    "on_files",
    "on_nav",
    "on_page_content",
    "on_page_context",
    "on_page_markdown",
    "on_post_build",
    "on_post_page",
    "on_pre_build",
    "on_serve",
    "on_startup",
]
