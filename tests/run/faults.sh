# faults.sh - guest faults: the report on stderr (program, cause,
# address, pc/ib) and the exit status a real crash would give
# (SIGSEGV 139, SIGILL 132, SIGTRAP 133, SIGBUS 135); precise state at
# the faulting instruction; bad pointers to syscalls give EFAULT.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

# crash NAME STATUS REGEX: run ./NAME, check status and the report
crash() {
    run glyph-run "./$1"
    expect_eq "$1: exit status" "$2" "$STATUS"
    expect_match "$1: report" "$3" "$ERR"
}

mk wild_load <<'EOF' && crash wild_load 139 '^glyph-run: \./wild_load: segmentation fault: load from unmapped address 0x0 at pc=0x10002 ib=0x11000$'
.text
    movi.i64 a0, 0
    load.i64 a1, 0(a0)
.const
    .quad 0
EOF

# an indirect jump to pc 0 with ib 0 (a call through a zeroed function
# descriptor): the JIT's jump-cache lookup must miss, not take an empty
# entry for a hit and jump the host to 0
mk jump_null <<'EOF' && crash jump_null 139 '^glyph-run: \./jump_null: segmentation fault: fetch from unmapped address 0x0 at pc=0x0 ib=0x0$'
.text
    movq.i64 t0, ib64(1)
t: jtl.i64 t0, ib64(0)
.const
    .lanes 0, 0
    .lanes t, 0x11000
EOF

mk store_ro <<'EOF' && crash store_ro 139 'segmentation fault: store to read-only address 0x12008 at pc=0x10002 ib=0x11000$'
.text
    lea.i64 s0, ib32(0)(pc)
    store.i64 s0, 8(s0)
.const
    .long ro - 0x10000
.rodata
ro: .quad 1
    .quad 2
EOF

mk store_unmapped <<'EOF' && crash store_unmapped 139 'segmentation fault: store to unmapped address 0x20000000 at pc=0x10004 ib=0x11000$'
.text
    movq.i64 s0, ib64(0)
    movi.i64 a0, 1
    store.i64 a0, 0(s0)
.const
    .quad 0x20000000
EOF

# every memory op reports its own access (stores and atomics as stores
# on a read-only page; loads and atomics as loads where nothing is mapped).
# a0 = 1 = the word at ro, so the cas compares equal and stores.
for insn in "store.i64 a0, 8(s0)" "store.i8 a0, 8(s0)" "store.i16 a0, 8(s0)" \
    "store.i32 a0, 8(s0)" "store.i64 a0, ib32(1)(pc)" "cas.i64 a0, a1, (s0)" \
    "swap.i64 a0, a1, (s0)"; do
    printf '.text\n    movi.i64 a0, 1\n    lea.i64 s0, ib32(0)(pc)\n    %s\n.const\n    .long ro - 0x10002\n    .long ro - 0x10004\n.rodata\nro: .quad 1\n    .quad 2\n' \
        "$insn" > mem_ro.s
    "$MKEXE" -o mem_ro mem_ro.s 2> mem_ro.err || { not_ok "build: $insn" "$(cat mem_ro.err)"; continue; }
    run glyph-run ./mem_ro
    expect_match "$insn on a read-only page: a store fault" \
        'segmentation fault: store to read-only address 0x1200[08] at pc=0x10004 ' "$ERR"
done
# a cas is a store whatever its compare gives (docs/isa.md): a0 = 5 is
# not the word at ro, so nothing would be written, and it still faults
mk cas_ro_fail <<'EOF' && crash cas_ro_fail 139 'segmentation fault: store to read-only address 0x12000 at pc=0x10004 ib=0x11000$'
.text
    movi.i64 a0, 5
    lea.i64 s0, ib32(0)(pc)
    cas.i64 a0, a1, (s0)
.const
    .long ro - 0x10002
.rodata
ro: .quad 1
EOF
run glyph-run -d ./cas_ro_fail
expect_match "cas_ro_fail: a0 untouched by the faulting cas" '^r4=0x0000000000000005$' "$ERR"

