"""Crawling: fetch (robots, limits, conditional GET), encoding, feeds, listing pages, article text, dates."""
