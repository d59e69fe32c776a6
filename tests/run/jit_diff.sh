# jit_diff.sh - differential test of the JIT against the interpreter:
# random programs (_jitdiff.py: ALU, carry and flag chains, division
# edge values, shifts by 64 and more, loads and stores into a stack
# sandbox, branches, calls and returns through link vectors, ibj to
# another immediate block and back, j.i64, in a loop) run with the JIT
# and with GLYPH_NO_JIT=1 must reach their final break and leave the
# same registers (--dump-regs) and instruction count, also with the host
# registers chosen after a short profile (GLYPH_JIT_PROFILE).  About 2.5
# million guest instructions in all.  Each program and the two traps
# also run under --jit-audit, which compares every translated block run
# with the interpreter's run of it.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"
total=0
translated=0
audited_runs=0
seed=1
while [ $seed -le 24 ]; do
    python3 "$GLYPH_SRC/tests/run/_jitdiff.py" $seed > p$seed.s
    if ! "$MKEXE" -o p$seed p$seed.s 2> p$seed.err; then
        not_ok "seed $seed: build" "$(cat p$seed.err)"
        seed=$((seed + 1))
        continue
    fi
    # the same environment size every time: the initial sp depends on it
    GLYPH_JIT=1 GLYPH_NO_JIT=0 GLYPH_JIT_PROFILE=99999999 "$EMU" --stats --dump-regs ./p$seed > /dev/null 2> jit.out
    js=$?
    GLYPH_JIT=1 GLYPH_NO_JIT=1 GLYPH_JIT_PROFILE=99999999 "$EMU" --stats --dump-regs ./p$seed > /dev/null 2> int.out
    is=$?
    n=$(sed -n 's/.*stats: \([0-9]*\) instructions.*/\1/p' int.out)
    t=$(sed -n 's/.*jit: \([0-9]*\) blocks translated.*/\1/p' jit.out)
    total=$((total + ${n:-0}))
    translated=$((translated + ${t:-0}))
    grep -E '^(pc|ib|flag|r[0-9]+)=' jit.out > jit.regs
    grep -E '^(pc|ib|flag|r[0-9]+)=' int.out > int.regs
    jn=$(sed -n 's/.*stats: \([0-9]*\) instructions.*/\1/p' jit.out)
    # and with the host registers chosen from a short profile (the
    # program's own registers, most of them beyond r9)
    GLYPH_JIT=1 GLYPH_NO_JIT=0 GLYPH_JIT_PROFILE=00002000 "$EMU" --stats --dump-regs ./p$seed > /dev/null 2> remap.out
    rs=$?
    grep -E '^(pc|ib|flag|r[0-9]+)=' remap.out > remap.regs
    if [ $seed -le 2 ] && grep -q "registers hold sp s0 s1 s2 a0 a1 t0 ra a2 a3$" remap.out; then
        not_ok "seed $seed: the profile chose registers beyond r9" "$(grep 'registers hold' remap.out)"
    fi
    if [ $js = $is ] && [ $rs = $is ] && [ $is = 133 ] && [ -s int.regs ] && cmp -s jit.regs int.regs &&
       cmp -s remap.regs int.regs && [ "$jn" = "$n" ]; then
        ok "seed $seed: $n instructions, $t blocks translated, same registers, status $is"
    else
        not_ok "seed $seed: JIT and interpreter differ" "status $js vs $is, count $jn vs $n" \
            "$(diff jit.regs int.regs | head -10)"
    fi
    # and block by block: the lockstep audit
    GLYPH_JIT=1 GLYPH_NO_JIT=0 "$EMU" --jit-audit --stats ./p$seed > /dev/null 2> audit.out
    as=$?
    a=$(audited audit.out)
    audited_runs=$((audited_runs + ${a:-0}))
    if [ $as = 133 ] && grep -q 'no difference' audit.out; then
        ok "seed $seed: --jit-audit: $a block runs compared, no difference"
    else
        not_ok "seed $seed: --jit-audit" "status $as" "$(grep -v '^r[0-9]*=' audit.out | head -20)"
    fi
    seed=$((seed + 1))
