#!/bin/sh
# Command-line options: -Map=FILE / -Map FILE / -M, -e, --defsym, -s,
# --gc-sections, -u, --image-base, --version, --help and the errors for
# unknown or unsupported options.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"

mkobj main.o <<'D'
section .text ax align 2
bytes 00 00 00 00
section .const a align 64
zero 8
section .text.unused ax align 2
bytes 00 00
section .data aw align 8
zero 16
symbol dstart local object .data 0
symbol _start global func .text 0
symbol _start.const global object .const 0
symbol main global func .text 2
symbol main.const global object .const 0
symbol lonely global func .text.unused 0
symbol used global notype undef 0
symbol shifted global notype undef 0
reloc .const 0 R_GLYPH_64 used
reloc .data 0 R_GLYPH_64 shifted
D
mkobj other.o <<'D'
section .text.used ax align 2
bytes 00 00
section .text.dead ax align 2
bytes 00 00 00 00
section .const.dead a align 64
zero 8
section .bss nobits aw align 8
zero 8
symbol used global func .text.used 0
symbol dead global func .text.dead 0
symbol keepme global func .text.dead 2
symbol dead.const global object .const.dead 0
D

run glyph-ld -o p1 -Map=p1.map main.o other.o --defsym shifted=used+0x10
expect_eq "-Map=FILE links" "0:" "$STATUS:$ERR"
MAP=$(cat p1.map)
expect_match "map: entry line" "^Entry: _start = 0x0*$(printf %x $(( $(sym p1 _start) ))), ib = 0x0*$(printf %x $(( $(sym p1 _start.const) ))) \(_start.const\)$" "$MAP"
expect_match "map: a LOAD line for the RX segment" "^  LOAD +0x0*$(printf %x $(( $(sym p1 _start) & ~4095 ))) .* R\+X +0$" "$MAP"
expect_match "map: output section .text with perm and color" "^\.text +0x[0-9a-f]+ 0x[0-9a-f]+ R\+X +color 0" "$MAP"
expect_match "map: input section line" "^  0x[0-9a-f]+ 0x00000004  main\.o\(\.text\)$" "$MAP"
expect_match "map: symbol line" "^ +0x0*$(printf %x $(( $(sym p1 main) )))  main$" "$MAP"
expect_match "map: --defsym listed" "^  shifted +0x[0-9a-f]+ --defsym$" "$MAP"
expect_match "map: color policy" "colorread  0xffff" "$MAP"
expect_eq "--defsym shifted=used+0x10" $(( $(sym p1 used) + 16 )) "$(peek p1 u64 $(sym p1 dstart))"
expect_eq "--defsym symbol is absolute in the output" "ABS" "$(readelf -sW p1 | awk '$8 == "shifted" {print $7}')"

run glyph-ld -o p2 -Map p2.map main.o other.o --defsym shifted=0x1234
expect_eq "-Map FILE (separate argument) links" "0" "$STATUS"
expect_eq "... and writes the same kind of map" "$(sed -n 1p p2.map | sed 's/p2/p1/')" "$(sed -n 1p p1.map)"
expect_eq "--defsym with a number" 4660 "$(peek p2 u64 $(sym p2 dstart))"

run glyph-ld -o p3 -M main.o other.o --defsym shifted=used
expect_match "-M prints the map on stdout" "^Segments:" "$OUT"
expect_eq "-M output equals a -Map file" "$(sed 's/p3/p1/' <<M
$OUT
M
)" "$(glyph-ld -o p1 -M main.o other.o --defsym shifted=used | sed 's/p3/p1/')"

run glyph-ld -o p4 -e main main.o other.o --defsym shifted=used
expect_eq "-e main: e_entry" $(( $(sym p4 main) )) $(( $(readelf -h p4 | awk '/Entry point/ {print $4}') ))
expect_eq "-e main: entry ib is main.const" "$(printf %x $(( $(sym p4 main.const) )))" "$("$PEEK" p4 entry_ib)"

run glyph-ld -o p5 -s main.o other.o --defsym shifted=used
expect_eq "-s links" 0 "$STATUS"
expect_eq "-s: no .symtab" "" "$(readelf -SW p5 | grep -E '\.symtab|\.strtab')"
expect_eq "-s: same code bytes as unstripped" "$(readelf -x .text p1 | tail -n +2)" "$(readelf -x .text p5 | tail -n +2)"

run glyph-ld -o p6 --gc-sections -Map p6.map main.o other.o --defsym shifted=used
expect_eq "--gc-sections links" 0 "$STATUS"
NM=$(nm p6)
expect_match "gc keeps the entry" " T _start$" "$NM"
expect_match "gc keeps what the entry's block refers to" " T used$" "$NM"
expect_eq "gc drops the unreferenced section's symbols" "" "$(printf '%s\n' "$NM" | grep -E ' (lonely|dead|keepme)$')"
expect_match "map lists what gc dropped" "other\.o\(\.text\.dead\) size 0x4" "$(cat p6.map)"
run glyph-ld -o p7 --gc-sections -u keepme main.o other.o --defsym shifted=used
expect_match "-u keeps a section under --gc-sections" " T keepme$" "$(nm p7)"
expect_match "... and its paired immediate blocks (.text.dead -> .const.dead)" " R dead.const$" "$(nm p7)"
expect_eq "without -u the blocks go too" "" "$(nm p6 | grep dead.const)"
run glyph-ld -o p8 main.o other.o --defsym shifted=used
expect_match "without --gc-sections everything stays" " T dead$" "$(nm p8)"

