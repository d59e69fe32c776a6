# trap.s - the example kernel's trap handlers: trap_dispatch(frame) is
# called by trap_entry (entry.s) with the saved context and picks a
# handler by tcause.  Synchronous faults either repair their cause and
# retry (A/D bits set on demand, a colour restored) or are reported and
# skipped (tepc moves past the faulting instruction).  Every line the
# kernel prints is part of the transcript tests/system/kernel.sh checks.

    .include    "kernel.inc"

    .text

# trap_dispatch(a0 = frame)
    .globl      trap_dispatch
trap_dispatch:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    load.i64    s1, F_CAUSE(s0)
    mov.i64     a0, s0
    movi.i64    t1, 17
    cmp.eq.i64  s1, t1
    b           .Lsys
    li          t1, 30
    cmp.eq.i64  s1, t1
    b           .Ltimer
    li          t1, 32
    cmp.eq.i64  s1, t1
    b           .Luart
    movi.i64    t1, 1
    cmp.eq.i64  s1, t1
    b           .Lbreak
    movi.i64    t1, 2
    cmp.eq.i64  s1, t1
    b           .Lillegal
    movi.i64    t1, 13
    cmp.eq.i64  s1, t1
    b           .Lcap
    movi.i64    t1, 10
    cmp.lt.i64  s1, t1
    b           .Lother
    movi.i64    t1, 13
    cmp.lt.i64  s1, t1
    b           .Lpage
.Lother:
    call        on_other
    j           .Ldone
.Lsys:
    call        on_syscall
    j           .Ldone
.Ltimer:
    call        on_timer
    j           .Ldone
.Luart:
    call        on_uart
    j           .Ldone
.Lbreak:
    la          a0, m_break
    j           .Lreport
.Lillegal:
    la          a0, m_illegal
.Lreport:
    load.i64    a1, F_TVAL(s0)
    call        kputsx
    mov.i64     a0, s0
    call        skip
    j           .Ldone
.Lcap:
    call        on_cap
    j           .Ldone
.Lpage:
    call        on_page
.Ldone:
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret

# skip(a0 = frame): tepc past the instruction there (its length is in
# the first packet's size bits: 2 << size).  A user instruction is read
# with scontrol.A set for the one load.
    .globl      skip
skip:
    load.i64    t1, F_TEPC(a0)
    movi.i64    t2, 8
    sysset      t2, scontrol
    load.u16    t3, 0(t1)
    sysclear    t2, scontrol
    movi.i64    t4, 3
    and.i64     t3, t3, t4
    movi.i64    t4, 2
    sll.i64     t4, t4, t3
    add.i64     t1, t1, t4
    store.i64   t1, F_TEPC(a0)
    ret

# on_syscall(a0 = frame): t0 is the number, a0/a1 the arguments, the
# result goes to a0; tepc moves past the syscall (4 bytes) unless the
# call changes where the task goes on.
    .type       on_syscall, @function
on_syscall:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
    load.i64    t1, F_TEPC(s0)
    addi.i64    t1, 4
    store.i64   t1, F_TEPC(s0)
    load.i64    s1, F_T0(s0)
    load.i64    a0, F_A0(s0)
    movi.i64    t1, SYS_PUTC
    cmp.eq.i64  s1, t1
    b           .Lputc
    movi.i64    t1, SYS_WRITE
    cmp.eq.i64  s1, t1
    b           .Lwrite
    movi.i64    t1, SYS_EXIT
    cmp.eq.i64  s1, t1
    b           .Lexit
    movi.i64    t1, SYS_TICKS
    cmp.eq.i64  s1, t1
    b           .Lticks
    movi.i64    t1, SYS_COLOR
    cmp.eq.i64  s1, t1
    b           .Lcolor
    movi.i64    t1, SYS_GETC
    cmp.eq.i64  s1, t1
    b           .Lgetc
    movi.i64    t1, SYS_CLOCK
    cmp.eq.i64  s1, t1
    b           .Lclock
    movi.i64    t1, SYS_PUTX
    cmp.eq.i64  s1, t1
    b           .Lputx
    movi.i64    t1, SYS_NOCODE
    cmp.eq.i64  s1, t1
    b           .Lnocode
    la          a0, m_badsys
    mov.i64     a1, s1
    call        kputsx
    li          t1, -1
    store.i64   t1, F_A0(s0)
    j           .Lsysret
.Lputc:
    call        kputc
    j           .Lsysret
.Lputx:
    call        kputx
    li          a0, 10
    call        kputc
    j           .Lsysret
.Lwrite:                                # the buffer is the user's: scontrol.A
    mov.i64     s1, a0                  # for these loads only
    load.i64    s2, F_A1(s0)
    add.i64     s2, s2, s1
1:  cmp.geu.i64 s1, s2
    b           .Lsysret
    movi.i64    t1, 8
    sysset      t1, scontrol
    load.u8     a0, 0(s1)
    sysclear    t1, scontrol
    call        kputc
    addi.i64    s1, 1
    j           1b
