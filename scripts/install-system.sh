#!/usr/bin/env bash
# Installs the Debian packages cardscan needs, only those that are missing.
# Usage: install-system.sh run|test|bench
# Fast when everything is there already (one dpkg-query), so make calls it every time.
set -euo pipefail

profile=${1:-run}

packages=(
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-jpn tesseract-ocr-jpn-vert
  python3-venv
)
case "$profile" in
  run) ;;
  test)
    packages+=(fonts-noto-cjk fonts-ipafont-gothic fonts-ipafont-mincho fonts-dejavu-core
               chromium postgresql redis-server)
    ;;
  bench)
    packages+=(fonts-noto-cjk fonts-ipafont-gothic fonts-ipafont-mincho fonts-ipaexfont-gothic
               fonts-ipaexfont-mincho fonts-vlgothic fonts-takao-gothic fonts-takao-mincho
               fonts-dejavu-core fonts-liberation2 fonts-freefont-ttf fonts-urw-base35
               fonts-lato fonts-open-sans fonts-noto-core postgresql redis-server)
    ;;
  *) echo "usage: $0 run|test|bench" >&2; exit 2 ;;
esac

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
