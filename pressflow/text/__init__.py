"""Shared text helpers: addresses, HTML text, writing systems."""