.Lexit:                                 # back to _start, after its iret
    mov.i64     a1, a0
    la          a0, m_exit
    call        kputsx
    la          t1, user_done
    store.i64   t1, F_TEPC(s0)
    la          t1, user_done.const
    store.i64   t1, F_TEIB(s0)
    la          t1, kmain_sp
    load.i64    t1, 0(t1)
    store.i64   t1, F_SP(s0)
    j           .Lsysret
.Lticks:                                # three ticks, then go on at a0
    la          t1, resume
    store.i64   a0, 0(t1)
    call        arm_timer
    j           .Lsysret
.Lcolor:
    movi.i64    t1, 1
    cmp.ne.i64  a0, t1
    b           2f
    movi.i64    t1, 4                   # step 1: colour-1 code may not write colour 2
    sysclear    t1, colormatwrite1
    la          a0, m_color1
    call        kputs
    j           .Lsysret
2:  movi.i64    t1, 4                   # step 2: it may again; colour 1 is not
    sysset      t1, colormatwrite1      # executable
    movi.i64    t1, 2
    sysclear    t1, colorexec
    la          a0, m_color2
    call        kputs
    j           .Lsysret
.Lclock:
    movi.i64    t1, 2
    sysset      t1, scontrol            # T: user code may read ctime
    la          a0, m_clock
    call        kputs
    j           .Lsysret
.Lnocode:                               # "return" to unmapped user code
    la          t1, nocode_ret
    load.i64    t2, F_TEPC(s0)
    store.i64   t2, 0(t1)
    li          t1, U_NOCODE
    store.i64   t1, F_TEPC(s0)
    j           .Lsysret
.Lgetc:
    call        getc
    store.i64   a0, F_A0(s0)
.Lsysret:
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret

# getc(): a byte from UART0, waiting for its receive interrupt (pin 0,
# cause 32) with wfi.  Runs inside the syscall handler with tcontrol.I
# clear: it opens the window for the interrupt only after the check.
    .type       getc, @function
getc:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    li          t1, UART
    movi.i64    t2, 1
    store.i8    t2, 1(t1)               # IER.ERBFI
    syswrite    t2, sie                 # pin 0
1:  la          t1, rx_char
    load.i64    a0, 0(t1)
    movi.i64    t2, -1
    cmp.ne.i64  a0, t2
    b           2f
    wfi                                 # wakes on the pending pin even with I clear
    movi.i64    t2, 1
    sysset      t2, tcontrol            # the interrupt is taken here ...
    sysclear    t2, tcontrol            # ... and the handler has stored the byte
    j           1b
2:  movi.i64    t2, -1
    store.i64   t2, 0(t1)
    li          t1, UART
    movi.i64    t2, 0
    store.i8    t2, 1(t1)
    syswrite    t2, sie
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret

# on_uart(a0 = frame): read the byte (the line drops), acknowledge again
    .type       on_uart, @function
on_uart:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    li          t1, UART
    load.u8     a1, 0(t1)
    la          t1, rx_char
    store.i64   a1, 0(t1)
    li          t1, 32
    syswrite    t1, tack                # the pin latched again while the line was high
    la          a0, m_uart
    call        kputsx
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret

# arm_timer(): the next tick TICK ns from now
    .globl      arm_timer
arm_timer:
    sysread     t1, ctime
    li          t2, TICK
    add.i64     t1, t1, t2
    la          t2, deadline
    store.i64   t1, 0(t2)
    syswrite    t1, stimer
    ret

# on_timer(a0 = frame): count the tick; after the third, the task
# that asked (SYS_TICKS) goes on at its resume address
    .type       on_timer, @function
on_timer:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    la          t1, ticks
    load.i64    s1, 0(t1)
    addi.i64    s1, 1
    store.i64   s1, 0(t1)
    la          a0, m_tick
    call        kputs
    mov.i64     a0, s1
    call        kputx
    load.i64    t1, F_TVAL(s0)          # tvalue = ctime, not before the deadline
    la          t2, deadline
    load.i64    t2, 0(t2)
    cmp.geu.i64 t1, t2
    b           1f
    la          a0, m_early
    call        kputs
1:  li          a0, 10
    call        kputc
    la          t1, resume
    load.i64    t2, 0(t1)
    movi.i64    t3, 0
    cmp.eq.i64  t2, t3
    b           3f
    movi.i64    t3, 3
    cmp.geu.i64 s1, t3
    b           2f
    call        arm_timer
    j           3f
2:  store.i64   t2, F_TEPC(s0)          # the third tick: the task goes on
    movi.i64    t3, 0
    store.i64   t3, 0(t1)
3:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret

# on_page(a0 = frame): a page fault.  A user page whose PTE lacks A (a
# load) or D (a store to a writable page) gets the bit and the access
# is retried: A/D are software-managed.  The fetch from U_NOCODE goes
# back to the task.  Anything else is reported and skipped.
    .type       on_page, @function
on_page:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
    load.i64    s1, F_TVAL(s0)
    load.i64    s2, F_CAUSE(s0)
    li          t1, U_NOCODE
    cmp.ne.i64  s1, t1
    b           1f
    la          a0, m_nocode
    mov.i64     a1, s1
    call        kputsx
    la          t1, nocode_ret
    load.i64    t1, 0(t1)
    store.i64   t1, F_TEPC(s0)
    j           .Lpdone
