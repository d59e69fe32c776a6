# stlb.sh - the software TLB (mcontrol.S, D17): with S set nothing walks
# the tables; a miss is cause 16 with tvalue = the address and mtlbkey =
# its page; the handler writes mtlbfmt and mtlbent, which inserts the
# entry, and the access is retried.  A 2 MiB entry (level 1) covers its
# whole range; an sptr write drops the entries of non-global pages.
# teib is the missing load's ib.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

kern stlb <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    la s12, _start.const        # the ib of every miss (teib)
    la t1, tlbh
    syswrite t1, thpc
    la t1, tlbh.const
    syswrite t1, thib
    li t1, 0xffffc00000500000
    li t2, 0x1234
    store.i64 t2, 0(t1)
    li t1, 0xffffc00000601008
    li t2, 0x5678
    store.i64 t2, 0(t1)
    sysread a0, mfeature
    call kputx
    call newline
    li t1, 0x1fffc00000400000   # sptr: vm12, ASID 0 (no tables needed)
    syswrite t1, sptr
    movi.i64 t1, 8              # scontrol.A: the kernel reads user pages
    syswrite t1, scontrol
    movi.i64 t1, 5              # mcontrol: V and S
    syswrite t1, mcontrol
    li s1, 0x20000
    load.i64 a0, 0(s1)          # a miss: the handler inserts, we retry
    call pval
    load.i64 a0, 8(s1)          # the same page: no miss
    call pval
    li s1, 0x201008
    load.i64 a0, 0(s1)          # a 2 MiB entry
    call pval
    li s1, 0x3ff000
    load.i64 a0, 0(s1)          # ... covers this too
    call pval
    la s6, 1f
    li s1, 0x40000
    load.i64 a0, 0(s1)          # the handler has nothing for it
1:  li t1, 0x1fffc00000400000
    syswrite t1, sptr           # drops the entries
    li s1, 0x20000
    load.i64 a0, 0(s1)
    call pval
    movi.i64 a0, 0
    call poweroff

# the trap handler: reports the miss (" at teib" when teib is s12, else
# " teib=IB"); installs 0x20000 (4 KiB) or
# 0x200000 (2 MiB) and retries; anything else continues at s6
    .globl tlbh
tlbh:
    la a0, m_miss
    call kputs
    sysread a0, tcause
    call kputx
    la a0, m_key
    call kputs
    sysread a0, mtlbkey
    call kputx
    la a0, m_tv
    call kputs
    sysread a0, tvalue
    call kputx
    sysread t1, teib
    cmp.eq.i64 t1, s12
    b 1f
    la a0, m_teib
    call kputs
    sysread a0, teib
    call kputx
    j 2f
1:  la a0, m_atib
    call kputs
2:  call newline
    sysread t1, mtlbkey
    li t2, 0x20000
    cmp.eq.i64 t1, t2
    b 1f
    li t2, 0x200000
    li t3, -0x200000
    and.i64 t1, t1, t3
    cmp.eq.i64 t1, t2
    b 2f
    syswrite s6, tepc
    j 9f
1:  li t3, 0x1000000000000000   # vm12, level 0, ASID 0
    li t4, 0xffffc000005000c7   # V R W A D
    j 8f
2:  li t3, 0x1100000000000000   # level 1: 2 MiB
    li t4, 0xffffc000006000c7
8:  syswrite t3, mtlbfmt
    syswrite t4, mtlbent
9:  sysread t1, tcause
    syswrite t1, tack
    iret

    .section .rodata
m_miss: .asciz "trap "
m_key: .asciz " mtlbkey="
m_tv: .asciz " tvalue="
m_teib: .asciz " teib="
m_atib: .asciz " at teib"
K
boot stlb -n 1000000
expect_eq "software TLB transcript" "0|0x7
trap 0x10 mtlbkey=0x20000 tvalue=0x20000 at teib
val=0x1234
val=0x0
trap 0x10 mtlbkey=0x201000 tvalue=0x201008 at teib
val=0x5678
val=0x0
trap 0x10 mtlbkey=0x40000 tvalue=0x40000 at teib
trap 0x10 mtlbkey=0x20000 tvalue=0x20000 at teib
val=0x1234" "$STATUS|$OUT"
finish
