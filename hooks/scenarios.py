"""MkDocs hook: builds the scenario pages. All logic lives in the `scenariosite`
package; MkDocs puts hooks/ on sys.path only while loading this file, so the
engine is imported here, at module top level."""

from scenariosite.adapters.mkdocs_hook import on_config, on_files, on_page_content, on_page_markdown, on_serve

__all__ = ["on_config", "on_files", "on_page_content", "on_page_markdown", "on_serve"]
