# jit_dump.sh - --jit-dump=FILE and --perf-map.  The dump of a program
# holds each translated block's guest instructions in order with host
# code under each, which objdump must decode in full; when glyph-run was
# built with capstone (its --help says so) objdump must find the same
# instructions at the same offsets as the dump shows, and the hex form
# (GLYPH_JIT_DUMP_HEX=1, the form of a build without capstone) must
# describe the same blocks (_jitdump.py checks both).  A block whose
# first run faults is in the dump too.  The perf map has one
# "START SIZE guest_PC_IB" line per translated block, the same
# addresses and sizes as the dump's, and no address twice across a
# flush.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"
command -v objdump > /dev/null || skip_all "objdump (binutils) not installed"

mk prog <<'EOF2' || true
.text
_start:
    mov.i64 s0, sp
    movi.i64 a2, 7
    movi.i64 s1, 100
loop:
    add.i64 a3, a3, a2
    store.i64 a3, -16(s0)
    load.i32 t0, -16(s0)
    addi.i64 s1, -1
    movi.i64 a1, 0
    cmp.ne.i64 s1, a1
    b loop
    break 0
.const
    .quad 0
EOF2
"$EMU" --jit-dump=dump.txt --stats ./prog > /dev/null 2> stats.out
expect_eq "runs to its break with --jit-dump" 133 $?
blocks=$(sed -n 's/.*jit: \([0-9]*\) blocks translated.*/\1/p' stats.out)
expect_eq "one dumped block per translation" "$blocks" "$(grep -c '^block pc=' dump.txt)"
expect_match "the loop block's header" '^block pc=0x[0-9a-f]+ ib=0x[0-9a-f]+: 7 instructions, [0-9]+ bytes at 0x' \
    "$(cat dump.txt)"
expect_match "guest disassembly: the store" '^    0x[0-9a-f]{8}  store\.i64(\.[a-z])? a3, -16\(s0\)$' "$(cat dump.txt)"
expect_match "guest disassembly: the compare" '^    0x[0-9a-f]{8}  cmp\.ne\.i64(\.[a-z])? s1, a1$' "$(cat dump.txt)"
if "$EMU" --help | grep -q 'disassembled (capstone)'; then
    expect_match "host disassembly: moves" '^      [0-9a-f]+  ([0-9a-f]{2} )*[0-9a-f]{2} +mov [a-z0-9]+, ' "$(cat dump.txt)"
    expect_match "host disassembly: the exits jump" '^      [0-9a-f]+  ([0-9a-f]{2} )*[0-9a-f]{2} +j[a-z]* 0x[0-9a-f]+$' "$(cat dump.txt)"
else
    skip "host mnemonics: glyph-run is built without capstone (hex dump)"
    skip "host mnemonics: glyph-run is built without capstone (hex dump)"
fi
GLYPH_JIT_DUMP_HEX=1 "$EMU" --jit-dump=hex.txt ./prog > /dev/null 2>&1
expect_match "hex dump: host code as bytes" '^      [0-9a-f]+ ( [0-9a-f]{2})+$' "$(cat hex.txt)"
expect_eq "hex dump: no mnemonics" 0 "$(grep -Ec '^      [0-9a-f]+  ([0-9a-f]{2} )*[0-9a-f]{2} +[a-z]{3,}' hex.txt)"
check "the dump: complete, decodable, objdump agrees; the hex dump shows the same blocks" \
    python3 "$GLYPH_SRC/tests/run/_jitdump.py" dump.txt hex.txt
check "the hex dump: complete and decodable" python3 "$GLYPH_SRC/tests/run/_jitdump.py" hex.txt

# a random program with many blocks
python3 "$GLYPH_SRC/tests/run/_jitdiff.py" 2 > p2.s
if "$MKEXE" -o p2 p2.s 2> p2.err; then
    "$EMU" --jit-dump=p2.txt ./p2 > /dev/null 2>&1
    check "random program: the dump checks out" python3 "$GLYPH_SRC/tests/run/_jitdump.py" p2.txt
else
    not_ok "random program: build" "$(cat p2.err)"
fi

# the first run of a block faults: written before the report
mk trap <<'EOF2' || true
.text
_start:
    movi.i64 a2, 7
    movi.i64 a0, 1
    slli.i64 a0, 29
    store.i32 a2, 8(a0)
    j next
next:
    break 0
.const
    .quad 0
EOF2
"$EMU" --jit-dump=trap.txt ./trap > /dev/null 2>&1
expect_eq "faulting block: SIGSEGV" 139 $?
expect_match "faulting block: dumped" '^    0x[0-9a-f]{8}  store\.i32(\.[a-z])? a2, 8\(a0\)$' "$(cat trap.txt)"

