"""Following outlets: fresh articles from feeds, sitemaps and section pages.

    ngoaigiao follow add URL | --outlet NAME     # a source (state in the database)
    ngoaigiao follow run --once                  # read sources, fetch new pages, ingest the relevant ones

Small modules, one job each:
- `urls`: normalisation (one page = one URL: tracking parameters, fragments, case dropped).
- `fetch`: the polite HTTP client (robots.txt, per-host delay, conditional GET,
  timeouts, size cap, retries with backoff and Retry-After, redirects).
- `discover`: article URLs (and dates) from RSS/Atom, sitemaps (index, gzipped) and section pages.
- `relevance`: a cheap test (triggers + named persons) before the full pipeline.
- `state`: the follow_* tables (sources, URLs seen, fetch log, runs).
- `run`: one round over the sources; resumable after a kill at any point.
- `outlets`: the known outlets' feeds and sitemaps (data/outlet_feeds.tsv).
"""
