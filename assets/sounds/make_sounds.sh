#!/bin/sh
# Regenerates draw.ogg, roll.ogg and stamp.ogg in the folder this script is in.
# Needs sox (Debian package "sox", v14.4.2 used) with Ogg Vorbis support.
# -R makes the noise repeatable; norm -12 puts each peak at about -12 dBFS.
# Output: mono, 22050 Hz, Ogg Vorbis (Vorbis has no bit depth of its own;
# it decodes to 16-bit samples in pygame/SDL_mixer).
set -e
cd "$(dirname "$0")"

# draw.ogg - card draw: a soft paper swish (band-passed pink noise, quick swell and fade)
sox -R -n -r 22050 -c 1 draw.ogg synth 0.22 pinknoise highpass 1200 lowpass 6000 \
    fade q 0.04 0.22 0.16 norm -12

# roll.ogg - die roll: four short woody clicks (two damped tones + band-passed knock
# noise, 40 ms each) at 0, 70, 150 and 260 ms, each softer than the one before
sox -R -m \
  "|sox -R -n -r 22050 -c 1 -p synth 0.04 sine 820 synth 0.04 sine mix 1370 synth 0.04 pinknoise mix band 1100 600 fade l 0 0.04 0.038 pad 0.00 0.30 vol 1.0" \
  "|sox -R -n -r 22050 -c 1 -p synth 0.04 sine 760 synth 0.04 sine mix 1290 synth 0.04 pinknoise mix band 1000 600 fade l 0 0.04 0.038 pad 0.07 0.23 vol 0.8" \
  "|sox -R -n -r 22050 -c 1 -p synth 0.04 sine 880 synth 0.04 sine mix 1450 synth 0.04 pinknoise mix band 1150 600 fade l 0 0.04 0.038 pad 0.15 0.15 vol 0.6" \
  "|sox -R -n -r 22050 -c 1 -p synth 0.04 sine 800 synth 0.04 sine mix 1330 synth 0.04 pinknoise mix band 1050 600 fade l 0 0.04 0.038 pad 0.26 0.04 vol 0.4" \
  -r 22050 -c 1 roll.ogg norm -12

# stamp.ogg - rubber stamp: a low thud (sine falling 150 -> 50 Hz plus a short
# low-passed brown-noise hit)
sox -R -m \
  "|sox -R -n -r 22050 -c 1 -p synth 0.24 sine 150:50 fade q 0.003 0.24 0.21" \
  "|sox -R -n -r 22050 -c 1 -p synth 0.05 brownnoise lowpass 500 fade q 0.001 0.05 0.045 pad 0 0.19" \
  -r 22050 -c 1 stamp.ogg lowpass 900 norm -12
