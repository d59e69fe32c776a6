# block_ends.sh - the block decoder stops after every op that does not fall
# through (isa.def's end column): instructions behind a jump, branch,
# link, ibj, break or syscall are never counted by --stats (a trapping
# instruction is not counted either), and the code after a syscall runs
# once.  Each program's instruction count is
# written by hand.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

# count NAME STATUS N: ./NAME exits with STATUS after N instructions
count() {
    run glyph-run --stats "./$1"
    expect_eq "$1: exit status" "$2" "$STATUS"
    expect_match "$1: $3 instructions" "stats: $3 instructions," "$ERR"
}

mk after_j <<'EOF' && count after_j 0 4
.text
    movi.i64 a0, 0
    j over
    movi.i64 a0, 1
    movi.i64 a0, 2
over:
    movi.i64.w t0, 93
    syscall
.const
    .quad 0
EOF

mk after_b <<'EOF' && count after_b 0 5
.text
    movi.i64 a0, 0
    cmp.eq.i64 a0, a0
    b over
    movi.i64 a0, 1
    movi.i64 a0, 2
over:
    movi.i64.w t0, 93
    syscall
.const
    .quad 0
EOF

mk after_link <<'EOF' && count after_link 0 4
.text
    movi.i64 a0, 0
    j.i64 ib64(0)
    movi.i64 a0, 1
    movi.i64 a0, 2
over:
    movi.i64.w t0, 93
    syscall
.const
    .lanes over - 0x10002, 0
EOF

mk after_ibj <<'EOF' && count after_ibj 0 4
.text
    movi.i64 a0, 0
    ibj 64
    movi.i64.w t0, 93
    syscall
.const
    .quad 0
    .zero 56
    .quad 0
EOF

mk after_syscall <<'EOF' && count after_syscall 7 5
.text
    movi.i64.w t0, 172
    syscall
    movi.i64 a0, 7
    movi.i64.w t0, 93
    syscall
.const
    .quad 0
EOF

mk after_break <<'EOF' && count after_break 133 1
.text
    movi.i64 a0, 0
    break 0
    movi.i64 a0, 1
    movi.i64 a0, 2
.const
    .quad 0
EOF
finish
