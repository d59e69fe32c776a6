# cli.sh - the command line: empty input, stdin, default output name,
# --version/--help, --defsym, -I, listings, warnings.
. "$GLYPH_SRC/tests/common.sh"
DUMP="$GLYPH_BUILD/tests/as/_dumpobj"

: > empty.s
run glyph-as -o empty.o empty.s
expect_eq "empty file is not an error" 0 "$STATUS"
expect_eq "empty file: no messages" "" "$ERR"
run "$DUMP" empty.o
expect_match "empty file: a valid ET_REL for EM_GLYPH" '^header machine=0x676c type=REL class=64 data=LSB' "$OUT"
expect_match "empty file: empty .text" 'section \.text type=PROGBITS flags=AX color=0 align=2 size=0' "$OUT"
if command -v readelf >/dev/null; then
    check "empty object: readelf -h reads it" readelf -h empty.o
fi

printf 'nop\n' | glyph-as - > /dev/null 2>&1
expect_eq "stdin (-) writes a.out by default" yes "$([ -f a.out ] && echo yes)"
run "$DUMP" -d a.out
expect_match "stdin input assembled" '0000: 0058 +nop' "$OUT"

run glyph-as --version
expect_match "--version" '^glyph-as ' "$OUT"
run glyph-as --help
expect_match "--help lists -o" '-o FILE' "$OUT"
expect_eq "--help exits 0" 0 "$STATUS"
run glyph-as
expect_eq "no input file: status 1" 1 "$STATUS"
run glyph-as --frobnicate x.s
expect_eq "unknown option: status 1" 1 "$STATUS"

printf '.data\n.byte SIZE, OTHER\n' > d.s
run glyph-as --defsym SIZE=0x12 --defsym OTHER=3*3 -o d.o d.s
expect_eq "--defsym" "  0000: 12 09" "$("$DUMP" -s .data d.o | tail -1)"

mkdir inc
printf '.byte 0x77\n' > inc/part.s
printf '.data\n.include "part.s"\n' > i.s
run glyph-as -I inc -o i.o i.s
expect_eq "-I finds .include files" "  0000: 77" "$("$DUMP" -s .data i.o | tail -1)"

printf '    .text\n    .globl f\nf:  li a0, 5\n    ret\n' > l.s
run glyph-as -al -o l.o l.s
expect_match "-al prints the listing to stdout" '^ +3 0000 9c82 +f:  li a0, 5$' "$OUT"
expect_match "-al shows each line's offset" '^ +4 0002 10a0 +ret$' "$OUT"
run glyph-as -a=l.lst -o l.o l.s
expect_eq "-a=file writes the listing to the file" "" "$OUT"
expect_match "-a=file contents" '^ +3 0000 9c82 ' "$(cat l.lst)"

# warnings: file:line:col: warning:, exit 0
printf '.const\n.byte 1\nmine.const:\n.quad 5\n' > w.s
run glyph-as -o w.o w.s
expect_eq "warnings do not fail the run" 0 "$STATUS"
expect_match "unaligned hand-written block warns" '^w\.s:3:1: warning: immediate block `mine\.const` is not 64-byte aligned' "$ERR"
printf '.const\n.align 3\n' > w2.s
run glyph-as -o w2.o w2.s
expect_match ".align in .const warns" '^w2\.s:2:1: warning: `\.align` to 8 bytes in `\.const`' "$ERR"

# two input files are one source, like GNU as
printf '.data\n.byte 1\n' > a1.s
printf '.byte 2\n' > a2.s
run glyph-as -o two.o a1.s a2.s
expect_eq "several inputs are concatenated" "  0000: 01 02" "$("$DUMP" -s .data two.o | tail -1)"

# an output that is not a regular file is written into, never replaced
# (GNU as writes `-o /dev/null`); a FIFO stands in for the device here
printf 'nop\n' > n.s
mkfifo out.fifo
exec 3<>out.fifo
run glyph-as -o out.fifo n.s
expect_eq "-o FIFO: status 0" 0 "$STATUS"
expect_eq "-o FIFO: the FIFO is still there" yes "$([ -p out.fifo ] && echo yes)"
expect_eq "-o FIFO: the object went into it" 7f454c46 \
    "$(dd bs=4 count=1 iflag=nonblock <&3 2>/dev/null | od -An -tx1 | tr -d ' \n')"
exec 3<&-

# -o through a symbolic link replaces the file it names, not the link
ln -s real.o link.o
run glyph-as -o link.o n.s
expect_eq "-o symlink: the link stays a link" yes "$([ -L link.o ] && echo yes)"
expect_match "-o symlink: its target is the object" '^header machine=0x676c type=REL' \
    "$("$DUMP" real.o 2>&1)"

# the output must not overwrite a source (GNU as refuses too)
printf 'nop\n' > same.s
run glyph-as -o same.s same.s
expect_eq "-o the input: status 1" 1 "$STATUS"
expect_match "-o the input: message" 'the input `same\.s` is also the output' "$ERR"
expect_eq "-o the input: the source is untouched" nop "$(cat same.s)"

# a listing file that cannot be written: error, and no object either
run glyph-as -a=nodir/x.lst -o nl.o n.s
expect_eq "unwritable listing: status 1" 1 "$STATUS"
expect_match "unwritable listing: message" 'cannot write listing `nodir/x\.lst`' "$ERR"
expect_no_file "unwritable listing: no object" nl.o
finish
