#!/bin/sh
# A large .bss takes no room in the file, even when other segments
# (colored data, a .bss-only colored segment) follow it in memory: file
# offsets are packed page by page, not a copy of the address space.
# Segments stay page-aligned and congruent, and the bytes after the
# hole are still where the program headers say.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"

mkobj big.o <<'D'
section .text ax align 2
bytes 00 00 00 00
section .const a align 64
zero 8
section .data aw align 8
bytes 11 22 33 44
section .bss nobits aw align 8
zero 16777216
section .data.secret aw align 8 color 5
bytes 55 66 77 88
section .bss.vault nobits aw align 64 color 6
zero 8388608
section .data.late aw align 8 color 7
bytes 99 aa bb cc
symbol _start global func .text 0
symbol _start.const global object .const 0
symbol d0 global object .data 0
symbol secret global object .data.secret 0
symbol late global object .data.late 0
D
run glyph-ld -o prog big.o
expect_eq "links" "0:" "$STATUS:$ERR"
SIZE=$(stat -c %s prog)
expect_eq "file is small (the 24 MiB of .bss is not in it): $SIZE bytes" 1 $(( SIZE < 65536 ))
expect_eq "segments page-aligned, congruent, no shared pages" "" "$(segment_problems prog)"
outside=$("$PEEK" prog phdrs | while read -r t va off fs ms perm color; do
    [ "$t" = LOAD ] && [ $((0x$off + 0x$fs)) -gt "$SIZE" ] && echo "$t $va"
done)
expect_eq "every segment's file bytes lie inside the file" "" "$outside"
expect_eq ".data bytes" "$(( 0x44332211 ))" "$(peek prog u32 $(sym prog d0))"
expect_eq "color-5 .data bytes after the .bss hole" "$(( 0x88776655 ))" "$(peek prog u32 $(sym prog secret))"
expect_eq "color-7 .data after a .bss-only segment" "$(( 0xccbbaa99 ))" "$(peek prog u32 $(sym prog late))"
expect_eq "secret in RW color 5" "RW 5" "$(seg_of prog $(sym prog secret))"
expect_eq "late in RW color 7" "RW 7" "$(seg_of prog $(sym prog late))"
if command -v readelf >/dev/null; then
    run readelf -lW prog
    expect_eq "readelf -l: no warnings" "" "$ERR"
fi
finish
