"""The command line: thin click commands over the library."""
from pressflow.cli.commands import main

__all__ = ["main"]
