"""MkDocs hook for courses that use `hooks:` instead of `plugins: - scenariosite`.
Options come from `extra.scenariosite`; everything runs through the same plugin class.
MkDocs puts hooks/ on sys.path only while loading this file, so the engine is
imported here, at module top level."""

from scenariosite.adapters.hook import (
    on_config,
    on_files,
    on_page_content,
    on_page_markdown,
    on_post_build,
    on_serve,
)

__all__ = ["on_config", "on_files", "on_page_content", "on_page_markdown", "on_post_build", "on_serve"]
