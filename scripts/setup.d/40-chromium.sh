#!/usr/bin/env bash
# A real browser for the review page's browser test and the digest screenshot: Debian's
# chromium, driven by Playwright (the `playwright` Python package comes with the `test`
# extra). Playwright's own browser download is not used: it needs the network at test time.
# Never fails the install: without chromium the browser test skips and says why.
set -u
if [ -x /usr/bin/chromium ]; then
  echo "40-chromium: /usr/bin/chromium already installed ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "40-chromium: no apt-get here; install Chromium yourself to run the browser test"
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "40-chromium: not root; run 'sudo apt-get install -y chromium' to enable the browser test"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || echo "40-chromium: apt-get update failed; trying the install anyway"
if apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; then
  echo "40-chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
else
  echo "40-chromium: could not install chromium; the browser test will skip"
fi
exit 0
