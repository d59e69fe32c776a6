# sysregs.sh - every system register of lib/sysregs.def on glyph-virt,
# table-driven: tests/system/_sysregs_gen.py writes a kernel and its
# expected console output from the def file, so the def stays the one
# list.  Right after reset the kernel reads every readable register
# (the reset values of docs/system.md "Boot"), reads every write-only one
# and writes (syswrite, sysset, sysclear) every read-only one (illegal
# instruction 2; machine registers a machine fault 15, domain registers
# a domain fault 14: docs/isa.md 7.1) and reads it back unchanged, writes
# all ones to the read-write registers that can take them (reserved
# fields read 0, D16; domain registers ignore writes, D15), reads and
# writes every unlisted number (illegal), and from user code reads and
# writes every number (only the USER registers, D13); every trap saves
# the trapping code's ib in teib.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

if python3 "$GLYPH_SRC/tests/system/_sysregs_gen.py" "$GLYPH_SRC/lib/sysregs.def" \
    gen.s sysregs.expected 2> gen.err; then
    ok "generate the kernel from lib/sysregs.def"
else
    not_ok "generate the kernel from lib/sysregs.def" "$(cat gen.err)"
fi
kern sysregs < gen.s || true
boot sysregs --clock=insn -n 20000000
expect_eq "the kernel powers off (status 0, nothing on stderr)" "0|" "$STATUS|$ERR"
printf '%s\n' "$OUT" > sysregs.out
if diff sysregs.expected sysregs.out > sysregs.diff; then
    ok "every register: reset value, forbidden accesses, reserved fields, user reach"
else
    not_ok "every register: reset value, forbidden accesses, reserved fields, user reach" \
        "$(head -40 sysregs.diff)"
fi
finish
