# signals.s - guest signal handlers (docs/abi.md "Signals", docs/run.md
# "Signals").  argv[1] picks the case; output goes straight to fd 1.
#   skip       SIGILL handler moves the saved pc past `illegal`; the
#              frame restores the registers the handler clobbered
#   resethand  SA_RESETHAND: the second SIGUSR1 takes the default action
#   mask       a blocked raise stays pending (sigpending) until unblocked
#   nodefer    SA_NODEFER: the handler is re-entered from itself
#   loop       SIGALRM (setitimer) interrupts a loop without syscalls
#   eintr      SIGALRM interrupts a blocking read: -1, EINTR
#   restart    ... with SA_RESTART the read is restarted and completes
#   badframe   the handler returns with a wild sp: SIGSEGV
#   spin       wait for SIGUSR1 from another process, in a loop
#   rtext      block signal 40, say ready, read a byte from stdin (the
#              test sends three signal 40 from another process first),
#              unblock: all three instances reach the handler
#   rttimer    a POSIX timer (CLOCK_MONOTONIC, 20 ms) with SIGEV_SIGNAL
#              signal 41 and value 7: the handler sees SI_TIMER and 7

    .section    .rodata
c_skip:
    .string     "skip"
c_reset:
    .string     "resethand"
c_mask:
    .string     "mask"
c_nodef:
    .string     "nodefer"
c_loop:
    .string     "loop"
c_eintr:
    .string     "eintr"
c_rest:
    .string     "restart"
c_bad:
    .string     "badframe"
c_spin:
    .string     "spin"
c_rtext:
    .string     "rtext"
c_rttimer:
    .string     "rttimer"
m_rtc:
    .string     "handled %ld, si_code %ld, si_value %ld\n"
m_ill:
    .string     "SIGILL at %p code %d\n"
m_after:
    .string     "after: t5=%ld s3=%ld\n"
m_hand:
    .string     "handled %d\n"
m_pend:
    .string     "pending %ld\n"
m_enter:
    .string     "enter %ld\n"
m_leave:
    .string     "leave %ld\n"
m_done:
    .string     "done\n"
m_read:
    .string     "read %ld errno %ld\n"
m_ready:
    .string     "ready\n"
m_x:
    .string     "x"

    .data
    .balign     8
ill_d:
    .quad       on_ill, on_ill.const
hand_d:
    .quad       on_sig, on_sig.const
nest_d:
    .quad       on_nest, on_nest.const
flag_d:
    .quad       on_flag, on_flag.const
wr_d:
    .quad       on_write, on_write.const
bad_d:
    .quad       on_bad, on_bad.const
exit_d:
    .quad       on_exit, on_exit.const
act:
    .quad       0, 0, 0
set:
    .quad       0x200                   # SIGUSR1 (10): bit 9
pend:
    .quad       0
depth:
    .quad       0
flagv:
    .quad       0
fds:
    .quad       0
rtc_d:
    .quad       on_rtc, on_rtc.const
rt40:
    .quad       0x8000000000            # signal 40: bit 39
rtcount:
    .quad       0
rtcode:
    .quad       0
rtval:
    .quad       0
sev:
    .quad       7                       # struct sigevent: sigev_value,
    .long       41, 0                   # signo 41, SIGEV_SIGNAL
    .zero       48
timerid:
    .quad       0
its:
    .quad       0, 0, 0, 20000000       # it_interval 0, it_value 20 ms
timer:
    .quad       0, 0, 0, 20000          # it_interval 0, it_value 20 ms
buf:
    .quad       0

    .text

# on_ill(sig, si, uc): report, clobber t5 and s3 (restored by the frame),
# skip the 2-byte `illegal`
    .type       on_ill, @function
on_ill:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   a2, 8(sp)
    mov.i64     t1, a1
    movi.i64    a0, 1
    la          a1, m_ill
    load.i64    a2, 16(t1)
    load.i32    a3, 8(t1)
    call        dprintf
    load.i64    t1, 8(sp)
    load.i64    t2, 576(t1)             # the saved pc: frame + 704 = ucontext + 576
    addi.i64    t2, 2
    store.i64   t2, 576(t1)
    movi.i64    t5, 0                   # caller-saved: the frame brings it back
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       on_ill, .-on_ill

