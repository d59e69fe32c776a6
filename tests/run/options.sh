# options.sh - the command line: --help, --version, bad options, option
# parsing that stops at the program (and an -M that is an option's
# value does not select system mode), --max-insns (exact, exit 124),
# --stats, --trace and --dump-regs formats (docs/run.md).
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

run glyph-run --version
expect_eq "--version: status" 0 "$STATUS"
expect_match "--version: names the tool" '^glyph-run [0-9]' "$OUT"
run glyph-run --help
expect_eq "--help: status" 0 "$STATUS"
expect_match "--help: usage" '^usage: glyph-run \[options\] program \[args\.\.\.\]' "$OUT"
expect_match "--help: lists --max-insns" '--max-insns N' "$OUT"
run glyph-run --bogus
expect_eq "unknown option: status 1" 1 "$STATUS"
expect_match "unknown option: usage on stderr" 'usage: glyph-run' "$ERR"
run glyph-run
expect_eq "no program: status 1" 1 "$STATUS"
expect_match "no program: message" '^glyph-run: no program given$' "$ERR"
run glyph-run --max-insns 12x prog
expect_match "--max-insns: bad count" "^glyph-run: --max-insns: bad count '12x'$" "$ERR"

cat > loop.s <<'EOF'
.text
_start:
    movi.i64 a0, 0
loop: addi.i64 a0, 1
    j loop
.const
    .quad 0
EOF
"$MKEXE" -o loop loop.s
run glyph-run --max-insns 10 --dump-regs ./loop
expect_eq "--max-insns: exit status 124" 124 "$STATUS"
expect_match "--max-insns: message" '^glyph-run: \./loop: stopped after 10 instructions \(--max-insns\) at pc=0x10004 ib=0x11000$' "$ERR"
expect_match "--max-insns: exactly 10 executed (a0 = 5)" '^r4=0x0000000000000005$' "$ERR"
expect_match "--max-insns: pc of the next instruction" '^pc=0x0000000000010004$' "$ERR"
run glyph-run -n 1000001 ./loop
expect_match "--max-insns across chained blocks" 'stopped after 1000001 instructions .* at pc=0x10002 ' "$ERR"
run glyph-run --max-insns=7 --trace ./loop
expect_eq "--trace: one line per instruction" 7 "$(printf '%s\n' "$ERR" | grep -c '^0x')"

cat > five.s <<'EOF'
.text
_start:
    movi.i64 a0, 3
    addi.i64 a0, 4
    nop
    movi.i64.w t0, 93
    syscall
.const
    .quad 0
EOF
"$MKEXE" -o five five.s
run glyph-run --stats ./five
expect_eq "exit status from the program" 7 "$STATUS"
expect_match "--stats: instructions, seconds, MIPS" '^glyph-run: stats: 5 instructions, [0-9.]+ s, [0-9.]+ MIPS' "$ERR"
expect_match "--stats: flushes and cpu time" '^glyph-run: stats: 5 instructions, [0-9.]+ s, [0-9.]+ MIPS, 0 cache flushes, [0-9.]+ s cpu, [0-9.]+ MIPS per cpu second, [0-9]+ host mprotect calls$' "$ERR"
run glyph-run -n 100 ./five
expect_eq "--max-insns not reached: normal exit" 7 "$STATUS"

run glyph-run --trace ./five
expect_eq "--trace: format" "0x00010000 ib=0x11000  [0-9a-f]{4}                 movi.i64 a0, 3" \
    "$(printf '%s\n' "$ERR" | head -1 | sed 's/  [0-9a-f]\{4\}  /  [0-9a-f]{4}  /')"
expect_match "--trace: 32-bit encodings as two packets" '^0x00010006 ib=0x11000  [0-9a-f]{4} [0-9a-f]{4}            movi\.i64\.w t0, 93$' "$ERR"
expect_match "--trace: nop" '^0x00010004 ib=0x11000  [0-9a-f]{4}  +nop$' "$ERR"

run glyph-run --dump-regs ./five
expect_eq "--dump-regs: 67 lines" 67 "$(printf '%s\n' "$ERR" | grep -c '=0x')"
expect_eq "--dump-regs: order and format" "pc=0x000000000001000e
ib=0x0000000000011000
flag=0x0000000000000000
r0=" "$(printf '%s\n' "$ERR" | head -4 | sed 's/^r0=.*/r0=/')"
expect_match "--dump-regs: a0 = 7" '^r4=0x0000000000000007$' "$ERR"
expect_match "--dump-regs: t0 = 93" '^r6=0x000000000000005d$' "$ERR"
expect_match "--dump-regs: r63 last" 'r63=0x0000000000000000$' "$(printf '%s\n' "$ERR" | tail -1)"

run glyph-run -- ./five
expect_eq "-- ends the options" 7 "$STATUS"
run glyph-run -s -d ./five
expect_match "short options -s -d" '^exit\(7\) = \?$' "$ERR"
# -M selects system mode only as an option, not as another's value
run glyph-run --argv0 -M ./five
expect_eq "--argv0 -M: user mode, argv[0] is -M" "7|" "$STATUS|$ERR"
run glyph-run --jit-dump -M ./five
expect_eq "--jit-dump -M: user mode (a dump to the file -M)" "7|" "$STATUS|$ERR"
finish
