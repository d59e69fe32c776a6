# stop_line.sh - -M virt: "machine stopped" ends with the source line of
# pc when the kernel has line information (glyph-as -g), and is as
# before without it.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"
cat > k.s <<'S'
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    wfi                         # nothing can wake it: the machine stops
    nop                         # ... with pc here
S
glyph-as -g -o kg.o k.s && glyph-ld --image-base "$KBASE" -o kg kg.o
glyph-as -o k0.o k.s && glyph-ld --image-base "$KBASE" -o k0 k0.o
boot kg
expect_match "the stop names pc's line" \
    "^glyph-run: machine stopped: wfi with nothing that can wake it .* at pc=0x[0-9a-f]+ ib=0x[0-9a-f]+ \($(pwd)/k\.s:6\)$" "$ERR"
boot k0
expect_match "without -g: as before" "machine stopped: .* ib=0x[0-9a-f]+$" "$ERR"
finish
