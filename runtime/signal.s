# signal.s - signals (docs/runtime.md, "Signals"; the frame and the
# handler's entry are docs/abi.md, "Signals").  A handler is a function
# pointer (a descriptor address, icall.s) and is entered as
# handler(sig, siginfo *, ucontext *); its `ret` returns through the
# emulator's rt_sigreturn trampoline.  sigset_t is one quad (bit sig-1).
#
# struct sigaction (24 bytes): sa_handler, sa_flags, sa_mask.  The
# system-call wrappers (sigaction, sigprocmask, ...) are in syscalls.s.

    .text

# handler_t signal(int sig, handler_t handler): BSD semantics, as glibc:
# SA_RESTART, the handler stays installed.  Returns the previous
# handler, or SIG_ERR (-1) with errno set.
    .globl      signal
    .type       signal, @function
signal:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   a1, 8(sp)               # act: handler
    li          t1, 0x10000000          # SA_RESTART
    store.i64   t1, 16(sp)
    movi.i64    t1, 0
    store.i64   t1, 24(sp)              # empty sa_mask
    mov.i64     a1, sp
    addi.i64    a1, 8
    mov.i64     a2, sp
    addi.i64    a2, 32                  # old at 32(sp)
    call        sigaction
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    b           1f
    load.i64    a0, 32(sp)
1:  load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       signal, .-signal

# int raise(int sig): the signal to this thread, delivered before raise
# returns (if not blocked)
    .globl      raise
    .type       raise, @function
raise:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    call        getpid
    mov.i64     s1, a0
    call        gettid
    mov.i64     a1, a0
    mov.i64     a0, s1
    mov.i64     a2, s0
    call        tgkill
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
    .size       raise, .-raise

# unsigned alarm(unsigned secs): SIGALRM after secs seconds (0 cancels);
# the seconds left of the previous alarm
    .globl      alarm
    .type       alarm, @function
alarm:
    addi.i64    sp, -128
    store.i64   ra, 0(sp)
    movi.i64    t1, 0
    store.i64   t1, 8(sp)               # it_interval
    store.i64   t1, 16(sp)
    store.i64   a0, 24(sp)              # it_value
    store.i64   t1, 32(sp)
    movi.i64    a0, 0                   # ITIMER_REAL
    mov.i64     a1, sp
    addi.i64    a1, 8
    mov.i64     a2, sp
    addi.i64    a2, 64
    call        setitimer
    load.i64    a0, 88(sp)              # old it_value seconds
    load.i64    t1, 96(sp)              # ... rounded up by its microseconds
    movi.i64    t2, 0
    cmp.eq.i64  t1, t2
    b           1f
    addi.i64    a0, 1
1:  load.i64    ra, 0(sp)
    addi.i64    sp, 128
    ret
    .size       alarm, .-alarm
