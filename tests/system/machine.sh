# machine.sh - glyph-run -M virt, the machine skeleton: options, the
# reset stub entering an ELF kernel placed at p_paddr in RAM, UART
# output, econtrol (power off with a status, diagnostic, warm and cold
# reset, --no-reboot), -t/-n/--stats in system mode, the bad-input
# errors, and which options each mode takes (docs/system.md).
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

kern hello <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    mov.i64 s3, a0
    la a0, msg
    call kputs
    mov.i64 a0, s3              # the hart id from the reset stub
    call kputx
    call newline
    movi.i64 a0, 7
    call poweroff
    .section .rodata
msg: .asciz "boot ok, hart "
K
boot hello
expect_eq "kernel prints through UART0 and powers off with status 7" \
    "7|boot ok, hart 0x0|" "$STATUS|$OUT|$ERR"

boot hello -t
first=$(printf '%s\n' "$ERR" | head -1)
expect_match "-t: the first instruction is the reset stub at 0xff80" \
    '^0x0000ff80 ib=0xffc0  .*movi\.i64\.w a0, 0$' "$first"
expect_match "-t: the stub's iret is traced, then the kernel's entry" \
    'iret
0xffffc00000201000 ib=0xffffc000002' "$ERR"

boot hello -n 5
expect_match "-n 5 stops with status 124 inside the stub" \
    "^124\|glyph-run: stopped after 5 instructions \(--max-insns\) at pc=0xff94 ib=0xffc0$" \
    "$STATUS|$ERR"

boot hello --stats
expect_match "--stats reports the instruction count" \
    "^glyph-run: stats: [0-9]+ instructions, .* MIPS per cpu second$" "$ERR"

run glyph-run --machine=virt -m 64M -kernel ./hello --clock=insn:3
expect_eq "--machine=, -m 64M and --clock=insn:3 are accepted" "7" "$STATUS"

# the status is the power-off cause & 255, whatever the kernel says
kern status <<'K' || true
    .text
    .globl _start
_start:
    li t1, 0x0300000000000123
    syswrite t1, econtrol
    break 0
K
boot status
expect_eq "power off: exit status = cause & 255" "35|" "$STATUS|$ERR"

kern diag <<'K' || true
    .text
    .globl _start
_start:
    li t1, 0xbeef
    syswrite t1, econtrol       # opcode 0: a diagnostic
    li t1, 0x0300000000000000
    syswrite t1, econtrol
K
boot diag
expect_eq "econtrol opcode 0 prints a diagnostic and goes on" \
    "0|glyph-run: econtrol: diagnostic 0xbeef" "$STATUS|$ERR"