done
# traps inside a translated block: a host fault (unmapped page) and a
# range-check exit (past 2^36), with registers changed before them
for sh in 29 40; do
    mk trap$sh <<EOT || continue
.text
_start:
    movi.i64 a2, 7
    movi.i64 s2, -3
    movi.i64 a0, 1
    slli.i64 a0, $sh
    addi.i64 t0, 5
    store.i32 a2, 8(a0)
    movi.i64 a3, 9
    j next
next:
    break 0
.const
    .quad 0
EOT
    GLYPH_JIT=1 GLYPH_NO_JIT=0 "$EMU" --stats --dump-regs ./trap$sh > /dev/null 2> jit.out
    js=$?
    GLYPH_JIT=1 GLYPH_NO_JIT=1 "$EMU" --stats --dump-regs ./trap$sh > /dev/null 2> int.out
    is=$?
    # the report and registers, and the instruction count of the stats
    { grep -v -e '^glyph-run: jit' -e 'stats:' jit.out
      sed -n 's/.*stats: \([0-9]*\) instructions.*/\1/p' jit.out; } > jit.rep
    { grep -v 'stats:' int.out
      sed -n 's/.*stats: \([0-9]*\) instructions.*/\1/p' int.out; } > int.rep
    if [ $js = $is ] && [ $js = 139 ] && cmp -s jit.rep int.rep; then
        ok "store trap at 1<<$sh in a translated block: same report, registers, count"
    else
        not_ok "store trap at 1<<$sh: JIT and interpreter differ" "status $js vs $is" \
            "$(diff jit.rep int.rep | head -10)"
    fi
    # the audit's own runs of the block trap too, and come back to it
    GLYPH_JIT=1 GLYPH_NO_JIT=0 "$EMU" --jit-audit --stats --dump-regs ./trap$sh > /dev/null 2> audit.out
    as=$?
    { grep -v -e '^glyph-run: jit' -e 'stats:' audit.out
      sed -n 's/.*stats: \([0-9]*\) instructions.*/\1/p' audit.out; } > audit.rep
    if [ $as = 139 ] && cmp -s audit.rep int.rep && [ "$(audited audit.out)" = 1 ]; then
        ok "store trap at 1<<$sh under --jit-audit: compared, same report, registers, count"
    else
        not_ok "store trap at 1<<$sh under --jit-audit" "status $as" \
            "$(diff audit.rep int.rep | head -10)" "$(grep audit audit.out)"
    fi
    grep -q "jit: 1 blocks translated" jit.out || [ "$GLYPH_NO_JIT" = 1 ] ||
        not_ok "trap$sh: the block was translated" "$(grep jit: jit.out)"
done
# --max-insns inside chained code: the budget check at every block
# entry stops exactly where the interpreter stops (report, registers)
if [ -x p3 ]; then
    same=0
    for n in 1 2 3 7 20 63 64 65 100 257 1000 1001 4095 9999 20000 31337; do
        GLYPH_JIT=1 GLYPH_NO_JIT=0 "$EMU" --max-insns=$n --dump-regs ./p3 > /dev/null 2> jit.out
        GLYPH_JIT=1 GLYPH_NO_JIT=1 "$EMU" --max-insns=$n --dump-regs ./p3 > /dev/null 2> int.out
        if cmp -s jit.out int.out && grep -q "stopped after $n instructions" jit.out; then
            same=$((same + 1))
        else
            not_ok "--max-insns=$n: JIT and interpreter differ" "$(diff jit.out int.out | head -6)"
        fi
    done
    expect_eq "--max-insns at 16 counts: same stop, registers and report" 16 $same
fi
expect_eq "at least 10^6 guest instructions compared" 1 $((total >= 1000000))
expect_eq "blocks were translated" 1 $((translated > 24))
expect_eq "the audit compared translated block runs" 1 $((audited_runs > 10000))
finish
