#!/bin/sh
# Regenerates every committed icon from the two SVG masters in this folder.
# Needs ImageMagick 6 (its built-in SVG renderer is enough) and png2icns (Debian: icnsutils).
#   riskdesk.svg        the mark (shield + "R"), used for 48 px and up
#   riskdesk-small.svg  the same mark with fatter strokes snapped to a 16 px grid, for 16-32 px
# Run from anywhere: sh installer/icons/make-icons.sh
set -eu
cd "$(dirname "$0")"
IM=${IM:-convert}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$IM" -background none -density 384 riskdesk.svg -resize 1024x1024 "$tmp/big.png"
"$IM" -background none -density 384 riskdesk-small.svg -resize 1024x1024 "$tmp/small.png"

mkdir -p png
for s in 16 24 32; do
  "$IM" "$tmp/small.png" -filter Box -resize ${s}x${s} -depth 8 -strip +repage png/riskdesk-$s.png
done
for s in 48 64 128 256 512 1024; do
  "$IM" "$tmp/big.png" -filter Lanczos -resize ${s}x${s} -depth 8 -strip +repage png/riskdesk-$s.png
done

# Linux: one PNG, installed by jpackage as /opt/riskdesk/lib/riskdesk.png and named by the desktop entry.
cp png/riskdesk-256.png ../linux/riskdesk.png
# Windows: a multi-size ICO.
"$IM" png/riskdesk-16.png png/riskdesk-24.png png/riskdesk-32.png png/riskdesk-48.png \
      png/riskdesk-64.png png/riskdesk-128.png png/riskdesk-256.png ../windows/RiskDesk.ico
# macOS: an ICNS holding 16, 32, 48, 128, 256, 512 and 1024 px.
png2icns ../macos/RiskDesk.icns png/riskdesk-16.png png/riskdesk-32.png png/riskdesk-48.png \
      png/riskdesk-128.png png/riskdesk-256.png png/riskdesk-512.png png/riskdesk-1024.png >/dev/null