# reset: a counter in RAM survives it; s5 survives a warm one only
for kind in warm:0x0100000000000000:0x2a cold:0x0200000000000000:0x0; do
    name=${kind%%:*}
    rest=${kind#*:}
    op=${rest%%:*}
    want=${rest#*:}
    kern "reset_$name" <<K || continue
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    li s0, 0xffffc00000300000
    load.i64 t1, 0(s0)
    addi.i64 t1, 1
    store.i64 t1, 0(s0)
    movi.i64 t2, 1
    cmp.eq.i64 t1, t2
    b first
    mov.i64 a0, s5
    call kputx
    movi.i64 a0, 0
    call poweroff
first:
    li s5, 42
    li t1, $op
    syswrite t1, econtrol
    break 0
K
    boot "reset_$name"
    expect_eq "$name reset re-enters the reset vector; s5 after it" "0|$want|" "$STATUS|$OUT|$ERR"
    boot "reset_$name" --no-reboot
    expect_match "$name reset with --no-reboot stops the machine (status 3)" \
        "^3\|glyph-run: machine stopped: $name reset \(cause 0x0\) with --no-reboot at pc=0xffffc0000020[0-9a-f]+ ib=" \
        "$STATUS|$ERR"
done

# bad input: a clear message, status 1
run glyph-run -M foo -kernel ./hello
expect_eq "unknown machine" "1|glyph-run: -M foo: unknown machine (the one machine is 'virt')" \
    "$STATUS|$ERR"
run glyph-run -M virt
expect_eq "no kernel" "1|glyph-run: -M virt: nothing to run (give -kernel FILE or -bios FILE)" \
    "$STATUS|$ERR"
run glyph-run -M virt -kernel ./hello -m 1M
expect_match "a segment outside RAM (-m 1M, kernel at +2 MiB)" \
    "^1\|glyph-run: \./hello: segment [0-9]+ \(physical 0xffffc00000200000\+0x[0-9a-f]+\) lies outside RAM \[0xffffc00000000000, 0xffffc00000100000\)$" \
    "$STATUS|$ERR"
run glyph-run -M virt -kernel ./hello -m 12Q
expect_match "a bad -m" "^1\|glyph-run: -m 12Q: want a size" "$STATUS|$ERR"
run glyph-run -M virt -kernel ./hello --clock=wall
expect_eq "a bad --clock" "1|glyph-run: --clock=wall: want host or insn[:N]" "$STATUS|$ERR"
echo "not a kernel" > text
run glyph-run -M virt -kernel ./text
expect_eq "not an ELF file" "1|glyph-run: ./text: not an ELF file" "$STATUS|$ERR"
run glyph-run -M virt -kernel ./missing
expect_match "a missing file" "^1\|glyph-run: \./missing: cannot open: " "$STATUS|$ERR"
# the entry-ib note renamed to an unknown type
python3 - hello noib <<'P'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
i = d.find(b"glyph\0\0\0")
while i >= 0 and int.from_bytes(d[i-4:i], "little") != 1:
    i = d.find(b"glyph\0\0\0", i + 1)
d[i-4:i] = (99).to_bytes(4, "little")
open(sys.argv[2], "wb").write(d)
P
run glyph-run -M virt -kernel ./noib
expect_eq "a kernel without the entry-ib note" \
    "1|glyph-run: ./noib: no NT_GLYPH_ENTRY_IB note (the kernel's entry ib)" "$STATUS|$ERR"
run glyph-run -M virt -append console=ttyS0
expect_eq "-append without a kernel: nothing to run" \
    "1|glyph-run: -M virt: nothing to run (give -kernel FILE or -bios FILE)" "$STATUS|$ERR"
run glyph-run -M virt -kernel ./hello extra
expect_match "a stray argument" "^1\|glyph-run: -M: unexpected argument 'extra'" "$STATUS|$ERR"

# the options of both modes are one table with a mode column (options.c):
# -M virt takes the shared ones and its own, no user-mode one
run glyph-run -M virt --help
expect_eq "-M virt --help: status 0" 0 "$STATUS"
expect_match "... the usage line" '^usage: glyph-run -M virt -kernel FILE \[options\]' "$OUT"
for o in '-t, --trace' '-d, --dump-regs' '-n, --max-insns N' '    --stats' \
    '-V, --version' '-h, --help' '    --trace-traps'; do
    expect_match "... lists $o" "^  $o  " "$OUT"
done
run glyph-run -M virt -V
expect_match "-M virt -V: the version, status 0" '^0\|glyph-run [0-9]' "$STATUS|$OUT"
run glyph-run -M virt -kernel ./hello --max-insns=0
expect_eq "-M virt: --max-insns 0 is a bad count" "1|glyph-run: --max-insns: bad count '0'" \
    "$STATUS|$ERR"
run glyph-run -M virt --strace -kernel ./hello
expect_eq "-M virt: a user-mode option is unknown" \
    "1|glyph-run: unrecognized option '--strace'|usage: glyph-run -M virt -kernel FILE [options]" \
    "$STATUS|$(printf '%s\n' "$ERR" | head -2 | paste -sd '|')"
run glyph-run --kernel ./hello ./hello
expect_eq "... and a -M virt option in user mode" \
    "1|glyph-run: unrecognized option '--kernel'|usage: glyph-run [options] program [args...]" \
    "$STATUS|$(printf '%s\n' "$ERR" | head -2 | paste -sd '|')"

finish