# on_rtc(sig, si, uc): count, keep si_code and si_value
    .type       on_rtc, @function
on_rtc:
    la          t1, rtcount
    load.i64    t2, 0(t1)
    addi.i64    t2, 1
    store.i64   t2, 0(t1)
    load.i32    t2, 8(a1)
    la          t1, rtcode
    store.i64   t2, 0(t1)
    load.i64    t2, 24(a1)
    la          t1, rtval
    store.i64   t2, 0(t1)
    ret
    .size       on_rtc, .-on_rtc

# print_rt: "handled N, si_code C, si_value V"
    .type       print_rt, @function
print_rt:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    movi.i64    a0, 1
    la          a1, m_rtc
    la          t1, rtcount
    load.i64    a2, 0(t1)
    la          t1, rtcode
    load.i64    a3, 0(t1)
    la          t1, rtval
    load.i64    a4, 0(t1)
    call        dprintf
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       print_rt, .-print_rt

    .type       on_sig, @function
on_sig:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    mov.i64     a2, a0
    movi.i64    a0, 1
    la          a1, m_hand
    call        dprintf
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       on_sig, .-on_sig

# on_nest: enter n; raise again once from depth 1; leave n
    .type       on_nest, @function
on_nest:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    la          t1, depth
    load.i64    s0, 0(t1)
    addi.i64    s0, 1
    store.i64   s0, 0(t1)
    movi.i64    a0, 1
    la          a1, m_enter
    mov.i64     a2, s0
    call        dprintf
    movi.i64    t1, 1
    cmp.ne.i64  s0, t1
    b           1f
    li          a0, 10
    call        raise
1:  movi.i64    a0, 1
    la          a1, m_leave
    mov.i64     a2, s0
    call        dprintf
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       on_nest, .-on_nest

    .type       on_flag, @function
on_flag:
    la          t1, flagv
    movi.i64    t2, 1
    store.i64   t2, 0(t1)
    ret
    .size       on_flag, .-on_flag

# on_write: a byte into the pipe the main program is reading
    .type       on_write, @function
on_write:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          t1, fds
    load.i32    a0, 4(t1)
    la          a1, m_x
    movi.i64    a2, 1
    call        write
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       on_write, .-on_write

    .type       on_bad, @function
on_bad:
    li          sp, 16                  # rt_sigreturn will find no frame here
    ret
    .size       on_bad, .-on_bad

    .type       on_exit, @function
on_exit:
    movi.i64    a0, 1
    la          a1, m_done
    call        dprintf
    movi.i64    a0, 0
    call        _exit
    .size       on_exit, .-on_exit

# install(sig, desc, flags)
    .type       install, @function
install:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          t1, act
    store.i64   a1, 0(t1)
    store.i64   a2, 8(t1)
    mov.i64     a1, t1
    movi.i64    a2, 0
    call        sigaction
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       install, .-install

# is(a0 = argv[1], a1 = name): flag set when equal (s0 holds argv[1])
    .macro      case name, label
    mov.i64     a0, s0
    la          a1, \name
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           \label
    .endm

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    load.i64    s0, 8(a1)
    case        c_skip, t_skip
    case        c_reset, t_reset
    case        c_mask, t_mask
    case        c_nodef, t_nodef
    case        c_loop, t_loop
    case        c_eintr, t_eintr
    case        c_rest, t_rest
    case        c_bad, t_bad
    case        c_spin, t_spin
    case        c_rtext, t_rtext
    case        c_rttimer, t_rttimer
    li          a0, 2
    j           out

t_skip:
    li          a0, 4                   # SIGILL
    la          a1, ill_d
    li          a2, 4                   # SA_SIGINFO
    call        install
    li          t5, 77
    li          r32, 55
    illegal     3
    mov.i64     a2, t5
    mov.i64     a3, r32
    movi.i64    a0, 1
    la          a1, m_after
    call        dprintf
    j           ok

t_reset:
    li          a0, 10
    la          a1, hand_d
    li          a2, 0x80000000          # SA_RESETHAND
    call        install
    li          a0, 10
    call        raise
    li          a0, 10
    call        raise                   # default action: killed (138)
    j           ok

