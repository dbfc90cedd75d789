#!/usr/bin/env bash
# Make sure the Debian packages the PDF build and the browser tests need are present.
# As root, install the missing ones with apt; otherwise print the one command to run.
set -euo pipefail
packages=(texlive-xetex texlive-latex-extra latexmk fonts-freefont-otf xindy
          texlive-fonts-recommended tex-gyre poppler-utils fonts-noto-cjk fonts-dejavu-core fonts-symbola texlive-lang-cjk texlive-lang-chinese rsync chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v node >/dev/null || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "Missing Debian packages. Run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
