#!/bin/sh
# What every tool shares on its command line: --version and -v (the
# short form binutils uses) print one line in one format, and option
# errors from getopt name the program, not the path it was run by.
. "$GLYPH_SRC/tests/common.sh"
for t in glyph-as glyph-ld glyph-objdump glyph-run glyph-fmt; do
    exe="$GLYPH_BUILD/bin/$t"
    [ -x "$exe" ] || { not_ok "$t is built"; continue; }
    run "$exe" --version
    expect_match "$t --version" "^0\|$t [0-9]+\.[0-9]+ \(glyph toolchain\)\$" "$STATUS|$OUT"
    V=$OUT
    run "$exe" -v
    expect_eq "$t -v is the same line" "0|$V" "$STATUS|$OUT"
    run "$exe" --no-such-option
    expect_match "$t: an unknown long option names the program" "^$t: " "$ERR"
    expect_eq "$t: ... and fails" 1 "$([ "$STATUS" -ne 0 ] && echo 1)"
    run "$exe" -Q
    expect_match "$t: an unknown short option names the program" "^$t: " "$ERR"
done
finish
