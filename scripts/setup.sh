#!/usr/bin/env bash
# Optional parts that live outside the virtual environment (Debian packages, model files).
# Each scripts/setup.d/NN-name.sh does one job, says what it did, and never fails the
# install: a part that cannot be installed is reported, and pressflow says so at run time.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
for step in "$here"/setup.d/*.sh; do
  [ -e "$step" ] || continue
  echo "setup: $(basename "$step")"
  bash "$step" || echo "setup: $(basename "$step") could not finish (see above); continuing"
done
exit 0