run glyph-ld -o p9 --image-base=0x400000 main.o other.o --defsym shifted=used
expect_eq "--image-base moves the first segment" "400000" "$("$PEEK" p9 phdrs | awk '$1 == "LOAD" {print $2; exit}')"
run glyph-ld -o p9 --image-base=0x1001 main.o other.o
expect_eq "--image-base must be page aligned" \
    "1|glyph-ld: error: --image-base 0x1001: want a multiple of 4096 in [0x1000, 0x800000000) (the range glyph-run loads), [0xffffc00000000000, 0xffffe00000000000) (a kernel in glyph-run -M virt's RAM) or [0xffffefffff000000, 0xfffff00000000000) (firmware in its ROM)" "$STATUS|$ERR"
# the range is the one glyph-run loads (GL_IMAGE_MIN..GL_IMAGE_LIMIT)
run glyph-ld -o p10 --image-base=0x800000000 main.o other.o --defsym shifted=used
expect_eq "--image-base at the loader's limit is refused" \
    "1|glyph-ld: error: --image-base 0x800000000: want a multiple of 4096 in [0x1000, 0x800000000) (the range glyph-run loads), [0xffffc00000000000, 0xffffe00000000000) (a kernel in glyph-run -M virt's RAM) or [0xffffefffff000000, 0xfffff00000000000) (firmware in its ROM)" "$STATUS|$ERR"
expect_no_file "... and writes nothing" p10
run glyph-ld -o p10 --image-base=0 main.o other.o --defsym shifted=used
expect_eq "--image-base 0 is refused" 1 "$STATUS"
run glyph-ld -o p10 --image-base=0x7ffffe000 main.o other.o --defsym shifted=used
expect_match "an image that would end beyond the limit is refused" \
    "^1\|glyph-ld: error: the image \[0x7ffffe000, 0x8[0-9a-f]+\) ends beyond 0x800000000, the highest address glyph-run loads$" "$STATUS|$ERR"
expect_no_file "... and writes nothing" p10
# the second window: a kernel in glyph-run -M virt's RAM (docs/system.md)
run glyph-ld -o p11 --image-base=0xffffc00000200000 main.o other.o --defsym shifted=used
expect_eq "a kernel base in the machine's RAM links" "0:ffffc00000200000" \
    "$STATUS:$("$PEEK" p11 phdrs | awk '$1 == "LOAD" {print $2; exit}')"
run glyph-ld -o p11 --image-base=0xffffdffffffff000 main.o other.o --defsym shifted=used
expect_match "a kernel image that would end beyond the RAM window is refused" \
    "ends beyond 0xffffe00000000000" "$STATUS|$ERR"
run glyph-ld -o p11 --image-base=0xffff800000000000 main.o other.o --defsym shifted=used
expect_eq "a base between the windows is refused" 1 "$STATUS"
# the third: firmware in the machine's ROM (glyph-run -M virt -bios)
run glyph-ld -o p12 --image-base=0xffffefffff000000 main.o other.o --defsym shifted=used
expect_eq "a firmware base in the machine's ROM links" "0:ffffefffff000000" \
    "$STATUS:$("$PEEK" p12 phdrs | awk '$1 == "LOAD" {print $2; exit}')"
run glyph-ld -o p12 --image-base=0xffffeffffffff000 main.o other.o --defsym shifted=used
expect_match "a firmware image that would end beyond the ROM is refused" \
    "ends beyond 0xfffff00000000000" "$STATUS|$ERR"
run glyph-ld -o p12 --image-base=0xffffeffffeff0000 main.o other.o --defsym shifted=used
expect_eq "a base just below the ROM is refused" 1 "$STATUS"
run glyph-ld -o p10 --image-base=0x7fff00000 main.o other.o --defsym shifted=used
expect_eq "a high base that fits links" "0:" "$STATUS:$ERR"
if command -v glyph-run >/dev/null 2>&1; then
    run glyph-run p10
    expect_match "... and glyph-run loads it (no load error)" "^[0-9]+:$" "$STATUS:$(printf '%s' "$ERR" | grep 'outside the usable')"
fi

cp main.o copy.o
run glyph-ld -o copy.o copy.o other.o
expect_eq "output that is also an input is refused" "1|glyph-ld: error: output file copy.o is also an input" "$STATUS|$ERR"
expect_eq "... and the input survives" "$(cat main.o | od -An | head -3)" "$(cat copy.o | od -An | head -3)"

run glyph-ld --version
expect_match "--version" "^glyph-ld [0-9.]+" "$OUT"
run glyph-ld --help
expect_match "--help lists options" "--gc-sections" "$OUT"
expect_eq "--help exits 0" 0 "$STATUS"

run glyph-ld --frobnicate main.o
expect_eq "unknown long option" "1|glyph-ld: error: unknown option '--frobnicate' (try --help)" "$STATUS|$ERR"
run glyph-ld -Q main.o
expect_eq "unknown short option" "1|glyph-ld: error: unknown option '-Q' (try --help)" "$STATUS|$ERR"
run glyph-ld -o
expect_eq "missing argument" "1|glyph-ld: error: option '-o' needs an argument" "$STATUS|$ERR"
run glyph-ld -r -o x.o main.o
expect_eq "-r is refused" "1|glyph-ld: error: -r (relocatable output) is not supported" "$STATUS|$ERR"
expect_no_file "-r: no output" x.o
run glyph-ld
expect_eq "no inputs" "1|glyph-ld: error: no input files" "$STATUS|$ERR"
run glyph-ld --defsym nonsense main.o
expect_eq "bad --defsym" "1|glyph-ld: error: --defsym nonsense: expected SYM=EXPR" "$STATUS|$ERR"
run glyph-ld -o px main.o other.o --defsym shifted=nosuch+4
expect_eq "--defsym of an undefined symbol" "1|glyph-ld: error: --defsym shifted: undefined symbol 'nosuch'" "$STATUS|$ERR"
finish
