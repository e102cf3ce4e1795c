#!/bin/sh
# Run by `npm test` before anything else: the browser test drives Debian's Chromium
# (/usr/bin/chromium) and needs Japanese fonts for its screenshots. On a fresh Debian machine
# run as root (CI, a container) they are installed here; otherwise the one command to run is
# printed and the test command stops, instead of failing later in the middle of jest.
set -eu
# Overridable for the test of this script only.
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
APT_GET="${APT_GET:-apt-get}"

have_fonts() {
  # grep without -q reads all of fc-list (no SIGPIPE for a caller with pipefail).
  command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep "Noto Sans CJK" >/dev/null
}

if [ -x "$CHROMIUM" ] && have_fonts; then exit 0; fi

INSTALL="apt-get install -y chromium fonts-noto-cjk"
if [ "$(id -u)" = "0" ] && command -v "$APT_GET" >/dev/null 2>&1; then
  echo "npm test: installing Debian's chromium and Japanese fonts for the browser test ($INSTALL)"
  export DEBIAN_FRONTEND=noninteractive
  "$APT_GET" update -qq
  "$APT_GET" install -y -qq chromium fonts-noto-cjk >/dev/null
  if [ -x "$CHROMIUM" ] && have_fonts; then exit 0; fi
  echo "npm test: chromium or the fonts are still missing after $INSTALL" >&2
  exit 1
fi

echo "npm test: the browser test needs Debian's Chromium ($CHROMIUM) and Japanese fonts." >&2
echo "Run this once, then npm test again:" >&2
echo "  sudo $INSTALL" >&2
exit 1
