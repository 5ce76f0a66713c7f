#!/usr/bin/env bash
# Installs the system packages canvas and its tests need, only those that are missing.
# pango: WeasyPrint's text engine; harfbuzz-subset: fast font subsetting; poppler-utils: pdftotext for tests;
# LibreOffice Calc (headless) and Gnumeric (ssconvert): the tests convert workbooks with them and
# import what they saved, as teachers' and clients' spreadsheet programs would; LibreOffice Impress
# (headless) converts the PowerPoint decks to PDF (tests/test_deck.py); Chromium (headless)
# lays out the HTML report at a desktop's and a phone's width (tests/test_screen.py).
set -euo pipefail
missing=()
libs=$(ldconfig -p)
have_lib() { grep -q "$1" <<<"$libs"; }  # not a pipe: grep -q exiting early would trip pipefail
have_lib libpango-1.0.so.0 || missing+=(libpango-1.0-0)
have_lib libpangoft2-1.0.so.0 || missing+=(libpangoft2-1.0-0)
have_lib libharfbuzz-subset.so.0 || missing+=(libharfbuzz-subset0)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui fonts-dejavu-core)
# Impress adds no command of its own: its slide show module (dpkg -L libreoffice-impress-nogui) is the sign
[ -e /usr/lib/libreoffice/program/libslideshowlo.so ] || missing+=(libreoffice-impress-nogui)
command -v ssconvert >/dev/null || missing+=(gnumeric)
command -v chromium >/dev/null || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing system packages: ${missing[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
