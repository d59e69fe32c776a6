#!/bin/sh
# Static archives (ar rcs): members pulled on demand, transitively,
# never when unused or only weakly referenced; -L/-l; command-line order
# matters; --start-group/--end-group resolves cycles between archives.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"

start() { # start.o referencing $1
mkobj start.o <<D
section .text ax align 2
bytes 00 00
section .const a align 64
zero 8
section .data aw align 8
zero 16
symbol _start global func .text 0
symbol _start.const global object .const 0
symbol $1 global notype undef 0
symbol opt weak notype undef 0
reloc .data 0 R_GLYPH_64 $1
reloc .data 8 R_GLYPH_64 opt
D
}
member() { # member NAME DEFINES [NEEDS]
    {
        echo "section .text ax align 2"
        echo "bytes 00 00 00 00"
        echo "symbol $2 global func .text 0"
        if [ -n "${3:-}" ]; then
            echo "symbol $3 global notype undef 0"
            echo "section .data aw align 8"
            echo "zero 8"
            echo "reloc .data 0 R_GLYPH_64 $3"
        fi
    } | mkobj "$1"
}

start a1
member m1.o a1 a2          # a1 needs a2, which comes later in the archive
member m2.o a2
member m3.o unused
member m4.o opt            # only weakly referenced: must stay out
mkdir lib
ar rcs lib/libx.a m1.o m3.o m4.o m2.o

run glyph-ld -o prog start.o -Llib -lx
expect_eq "link with -L -l exits 0" "0:" "$STATUS:$ERR"
NM=$(nm prog)
expect_match "a1 pulled" " T a1$" "$NM"
expect_match "a2 pulled (needed by the a1 member)" " T a2$" "$NM"
expect_eq "unused member not pulled" "" "$(printf '%s\n' "$NM" | grep ' unused$')"
expect_match "weak reference does not pull: opt stays weak undefined" " w opt$" "$NM"
D=$("$PEEK" prog sections | awk '$1 == ".data" {print $2}')
expect_eq "reference to a1 resolved" $(( $(sym prog a1) )) "$(peek prog u64 0x$D)"
expect_eq "weak undefined opt is 0" 0 "$(peek prog u64 $((0x$D + 8)))"

run glyph-ld -o prog2 start.o lib/libx.a
expect_eq "archive given as a path" "0" "$STATUS"

run glyph-ld -o prog3 -Llib -lx start.o
expect_eq "archive before the object: exit 1" 1 "$STATUS"
expect_eq "archive before the object: undefined a1" \
    "glyph-ld: error: undefined reference to 'a1' in start.o (.data+0x0)" "$ERR"
expect_no_file "no output" prog3

run glyph-ld -o prog4 start.o -lnothere
expect_eq "missing library" "1|glyph-ld: error: cannot find -lnothere (searched 0 -L directories)" "$STATUS|$ERR"

run glyph-ld -o prog4 -Llib start.o -l:libx.a
expect_eq "-l:FILE searches FILE" 0 "$STATUS"

# a cycle between two archives: y1 -> z1 -> y2
start y1
member y1.o y1 z1
member y2.o y2
member z1.o z1 y2
ar rcs liby.a y1.o y2.o
ar rcs libz.a z1.o
run glyph-ld -o cyc start.o liby.a libz.a
expect_eq "cycle without a group fails" 1 "$STATUS"
expect_eq "cycle without a group: y2 undefined" \
    "glyph-ld: error: undefined reference to 'y2' in libz.a(z1.o) (.data+0x0)" "$ERR"
run glyph-ld -o cyc start.o --start-group liby.a libz.a --end-group
expect_eq "--start-group/--end-group resolves the cycle" "0:" "$STATUS:$ERR"
expect_match "y2 pulled on the second round" " T y2$" "$(nm cyc)"
run glyph-ld -o cyc2 start.o -\( liby.a libz.a -\)
expect_eq "-( -) work too" "0" "$STATUS"
run glyph-ld -o cyc3 start.o --start-group liby.a libz.a
expect_eq "unterminated group" "1|glyph-ld: error: --start-group without --end-group" "$STATUS|$ERR"

# an archive without a symbol index
ar rcS noidx.a y1.o
run glyph-ld -o x start.o noidx.a
expect_eq "archive without index" \
    "1|glyph-ld: error: noidx.a: archive has no symbol index (run ranlib, or create it with ar rcs)" \
    "$STATUS|$ERR"
finish
