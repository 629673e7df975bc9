"""pressflow: partner news in any language -> one deduplicated English feed and a digest."""

__version__ = "0.1.0"
