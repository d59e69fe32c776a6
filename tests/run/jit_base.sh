# jit_base.sh - translated loads and stores check a base register once
# for all its accesses until it is written (docs/run.md, "JIT design"):
# what they do must stay the interpreter's at every edge of that
# shortcut.  Each program does its accesses in a translated block (it
# ends in `j`, the `break` after it is in a block of its own) and ends
# with `break 0` or the fault; the registers, the report and the status
# are checked in both modes, and in the JIT's how the access left.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

# prog NAME BODY CONSTS: a program whose block BODY runs translated
prog() {
    printf '.text\n_start:\n%s\n    j block\nblock:\n%s\n    j done\ndone:\n    break 0\n.const\n%s\n.const\n    .quad 0\n' \
        "$MAP" "$2" "$3" | mk "$1"
}
# jit_exits NAME REGEX: in the JIT's run, its exits line matches
jit_exits() {
    [ "${GLYPH_NO_JIT:-0}" = 1 ] && return 0
    expect_match "$1: how it left translated code" "$2" "$(printf '%s\n' "$ERR" | grep 'jit exits')"
}
# reg NAME R=HEX: r R in the --dump-regs of the last run
reg() {
    k=${2%%=*}
    expect_eq "$1: $k" "$(hex16 "${2#*=}")" "$(printf '%s\n' "$ERR" | grep "^$k=" | cut -d= -f2)"
}

# map the guest space's top page (0xffffff000), which a base past the
# end reaches with a negative offset (MAP: _emu.sh)
TOP='    .quad 0xffffff000
    .quad 4096
    .quad 0x32'

# a base past the guest space with a negative offset into it: in range,
# so the access happens (the interpreter steps it)
prog neg "    movq.i64 s0, ib64(3)
    movi.i64 s1, 42
    store.i64 s1, -16(s0)
    load.i64 s2, -16(s0)
    addi.i64 s2, 1" "$TOP
    .quad 0x1000000008" && {
    run glyph-run --stats --dump-regs ./neg
    expect_eq "neg: status (break 0)" 133 "$STATUS"
    reg neg r3=0x2b # s2: the 42 stored at 0xffffffff8, plus 1
    jit_exits neg ' 2 interpreter steps$'
}

# segv NAME WHAT EXITS: ./NAME dies of SIGSEGV with the report "WHAT"
# (the part after "segmentation fault: ") and left translated code so
segv() {
    run glyph-run --stats "./$1"
    expect_eq "$1: status" 139 "$STATUS"
    expect_match "$1: report" "^glyph-run: \\./$1: segmentation fault: $2 ib=0x11000\$" "$ERR"
    jit_exits "$1" "$3"
}

# ... and with an offset that stays past the end: the trap, from the
# translated code's own check
prog past "    movq.i64 s0, ib64(3)
    load.i64 s2, 16(s0)" "$TOP
    .quad 0x1000000008" &&
    segv past 'load from unmapped address 0x1000000018 at pc=0x10020' ' 1 load traps, 0 store traps, 0 host faults'

# a base in range whose offset goes past the end: the guard above the
# guest space faults (a host fault, the same report)
prog above "    movq.i64 s0, ib64(3)
    movi.i64 s1, 7
    store.i64 s1, 0(s0)
    store.i64 s1, 0x1008(s0)" "$TOP
    .quad 0xffffffff8" &&
    segv above 'store to unmapped address 0x1000001000 at pc=0x10024' ' 0 store traps, 1 host faults'

# a base near 0 with a negative offset: the address wraps below 0, into
# the guard under the guest space
prog below "    movi.i64 s0, 8
    load.i64 s2, -16(s0)" "$TOP" &&
    segv below 'load from unmapped address 0xfffffffffffffff8 at pc=0x10020' ' 0 load traps, 0 store traps, 1 host faults'

# a checked base written again is checked again: the second load's
# base is 2^40, far past every guard
prog rewrite "    movq.i64 s0, ib64(0)
    load.i64 s2, 0(s0)
    movq.i64 s0, ib64(3)
    load.i64 s3, 0(s0)" "$TOP
    .quad 0x10000000000" &&
    segv rewrite 'load from unmapped address 0x10000000000 at pc=0x10024' ' 1 load traps'

# an addi keeps a checked base checked, further out by its constant:
# the second load, past the end, is the guard's host fault
prog grow "    movq.i64 s0, ib64(3)
    load.i64 s2, 0(s0)
    addi.i64 s0, 8
    load.i64 s3, 0(s0)" "$TOP
    .quad 0xffffffff8" &&
    segv grow 'load from unmapped address 0x1000000000 at pc=0x10024' ' 0 load traps, 0 store traps, 1 host faults'

# a loop carries its base checked at the entry through every run of
# its body (only addis write it): walking up off the end of the guest
# space is the guard's host fault, not a check's trap
prog walk "    movq.i64 s0, ib64(3)
loop:
    load.i64 s2, 0(s0)
    addi.i64 s0, 8
    j loop" "$TOP
    .quad 0xfffffffe0" && {
    segv walk 'load from unmapped address 0x1000000000 at pc=0x10020' ' 0 load traps, 0 store traps, 1 host faults'
    run glyph-run --dump-regs ./walk
    reg walk r1=0x1000000000 # s0
}

# ... and a base not below the limit at the loop's entry (the loop's
# own translation, reached by a taken `b`, is the first to run it): the
# interpreter steps the first uop (in range: a negative offset), until
# the base is below the limit and the translated loop runs on
prog enter "    movq.i64 s0, ib64(3)
    movi.i64 s1, 0
    movi.i64 s3, 6
    movi.i64 t0, 0
    cmp.eq.i64 t0, t0
    b loop
    break 1
loop:
    store.i64 s3, -32(s0)
    load.i64 s2, -32(s0)
    add.i64 s1, s1, s2
    addi.i64 s0, -8
    addi.i64 s3, -1
    cmp.ne.i64 s3, t0
    b loop" "$TOP
    .quad 0x1000000010" && {
    GLYPH_JIT_THRESHOLD=1 && export GLYPH_JIT_THRESHOLD # translated at its first run
    run glyph-run --stats --dump-regs ./enter
    expect_eq "enter: status (break 0)" 133 "$STATUS"
    reg enter r2=0x15 # s1: 6 + 5 + ... + 1
    reg enter r1=0xfffffffe0 # s0
    jit_exits enter ' [1-9][0-9]* interpreter steps$'
}

# ... far past every guard at the entry (translated at its first run,
# as above): that check's step is the trap
prog far "    movq.i64 s0, ib64(3)
    movi.i64 t0, 0
    cmp.eq.i64 t0, t0
    b loop
    break 1
loop:
    load.i64 s2, 0(s0)
    addi.i64 s0, 8
    j loop" "$TOP
    .quad 0x10000000000" &&
    segv far 'load from unmapped address 0x10000000000 at pc=0x10028' ' 0 load traps, 0 store traps, 0 host faults, 0 checked-access traps, 1 interpreter steps$'
finish
