#!/usr/bin/env bash
# Apertium: a rule-based offline translation engine from Debian packages. pressflow uses it
# where no argos model is installed (es->en direct; fr, it, ro, pt, ca, gl through Spanish).
# `cg3` is needed by the Italian pair. Never fails the install: without Apertium the
# Apertium tests skip and say why, and `pressflow run` reports `no-model` for those pairs.
set -u
PACKAGES="apertium cg3 apertium-eng-spa apertium-fr-es apertium-spa-ita apertium-es-ro apertium-es-pt apertium-es-ca apertium-es-gl"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "20-apertium: no apt-get here; install Apertium ($PACKAGES) yourself to use it"
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "20-apertium: not root; run 'sudo apt-get install -y $PACKAGES' to enable Apertium"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || echo "20-apertium: apt-get update failed; trying the install anyway"
installed=""
for pkg in $PACKAGES; do
  if apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1; then
    installed="$installed $pkg"
  else
    echo "20-apertium: could not install $pkg"
  fi
done
echo "20-apertium: installed:${installed:- nothing}"
if command -v apertium >/dev/null 2>&1; then
  echo "20-apertium: modes available: $(apertium -l 2>/dev/null | tr '\n' ' ')"
fi
exit 0
