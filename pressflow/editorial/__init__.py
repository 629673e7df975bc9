"""Editors: their decisions on stories and the review server that records them."""
