#!/usr/bin/env bash
# Installs the Debian packages cardscan needs, only those that are missing.
# Usage: install-system.sh run|test|bench
# Fast when everything is there already (one dpkg-query), so make calls it every time.
set -euo pipefail

profile=${1:-run}

# The CJK fonts draw the variant kanji of names (髙, 﨑) the reader compares the print with.
packages=(
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-jpn tesseract-ocr-jpn-vert tesseract-ocr-script-latn
  python3-venv fontconfig fonts-noto-cjk fonts-ipafont-gothic fonts-ipafont-mincho fonts-ipaexfont-mincho
)
case "$profile" in
  run) ;;
  test)
    packages+=(fonts-dejavu-core chromium postgresql redis-server)
    ;;
  bench)
    packages+=(fonts-ipaexfont-gothic fonts-vlgothic fonts-takao-gothic fonts-takao-mincho
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

# The Latin-script model (ü, é, ç, ß, which eng lacks) without its 89 MB word
# list: the list makes every Tesseract run load for half a second, and names
# are not dictionary words. cardscan.config.LATIN_MODEL says where it goes.
latin_model=/usr/local/share/cardscan/tessdata/lat.traineddata

[ ${#missing[@]} -eq 0 ] && [ -s "$latin_model" ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]} $latin_model" >&2; exit 1; }
  sudo="sudo"
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing system packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
if [ ! -s "$latin_model" ]; then
  latin=$(dpkg -L tesseract-ocr-script-latn | grep '/Latin\.traineddata$')
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  combine_tessdata -u "$latin" "$work/Latin." >/dev/null 2>&1
  for part in lstm lstm-unicharset lstm-recoder lstm-punc-dawg lstm-number-dawg version; do
    mv "$work/Latin.$part" "$work/lat.$part"
  done
  combine_tessdata "$work/lat." >/dev/null 2>&1
  $sudo install -D -m 644 "$work/lat.traineddata" "$latin_model"
  echo "made $latin_model (Latin script, without its word list)" >&2
fi
