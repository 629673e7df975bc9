"""Sources: checking them, OPML import/export and the starter scaffold."""