for insn in "load.i64 a0, 0(s0)" "load.i8 a0, 0(s0)" "load.u8 a0, 0(s0)" \
    "load.i16 a0, 0(s0)" "load.u16 a0, 0(s0)" "load.i32 a0, 0(s0)" "load.u32 a0, 0(s0)" \
    "cas.i64 a0, a1, (s0)" "swap.i64 a0, a1, (s0)"; do
    printf '.text\n    movq.i64 s0, ib64(0)\n    %s\n.const\n    .quad 0x20000000\n' "$insn" > mem_un.s
    "$MKEXE" -o mem_un mem_un.s 2> mem_un.err || { not_ok "build: $insn" "$(cat mem_un.err)"; continue; }
    run glyph-run ./mem_un
    expect_match "$insn where nothing is mapped: a load fault" \
        'segmentation fault: load from unmapped address 0x20000000 at pc=0x10002 ' "$ERR"
done

mk load_huge <<'EOF' && crash load_huge 139 'load from unmapped address 0xffff000000000000 at pc=0x10002 '
.text
    movq.i64 s0, ib64(0)
    load.i8 a0, 0(s0)
.const
    .quad 0xffff000000000000
EOF

mk load_top <<'EOF' && crash load_top 139 'load from unmapped address 0xffffffffc at pc=0x10002 '
.text
    movq.i64 s0, ib64(0)
    load.i64 a0, 0(s0)
.const
    .quad 0xffffffffc
EOF

mk illegal <<'EOF' && crash illegal 132 '^glyph-run: \./illegal: illegal instruction: illegal 3 at pc=0x10002 ib=0x11000$'
.text
    nop
    illegal 3
.const
    .quad 0
EOF

mk undecodable <<'EOF' && crash undecodable 132 'illegal instruction: undecodable \.short 0xffff at pc=0x10000 '
.text
    .short 0xffff
.const
    .quad 0
EOF

mk reserved32 <<'EOF' && crash reserved32 132 'illegal instruction: undecodable \.long 0x[0-9a-f]{8} at pc=0x10000 '
.text
    .short 0x03e1, 0xffff
.const
    .quad 0
EOF

mk iret <<'EOF' && crash iret 132 'illegal instruction: not allowed in user mode: iret at pc=0x10000 '
.text
    iret
.const
    .quad 0
EOF

mk sysreg_priv <<'EOF' && crash sysreg_priv 132 'illegal instruction: not allowed in user mode: sysread a0, tcause at pc=0x10000 '
.text
    sysread a0, tcause
.const
    .quad 0
EOF

mk brk5 <<'EOF' && crash brk5 133 '^glyph-run: \./brk5: breakpoint: break 5 at pc=0x10002 ib=0x11000$'
.text
    nop
    break 5
.const
    .quad 0
EOF

mk odd_pc <<'EOF' && crash odd_pc 135 '^glyph-run: \./odd_pc: bus error: misaligned fetch from address 0x10003 at pc=0x10003 ib=0x11000$'
.text
    j.i64 ib64(0)
.const
    .lanes 3, 0
EOF

mk fetch_nx <<'EOF' && crash fetch_nx 139 'segmentation fault: fetch from non-executable address 0x11000 at pc=0x11000 ib=0x11000$'
.text
    j.i64 ib64(0)
.const
    .lanes 0x1000, 0
EOF

# lanes wrap at 32 bits and are then sign-extended: 0x7fffffff + 1 = -2^31
mk lane_wrap <<'EOF' && crash lane_wrap 139 'fetch from unmapped address 0xffffffff80010002 at pc=0xffffffff80010002 '
.text
    movq.i64 ra, ib64(1)
    jala.i64 ra, ib64(0)
.const
    .lanes 1, 0
    .quad 0x7fffffff
EOF

# jtl subtracts the sign-extended lanes of lr in 64 bits (docs/isa.md):
# 0x10002 + (-2^31) - 2, not a 32-bit wrapped difference
mk jtl_no_wrap <<'EOF' && crash jtl_no_wrap 139 'fetch from unmapped address 0xffffffff80010000 at pc=0xffffffff80010000 '
.text
    movq.i64 ra, ib64(1)
    jtl.i64 ra, ib64(0)