t_mask:
    li          a0, 10
    la          a1, hand_d
    movi.i64    a2, 0
    call        install
    movi.i64    a0, 0                   # SIG_BLOCK
    la          a1, set
    movi.i64    a2, 0
    call        sigprocmask
    li          a0, 10
    call        raise
    la          a0, pend
    call        sigpending
    movi.i64    a0, 1
    la          a1, m_pend
    la          t1, pend
    load.i64    a2, 0(t1)
    call        dprintf
    li          a0, 1                   # SIG_UNBLOCK: handled here
    la          a1, set
    movi.i64    a2, 0
    call        sigprocmask
    movi.i64    a0, 1
    la          a1, m_done
    call        dprintf
    j           ok

t_nodef:
    li          a0, 10
    la          a1, nest_d
    li          a2, 0x40000000          # SA_NODEFER
    call        install
    li          a0, 10
    call        raise
    j           ok

t_loop:
    li          a0, 14                  # SIGALRM
    la          a1, flag_d
    movi.i64    a2, 0
    call        install
    movi.i64    a0, 0
    la          a1, timer
    movi.i64    a2, 0
    call        setitimer
    la          t1, flagv
1:  load.i64    t2, 0(t1)               # no system call in this loop
    movi.i64    t3, 0
    cmp.eq.i64  t2, t3
    b           1b
    movi.i64    a0, 1
    la          a1, m_done
    call        dprintf
    j           ok

t_eintr:
    li          a0, 14
    la          a1, flag_d
    movi.i64    a2, 0
    call        install
    j           piperead
t_rest:
    li          a0, 14
    la          a1, wr_d
    li          a2, 0x10000000          # SA_RESTART
    call        install
piperead:
    la          a0, fds
    movi.i64    a1, 0
    call        pipe2
    movi.i64    a0, 0
    la          a1, timer
    movi.i64    a2, 0
    call        setitimer
    la          t1, fds
    load.i32    a0, 0(t1)
    la          a1, buf
    li          a2, 8
    call        read
    mov.i64     a2, a0
    la          t1, errno
    load.i32    a3, 0(t1)
    movi.i64    a0, 1
    la          a1, m_read
    call        dprintf
    j           ok

t_bad:
    li          a0, 10
    la          a1, bad_d
    movi.i64    a2, 0
    call        install
    li          a0, 10
    call        raise
    j           ok

t_rtext:
    li          a0, 40
    la          a1, rtc_d
    li          a2, 4                   # SA_SIGINFO
    call        install
    movi.i64    a0, 0                   # SIG_BLOCK
    la          a1, rt40
    movi.i64    a2, 0
    call        sigprocmask
    movi.i64    a0, 1
    la          a1, m_ready
    call        dprintf
    movi.i64    a0, 0
    la          a1, buf
    movi.i64    a2, 1
    call        read
    movi.i64    a0, 1                   # SIG_UNBLOCK: the three are delivered
    la          a1, rt40
    movi.i64    a2, 0
    call        sigprocmask
    call        print_rt
    j           ok

t_rttimer:
    li          a0, 41
    la          a1, rtc_d
    li          a2, 4                   # SA_SIGINFO
    call        install
    li          a0, 107                 # timer_create(CLOCK_MONOTONIC, &sev, &timerid)
    movi.i64    a1, 1
    la          a2, sev
    la          a3, timerid
    call        __syscall
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           bad_rt
    li          a0, 110                 # timer_settime(id, 0, &its, NULL)
    la          t1, timerid
    load.i32    a1, 0(t1)
    movi.i64    a2, 0
    la          a3, its
    movi.i64    a4, 0
    call        __syscall
    la          t1, rtcount
1:  load.i64    t2, 0(t1)               # no system call in this loop
    movi.i64    t3, 0
    cmp.eq.i64  t2, t3
    b           1b
    call        print_rt
    j           ok
bad_rt:
    li          a0, 3
    j           out

t_spin:
    li          a0, 10
    la          a1, exit_d
    movi.i64    a2, 0
    call        install
    movi.i64    a0, 1
    la          a1, m_ready
    call        dprintf
1:  j           1b

ok: movi.i64    a0, 0
out:
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main
