"""The run: stages in order, the lock, preflight and the exit status."""