.const
    .lanes 0x80000000, 0
    .quad 2
EOF

mk const_unmapped <<'EOF' && crash const_unmapped 139 'load from unmapped address 0x12000 at pc=0x10004 ib=0x11f80$'
.text
    movi.i64 a0, 1
    ibj 0xf80
    movq.i64 a1, ib64(16)
.const
    .quad 0
EOF

# an instruction may straddle two executable pages; one whose second half
# lies on a non-executable page is a fetch fault at the page
{ echo .text; i=0; while [ $i -lt 2047 ]; do echo '    nop'; i=$((i + 1)); done
  printf '    movi.i64.w t0, 93\n    movi.i64 a0, 5\n    syscall\n.const\n    .quad 0\n'; } > straddle.s
"$MKEXE" -o straddle straddle.s && run glyph-run ./straddle
expect_eq "32-bit instruction across a page boundary" 5 "$STATUS"
{ echo .text; i=0; while [ $i -lt 2047 ]; do echo '    nop'; i=$((i + 1)); done
  printf '    .short 0x1d\n.const\n    .quad 0\n'; } > straddle_nx.s
"$MKEXE" -o straddle_nx straddle_nx.s && crash straddle_nx 139 'fetch from non-executable address 0x11000 at pc=0x10ffe ib=0x11000$'

# precise state: instructions before the fault have completed, none after
mk precise <<'EOF'
.text
    movi.i64 a0, 7
    movi.i64 a1, 0
    cmp.eq.i64 a0, a0
    load.i64 s0, 0(a1)
    movi.i64 a0, 9
.const
    .quad 0
EOF
run glyph-run --dump-regs ./precise
expect_eq "precise: status" 139 "$STATUS"
expect_match "precise: pc of the load" '^pc=0x0000000000010006$' "$ERR"
expect_match "precise: earlier results kept" '^r4=0x0000000000000007$' "$ERR"
expect_match "precise: flag kept" '^flag=0x0000000000000001$' "$ERR"
run glyph-run --stats ./precise
expect_match "precise: 3 instructions counted" 'stats: 3 instructions' "$ERR"

# a bad pointer to write() is -EFAULT, not a crash (exit status = result & 255)
mk efault <<'EOF'
.text
    movi.i64 a0, 1
    movi.i64 a1, 8
    movi.i64 a2, 5
    movi.i64.w t0, 64
    syscall
    movi.i64.w t0, 93
    syscall
.const
    .quad 0
EOF
run glyph-run --strace ./efault
expect_eq "write(bad pointer): exit status -EFAULT & 255" 242 "$STATUS"
expect_match "write(bad pointer): strace shows EFAULT" '^write\(1, 0x8, 5\) = -1 EFAULT \(Bad address\)$' "$ERR"

# self-modifying code: a store into a page blocks were decoded from
# invalidates them (the new instruction runs on the next pass)
mk selfmod <<'EOF'
.seg text rwx
    movi.i64 a0, 0
    movi.i64 a1, 2
    lea.i64 s0, ib32(0)(pc)
    lea.i64 s1, ib32(1)(pc)
    load.u16 s2, 0(s1)
    movi.i64 s1, 0
site: addi.i64 a0, 1
    store.i16 s2, 0(s0)
    addi.i64 a1, -1
    cmp.ne.i64 a1, s1
    b site
    movi.i64.w t0, 93
    syscall
new: addi.i64 a0, 10
.const
    .long site - 0x10004
    .long new - 0x10006
EOF
run glyph-run ./selfmod
expect_eq "self-modifying code takes effect (1 + 10)" 11 "$STATUS"

# unknown syscall: -ENOSYS, reported once under --strace
mk nosys <<'EOF'
.text
    movi.i64.w t0, 999
    syscall
    movi.i64.w t0, 999
    syscall
    movi.i64.w t0, 93
    syscall
.const
    .quad 0
