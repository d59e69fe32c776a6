#!/bin/sh
# The output file: created with mode 0777 minus the umask (as GNU ld),
# written to a temporary beside it and renamed; when it cannot be
# created the message names the output, not the temporary, and nothing
# is left behind.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"

mkobj s.o <<'D'
section .text ax align 2
bytes 00 00
section .const a align 64
zero 8
symbol _start global func .text 0
symbol _start.const global object .const 0
D
mode() { stat -c %a "$1"; }

(umask 022 && glyph-ld -o p022 s.o)
expect_eq "umask 022: mode 755" 755 "$(mode p022)"
(umask 077 && glyph-ld -o p077 s.o)
expect_eq "umask 077: mode 700" 700 "$(mode p077)"
(umask 027 && glyph-ld -o p027 s.o)
expect_eq "umask 027: mode 750" 750 "$(mode p027)"

run glyph-ld -o nodir/prog s.o
expect_eq "output in a missing directory" \
    "1|glyph-ld: error: cannot create nodir/prog: No such file or directory" "$STATUS|$ERR"

mkdir adir
run glyph-ld -o adir s.o
expect_eq "output is a directory: exit 1" 1 "$STATUS"
expect_match "... names it" "adir" "$ERR"
expect_eq "... the directory is untouched" "" "$(ls adir)"
expect_eq "no temporaries left anywhere" "" "$(ls | grep -i tmp)"
finish
