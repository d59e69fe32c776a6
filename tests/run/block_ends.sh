# block_ends.sh - the block decoder stops after every op that does not fall
# through (isa.def's end column): instructions behind a jump, branch,
# link, ibj, break or syscall are never counted by --stats (a trapping
# instruction is not counted either), and the code after a syscall runs
# once.  Each program's instruction count is written by hand.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

# after NAME STATUS N TRANSFER [CONSTS]: a0 = 0, TRANSFER (which ends
# the block and, but for ibj, skips two movi), exit(a0); ./NAME exits
# with STATUS after N instructions
after() {
    printf '.text\n    movi.i64 a0, 0\n%b\n    movi.i64 a0, 1\n    movi.i64 a0, 2\nover:\n    movi.i64.w t0, 93\n    syscall\n.const\n%b\n' \
        "$4" "${5:-    .quad 0}" > "$1.s"
    "$MKEXE" -o "$1" "$1.s" 2> "$1.err" || { not_ok "build $1" "$(cat "$1.err")"; return; }
    run glyph-run --stats "./$1"
    expect_eq "$1: exit status" "$2" "$STATUS"
    expect_match "$1: $3 instructions" "stats: $3 instructions," "$ERR"
}

after after_j 0 4 '    j over'
after after_b 0 5 '    cmp.eq.i64 a0, a0\n    b over'
after after_link 0 4 '    j.i64 ib64(0)' '    .lanes over - 0x10002, 0'
after after_ibj 2 6 '    ibj 64' '    .quad 0\n    .zero 56\n    .quad 0'
after after_break 133 1 '    break 0'
after after_syscall 2 7 '    movi.i64.w t0, 172\n    syscall'
finish