EOF
run glyph-run --strace ./nosys
expect_eq "unknown syscall: -ENOSYS" 218 "$STATUS"
expect_eq "unknown syscall: reported once" 1 "$(printf '%s\n' "$ERR" | grep -c 'unsupported syscall 999')"
run glyph-run ./nosys
expect_eq "unknown syscall: silent without --strace" "" "$ERR"
# link lanes: jala adds lr to the vector lane by lane with 32-bit wrap
# (0x7ffffffc + 8 = 0x80000004 is -0x7ffffffc; 0x7fffffc0 + 0x40 is
# -2^31), then sign-extends; here both lanes land far below the program
mk jala_wrap <<'EOF' && run glyph-run --dump-regs ./jala_wrap
.text
    movq.i64 ra, ib64(1)
    jala.i64 ra, ib64(0)
.const
    .lanes 8, 0x40
    .quad 0x7fffffc07ffffffc
EOF
expect_eq "jala lane wrap: status" 139 "$STATUS"
expect_match "jala lane wrap: pc = 0x10002 - 0x7ffffffc, ib = 0x11000 - 2^31" 'fetch from unmapped address 0xffffffff80010006 at pc=0xffffffff80010006 ib=0xffffffff80011000$' "$ERR"
expect_match "jala lane wrap: lr = the wrapped lanes" '^r7=0x8000000080000004$' "$ERR"
# jtl subtracts the sign-extended lanes in 64 bits (docs/isa.md 3.1):
# 0x7ffffff0 - (-2^31) = 0xfffffff0, no 32-bit wrap
mk jtl_nowrap <<'EOF' && crash jtl_nowrap 139 'fetch from unmapped address 0x10000fff2 at pc=0x10000fff2 ib=0x11000$'
.text
    movq.i64 ra, ib64(1)
    jtl.i64 ra, ib64(0)
.const
    .lanes 0x7ffffff0, 0
    .quad 0x80000000
EOF

# pages without read permission: the host cannot map execute-only or
# write-only pages, so glyph-run checks loads against the page table
mk exec_only <<'EOF' && crash exec_only 139 '^glyph-run: \./exec_only: segmentation fault: load from unreadable address 0x12000 at pc=0x10002 ib=0x11000$'
.text
    movq.i64 s0, ib64(0)
    load.i64 a0, 0(s0)
    movi.i64.w t0, 93
    syscall
.const
    .quad 0x12000
.seg xonly x
    .quad 0x2a
EOF
# mmap(PROT_WRITE) at run time: the store works, the load faults
mk write_only <<'EOF' && crash write_only 139 'segmentation fault: load from unreadable address 0x[0-9a-f]+008 at pc=0x10022 ib=0x11000$'
.text
    movi.i64 a0, 0
    movq.i64 a1, ib64(0)
    movi.i64 a2, 2
    movi.i64 a3, 0x22
    movi.i64 a4, -1
    movi.i64 a5, 0
    movi.i64.w t0, 222
    syscall
    mov.i64 s0, a0
    movi.i64 a1, 9
    store.i64 a1, 8(s0)
    load.i64 a0, 8(s0)
    movi.i64.w t0, 93
    syscall
.const
    .quad 4096
EOF
# mprotect(PROT_EXEC) of a data page that was read before: the cached
# plain-interpreter blocks are replaced by checking ones
mk mprotect_exec_only <<'EOF' && crash mprotect_exec_only 139 'segmentation fault: load from unreadable address 0x12008 at pc=0x10014 ib=0x11000$'
.text
    movq.i64 s0, ib64(0)
    load.i64 s1, 8(s0)
    mov.i64 a0, s0
    movq.i64 a1, ib64(1)
    movi.i64 a2, 4
    movi.i64.w t0, 226
    syscall
    load.i64 a0, 8(s0)
    movi.i64.w t0, 93
    syscall
.const
    .quad 0x12000
    .quad 4096
.data
    .quad 1
    .quad 2
EOF

# srli.i64.w with an immediate of 64 (packet 0 0x8025: rc a0, low imm 0,
# op 9; packet 1 0x0083: high imm 1): immediate shifts must be < 64
mk shift64 <<'EOF' && crash shift64 132 'illegal instruction: undecodable \.long 0x00838025 at pc=0x10000 ib=0x11000$'
.text
    .short 0x8025, 0x0083
.const
    .quad 0
EOF

finish