1:  li          t1, 0x200000            # a user page below 2 MiB with a valid PTE?
    cmp.geu.i64 s1, t1
    b           .Lpreport
    mov.i64     t1, s1
    srli.i64    t1, 12
    slli.i64    t1, 3
    li          t2, PT_L0
    add.i64     t3, t1, t2              # t3 = the PTE's address
    load.i64    t4, 0(t3)
    movi.i64    t1, 1
    and.i64     t1, t1, t4
    movi.i64    t2, 0
    cmp.eq.i64  t1, t2
    b           .Lpreport
    movi.i64    t1, 11
    cmp.ne.i64  s2, t1
    b           2f
    li          t1, 0x40                # a load: A missing?
    and.i64     t2, t4, t1
    movi.i64    t5, 0
    cmp.ne.i64  t2, t5
    b           .Lpreport
    or.i64      t4, t4, t1
    store.i64   t4, 0(t3)
    la          a0, m_seta
    j           .Lretry
2:  movi.i64    t1, 12
    cmp.ne.i64  s2, t1
    b           .Lpreport
    li          t1, 0xc0                # a store to a writable page: D missing?
    movi.i64    t2, 4
    and.i64     t2, t4, t2
    movi.i64    t5, 0
    cmp.eq.i64  t2, t5
    b           .Lpreport
    li          t2, 0x80
    and.i64     t2, t4, t2
    cmp.ne.i64  t2, t5
    b           .Lpreport
    or.i64      t4, t4, t1
    store.i64   t4, 0(t3)
    la          a0, m_setd
.Lretry:
    mov.i64     a1, s1
    call        kputsx
    sysread     t1, sptr                # rewriting sptr drops old translations
    syswrite    t1, sptr
    j           .Lpdone
.Lpreport:
    la          a0, m_page
    mov.i64     a1, s2
    call        kputs
    mov.i64     a0, s2
    call        kputx
    la          a0, m_at
    call        kputs
    mov.i64     a0, s1
    call        kputx
    la          a0, m_skipped
    call        kputs
    mov.i64     a0, s0
    call        skip
.Lpdone:
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret

# on_cap(a0 = frame): a capability fault.  A fetch (tvalue = tepc) means
# colour 1 lost colorexec: give it back and retry; a data access is
# reported and skipped.
    .type       on_cap, @function
on_cap:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    mov.i64     s0, a0
    load.i64    a1, F_TVAL(s0)
    load.i64    t1, F_TEPC(s0)
    cmp.eq.i64  a1, t1
    b           1f
    la          a0, m_cap
    call        kputsx
    mov.i64     a0, s0
    call        skip
    j           2f
1:  la          a0, m_capx
    call        kputsx
    movi.i64    t1, 2
    sysset      t1, colorexec
2:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret

# on_other(a0 = frame): nothing else is expected: report, power off 1
    .type       on_other, @function
on_other:
    mov.i64     s0, a0
    la          a0, m_other
    load.i64    a1, F_CAUSE(s0)
    call        kputsx
    la          a0, m_tval
    load.i64    a1, F_TVAL(s0)
    call        kputsx
    li          t1, 0x0300000000000001
    syswrite    t1, econtrol
1:  j           1b

    .data

    .balign     8
    .globl      kmain_sp, ticks
kmain_sp:
    .quad       0
ticks:
    .quad       0
resume:
    .quad       0
deadline:
    .quad       0
nocode_ret:
    .quad       0
rx_char:
    .quad       -1

    .section    .rodata
m_break:
    .asciz      "trap: break, tvalue="
m_illegal:
    .asciz      "trap: illegal instruction, tvalue="
m_badsys:
    .asciz      "syscall: unknown number "
m_exit:
    .asciz      "syscall: exit "
m_color1:
    .asciz      "syscall: colour 1 may no longer write colour 2 (colormatwrite1)\n"
m_color2:
    .asciz      "syscall: colour 1 may write colour 2 again; colour 1 is not executable (colorexec)\n"
m_clock:
    .asciz      "syscall: user code may read ctime (scontrol.T)\n"
m_uart:
    .asciz      "interrupt: uart (cause 32), received "
m_tick:
    .asciz      "interrupt: timer tick "
m_early:
    .asciz      " before its deadline!"
m_nocode:
    .asciz      "trap: fetch page fault (cause 10) at unmapped code "
m_seta:
    .asciz      "trap: load page fault, PTE without A: set A, retry at "
m_setd:
    .asciz      "trap: store page fault, PTE without D: set D, retry at "
m_page:
    .asciz      "trap: page fault "
m_at:
    .asciz      " at "
m_skipped:
    .asciz      ", skipped\n"
m_cap:
    .asciz      "trap: capability fault (cause 13) on data at "
m_capx:
    .asciz      "trap: capability fault (cause 13) fetching "
m_other:
    .asciz      "trap: unexpected cause "
m_tval:
    .asciz      "  tvalue="
