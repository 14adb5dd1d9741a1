"""Published URLs never silently disappear.

Two plain text files in `urls/` next to mkdocs.yml keep every public URL of a course
working: `urls/published.txt`, the lock (every URL that may have been shared), and
`urls/redirects.txt` (`old/url/ -> new/url/`, or `old/* -> new/*` for a folder). The
check: every locked URL is still produced, as a page or as a redirect; every redirect
ends at a page; new URLs not yet in the lock are a warning until `scenariosite lock`.

One module per job: `paths` (where the course keeps things, URL arithmetic),
`lockfile` (reading and writing the lock), `redirects` (reading and resolving the
redirects), `check` (the course's URLs against both), `rename_advice` (which redirect
to suggest for a lost URL) and `redirect_pages` (the pages standing at old URLs).
"""
