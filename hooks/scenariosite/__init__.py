"""scenariosite: turns training scenarios written in YAML into a static MkDocs site.

Pipeline, one module per stage: load → model → check → plan → render, and the
adapters (MkDocs hook, CLI) around it. See README.md, "Architecture".
"""
