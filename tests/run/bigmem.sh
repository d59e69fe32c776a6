# bigmem.sh - large mappings cost host work by runs, not by pages: a
# 1 GiB .bss and a guest mprotect of a 1 GiB mapping each take a bounded
# number of host mprotect calls (--stats counts them; one per 4 KiB page
# would be 262144 each).
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

mk bigbss <<'EOF'
.text
    movq.i64 a0, ib64(0)
    movi.i64 a1, 7
    store.i8 a1, 0(a0)
    load.u8 s0, 0(a0)
    movi.i64 a0, 0
    movq.i64 a1, ib64(1)
    movi.i64 a2, 3
    movi.i64 a3, 0x22
    movi.i64 a4, -1
    movi.i64 a5, 0
    movi.i64.w t0, 222
    syscall
    movq.i64 a1, ib64(1)
    movi.i64 a2, 1
    movi.i64.w t0, 226
    syscall
    add.i64 a0, a0, s0
    movi.i64.w t0, 93
    syscall
.const
    .quad big + 8 + 0x40000000 - 1
    .quad 0x40000000
.data
big: .quad 0
    .bss 0x40000000
EOF
run glyph-run --stats ./bigbss
expect_eq "1 GiB .bss: last byte written and read back; mprotect returned 0" 7 "$STATUS"
calls=$(printf '%s\n' "$ERR" | sed -n 's/.*, \([0-9]*\) host mprotect calls$/\1/p')
if [ -n "$calls" ] && [ "$calls" -lt 64 ]; then
    ok "1 GiB .bss and 1 GiB mprotect: $calls host mprotect calls"
else
    not_ok "1 GiB .bss and 1 GiB mprotect: bounded host mprotect calls" "got '$calls' (want < 64)"
fi

finish
