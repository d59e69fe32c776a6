# fault_line.sh - a fault report ends with the source line of the
# faulting pc when the executable has line information (glyph-as -g),
# also for a fault in a function of another file; without it, and with a
# malformed .debug_line, the report is as before.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"
AS="$GLYPH_BUILD/bin/glyph-as"
LD="$GLYPH_BUILD/bin/glyph-ld"
[ -x "$AS" ] && [ -x "$LD" ] || skip_all "glyph-as/glyph-ld not built in $GLYPH_BUILD"

cat > main.s <<'S'
    .text
    .globl _start
_start:
    li a0, 0
    call peek
    li t0, 93
    syscall
S
cat > peek.s <<'S'
    .text
    .globl peek
peek:
    nop
    load.i64 a1, 0(a0)
    ret
S
"$AS" -g -o main.o main.s && "$AS" -g -o peek.o peek.s && "$LD" -o app main.o peek.o
"$AS" -o peek0.o peek.s && "$AS" -o main0.o main.s && "$LD" -o app0 main0.o peek0.o
run glyph-run ./app
expect_eq "exit status" 139 "$STATUS"
expect_match "the report names the faulting line" \
    "^glyph-run: \./app: segmentation fault: load from unmapped address 0x0 at pc=0x[0-9a-f]+ ib=0x[0-9a-f]+ \($(pwd)/peek\.s:5\)$" "$ERR"
run glyph-run ./app0
expect_match "without -g: no line" "ib=0x[0-9a-f]+$" "$ERR"
printf '.text\n.globl _start\n_start:\n    nop\n    break 0\n' > brk.s
"$AS" -g -o brk.o brk.s && "$LD" -o brk brk.o
run glyph-run ./brk
expect_match "breakpoint: the line of the break" "breakpoint: .* \($(pwd)/brk\.s:5\)$" "$ERR"

off=$(readelf -SW app | awk '{ for (i = 1; i < NF; i++) if ($i == ".debug_line") print $(i + 3) }')
cp app bad
printf '\377\377\377\177' | dd of=bad bs=1 seek=$((0x$off)) conv=notrunc 2>/dev/null
run glyph-run ./bad
expect_match "malformed .debug_line: the report without a line" \
    "^glyph-run: \./bad: segmentation fault: load from unmapped address 0x0 at pc=0x[0-9a-f]+ ib=0x[0-9a-f]+$" "$ERR"
finish