run glyph-run --jit-dump=/nonexistent/dir/dump.txt ./prog
expect_eq "unwritable dump file: status 1" 1 "$STATUS"
expect_match "unwritable dump file: says so" '^glyph-run: --jit-dump: cannot write /nonexistent/dir/dump.txt: ' "$ERR"

# --perf-map: /tmp/perf-PID.map (PID of glyph-run itself)
"$EMU" --perf-map --jit-dump=both.txt ./prog > /dev/null 2>&1 &
pid=$!
wait $pid
map=/tmp/perf-$pid.map
if [ -f "$map" ]; then
    cp "$map" perf.map
    rm -f "$map"
    ok "perf map written to /tmp/perf-PID.map"
    bad=$(grep -Evc '^[0-9a-f]+ [0-9a-f]+ guest_[0-9a-f]+_[0-9a-f]+$' perf.map)
    expect_eq "every line is START SIZE guest_PC_IB" 0 "$bad"
    # the dump's blocks as the perf map would name them
    sed -n 's/^block pc=0x\([0-9a-f]*\) ib=0x\([0-9a-f]*\): [0-9]* instructions, \([0-9]*\) bytes at 0x\([0-9a-f]*\)$/\4 \3 guest_\1_\2/p' both.txt |
        while read -r at size name; do printf '%s %x %s\n' "$at" "$size" "$name"; done > want.map
    if [ -s want.map ] && cmp -s want.map perf.map; then
        ok "perf map: the dump's blocks, addresses and sizes ($(wc -l < perf.map) lines)"
    else
        not_ok "perf map and dump differ" "$(diff want.map perf.map | head -10)"
    fi
    expect_match "perf map names the first block by its pc and ib" ' guest_10000_[0-9a-f]+$' "$(cat perf.map)"
else
    not_ok "perf map written to /tmp/perf-PID.map" "no $map"
fi

# a flush (the register profile's end, here after 2000 instructions)
# drops every translation: those made after it get addresses of their
# own, as perf keeps the first name an address had
printf 'pear\napple\nfig\nplum\n' > in.txt
GLYPH_JIT_PROFILE=2000 "$EMU" --perf-map --jit-dump=flush.txt --stats "$GLYPH_BUILD/examples/sort" in.txt > /dev/null 2> flush.err &
pid=$!
wait $pid
map=/tmp/perf-$pid.map
if [ -s "$map" ]; then
    mv "$map" flush.map
    expect_match "sort with a short profile: one code flush" 'jit: .*, 1 code flushes, ' "$(cat flush.err)"
    # the dump marks the flush once, between the blocks before and after
    expect_eq "dump: the flush marked once, with blocks on both sides" "block
flush: every translation above was dropped
block" "$(grep -v '^ ' flush.txt | sed 's/^block .*/block/' | uniq)"
    check "dump across a flush: complete and decodable" python3 "$GLYPH_SRC/tests/run/_jitdump.py" flush.txt
    check "perf map across a flush: no two blocks share an address" python3 -c '
import sys
spans = sorted(tuple(int(x, 16) for x in line.split()[:2]) for line in open("flush.map"))
for (a, n), (b, m) in zip(spans, spans[1:]):
    if a + n > b:
        sys.exit("%x+%x overlaps %x+%x" % (a, n, b, m))
'
else
    not_ok "perf map of sort written" "no $map"
fi

# perf takes names from the map only for code in an anonymous mapping
# (a memfd's views are a file to it): examples/cat prints glyph-run's
# own /proc/self/maps, in which every block of the map must lie in an
# executable mapping without a file
"$EMU" --perf-map "$GLYPH_BUILD/examples/cat" /proc/self/maps > maps.txt 2> /dev/null &
pid=$!
wait $pid
map=/tmp/perf-$pid.map
if [ -s "$map" ]; then
    mv "$map" cat.map
    check "perf map: translated code lies in anonymous executable memory" python3 -c '
import sys
spans = []
for line in open("maps.txt"):
    f = line.split()
    lo, hi = (int(x, 16) for x in f[0].split("-"))
    spans.append((lo, hi, f[1], f[5] if len(f) > 5 else ""))
for line in open("cat.map"):
    at, size = (int(x, 16) for x in line.split()[:2])
    if not any(lo <= at and at + size <= hi and "x" in p and not name for lo, hi, p, name in spans):
        sys.exit("%x+%x is not in an anonymous executable mapping" % (at, size))
'
else
    not_ok "perf map of cat written" "no $map"
fi
finish
