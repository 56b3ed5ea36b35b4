#!/usr/bin/env bash
# Regenerates the tiny test media in this folder and the ffprobe outputs recorded from them
# (probe/*.json, read by FfprobeJsonTest). Needs ffmpeg/ffprobe (Debian's 'ffmpeg' package).
# Every file is 1 s of ffmpeg's lavfi test sources at 160x120 or less: a few KB each.
set -euo pipefail
cd "$(dirname "$0")"
ff=(ffmpeg -hide_banner -loglevel error -y -nostdin)
video=(-f lavfi -i "testsrc2=size=160x120:rate=10:duration=1")
audio=(-f lavfi -i "sine=frequency=440:sample_rate=48000:duration=1")

"${ff[@]}" "${video[@]}" "${audio[@]}" -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -b:a 32k \
  -movflags +faststart h264-aac.mp4
"${ff[@]}" "${video[@]}" "${audio[@]}" -c:v libvpx -b:v 100k -c:a libopus -b:a 24k vp8-opus.webm
"${ff[@]}" "${video[@]}" "${audio[@]}" -c:v libx265 -preset ultrafast -x265-params log-level=error \
  -c:a ac3 -b:a 64k hevc-ac3.mkv
"${ff[@]}" "${video[@]}" "${audio[@]}" -c:v mpeg2video -b:v 200k -c:a mp2 -b:a 64k mpeg2-mp2.mpg
"${ff[@]}" "${video[@]}" "${audio[@]}" -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -b:a 32k \
  h264-aac.mkv
"${ff[@]}" "${video[@]}" "${audio[@]}" -c:v mpeg4 -vtag XVID -q:v 8 -c:a libmp3lame -b:a 32k xvid-mp3.avi
"${ff[@]}" "${video[@]}" -c:v libx264 -preset ultrafast -pix_fmt yuv420p10le h264-10bit-silent.mp4
"${ff[@]}" -f lavfi -i "testsrc2=size=160x120:rate=1:duration=1" -frames:v 1 still.png
"${ff[@]}" -f lavfi -i "testsrc2=size=64x48:rate=1:duration=1" -frames:v 1 cover.jpg
"${ff[@]}" "${audio[@]}" -i cover.jpg -map 0:a -map 1:v -c:a libmp3lame -b:a 32k -c:v copy \
  -disposition:v attached_pic -id3v2_version 3 audio-with-cover.mp3
rm cover.jpg
printf 'This is a text file, not a video.\n' > text-renamed.mp4

for f in h264-aac.mp4 vp8-opus.webm hevc-ac3.mkv mpeg2-mp2.mpg h264-aac.mkv xvid-mp3.avi h264-10bit-silent.mp4 \
    still.png audio-with-cover.mp3 text-renamed.mp4; do
  # The same options FfprobeProbe passes; a file ffprobe cannot read leaves '{}' and an exit code of 1.
  ffprobe -v error -print_format json -show_format -show_streams "$f" > "probe/$f.json" 2>/dev/null || true
done
