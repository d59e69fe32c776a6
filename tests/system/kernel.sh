# kernel.sh - examples/kernel, the acceptance scenario of full-system
# mode (docs/system.md, "The example kernel"): boot, trap vector, system
# registers, vm12 with coloured user pages, user mode and system calls,
# timer ticks on the instruction clock, page faults and A/D on demand,
# colour faults, scontrol.A, UART input by interrupt, wfi, power off.
# Its whole console output is compared with a fixed transcript.
. "$GLYPH_SRC/tests/common.sh"
K="$GLYPH_BUILD/examples/kernel"
[ -f "$K" ] || skip_all "examples/kernel is not built"

cat > want <<'T'
glyph-virt example kernel
boot: hart 0x0
boot: device tree at 0xffffc00007ff0000
boot: device tree magic 0xd00dfeed
trap: break, tvalue=0x380
trap: illegal instruction, tvalue=0x1fc
sysregs: sversion 0x700
sysregs: sfeature 0x1f
sysregs: mfeature 0x7
sysregs: saddress 0x1000000000000000
trap: illegal instruction, tvalue=0xf879f99
trap: illegal instruction, tvalue=0xb8999
vm12: translation on (code 0x10000, data 0x20000, read-only 0x30000)
kernel: load from user page 0x20000 with scontrol.A = 0
trap: page fault 0xb at 0x20000, skipped
kernel: with scontrol.A = 1 it reads 0x6568203a72657375
colours: user code may read colours 1-3, write colour 2; ccontrol.C = 1
kernel: to user mode
user: hello from user mode
trap: illegal instruction, tvalue=0x2007c999
trap: illegal instruction, tvalue=0x2007c119
syscall: user code may read ctime (scontrol.T)
user: ctime is readable
interrupt: timer tick 0x1
interrupt: timer tick 0x2
interrupt: timer tick 0x3
user: three ticks went by
0x3333
trap: page fault 0xc at 0x30000, skipped
trap: page fault 0xb at 0x40000, skipped
trap: page fault 0xb at 0xffffc00000200000, skipped
trap: load page fault, PTE without A: set A, retry at 0x50000
trap: store page fault, PTE without D: set D, retry at 0x50000
0x55
trap: fetch page fault (cause 10) at unmapped code 0x70000
trap: capability fault (cause 13) on data at 0x90000
syscall: colour 1 may no longer write colour 2 (colormatwrite1)
trap: capability fault (cause 13) on data at 0x20000
syscall: colour 1 may write colour 2 again; colour 1 is not executable (colorexec)
trap: capability fault (cause 13) fetching 0x1009c
user: colour checks done
interrupt: uart (cause 32), received 0x78
user: read from the UART: x
syscall: exit 0x0
kernel: user task done
wfi: woke with tstatus 0x1
interrupt: timer tick 0x4
kernel: power off
T
printf x > in
run glyph-run -M virt -kernel "$K" --clock=insn < in
printf '%s\n' "$OUT" > got
expect_eq "the kernel powers off with status 0 and says nothing on stderr" "0|" "$STATUS|$ERR"
if cmp -s want got; then ok "its console output is the transcript"
else not_ok "its console output is the transcript" "$(diff want got)"; fi

# the instruction clock: the same traps at the same instruction every run
glyph-run -M virt -kernel "$K" --clock=insn --trace-traps < in > /dev/null 2> traps1
glyph-run -M virt -kernel "$K" --clock=insn --trace-traps < in > /dev/null 2> traps2
check "--clock=insn: two runs take the same traps at the same instruction counts" cmp traps1 traps2
expect_eq "four timer interrupts (three in the user task, one after wfi)" 4 \
    "$(grep -c '^glyph-run: interrupt 30 (timer)' traps1)"
expect_eq "one UART interrupt (pin 0)" 1 "$(grep -c '^glyph-run: interrupt 32 (pin)' traps1)"
expect_match "the user's syscalls trap from user addresses" \
    'trap 17 \(syscall\): tvalue=0x0 tepc=0x100' "$(cat traps1)"

# the host clock: the same transcript (the kernel counts ticks, not time)
run glyph-run -M virt -kernel "$K" < in
printf '%s\n' "$OUT" > got
check "--clock=host: the same transcript" cmp want got

# no input: getc's wfi has nothing that can wake it
run glyph-run -M virt -kernel "$K" --clock=insn < /dev/null
expect_match "without UART input the machine stops (status 3) in wfi" \
    "^3\|glyph-run: machine stopped: wfi with nothing that can wake it .* at pc=0xffffc" \
    "$STATUS|$ERR"
finish
