# segv.s - catching SIGSEGV and recovering: a handler installed with
# sigaction (SA_SIGINFO) reports the faulting address and si_code, then
# siglongjmps back into main, which goes on to the next probe.  Probes:
# a load from an unmapped page (SEGV_MAPERR), a store to read-only data
# (SEGV_ACCERR), an ordinary load that works, and the unmapped load
# again, now taken on an alternate signal stack (sigaltstack, SA_ONSTACK).

    .section    .rodata
ro: .quad       7
msg_catch:
    .string     "caught SIGSEGV at %p, si_code %d\n"
msg_ok:
    .string     "read %ld\n"
msg_alt:
    .string     "handler on the alternate stack: %d\n"
msg_done:
    .string     "recovered %d times\n"

    .data
    .balign     8
handler_d:
    .quad       handler, handler.const
act:
    .quad       handler_d, 0x08000004, 0 # SA_ONSTACK | SA_SIGINFO, empty mask
count:
    .quad       0
ss: .quad       0, 0, 0                 # stack_t: ss_sp, ss_flags, ss_size

    .bss
    .balign     64
env:
    .zero       320
altstk:
    .zero       16384

    .text

# handler(sig, siginfo *si, ucontext *uc)
    .type       handler, @function
handler:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    mov.i64     t1, a1
    la          a0, msg_catch
    load.i64    a1, 16(t1)              # si_addr
    load.i32    a2, 8(t1)               # si_code
    call        printf
    # on the alternate stack? (sp within altstk)
    la          t1, altstk
    cmp.ltu.i64 sp, t1
    b           1f
    li          t2, 16384
    add.i64     t1, t1, t2
    cmp.ltu.i64 t1, sp
    b           1f
    la          a0, msg_alt
    movi.i64    a1, 1
    call        printf
1:  la          t1, count
    load.i64    t2, 0(t1)
    addi.i64    t2, 1
    store.i64   t2, 0(t1)
    la          a0, env
    movi.i64    a1, 1
    call        siglongjmp              # SIGSEGV was blocked in the handler: restored
    .size       handler, .-handler

# probe(kind): 1 stores to read-only data, 2 loads ro, others load
# unmapped memory
    .type       probe, @function
probe:
    movi.i64    t1, 1
    cmp.eq.i64  a0, t1
    b           2f
    movi.i64    t1, 2
    cmp.ne.i64  a0, t1
    b           1f
    la          t1, ro
    load.i64    a0, 0(t1)
    ret
1:  li          t1, 0x10
    load.i64    a0, 0(t1)               # page 0 is never mapped
    ret
2:  la          t1, ro
    store.i64   a0, 0(t1)
    ret
    .size       probe, .-probe

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    li          a0, 11                  # SIGSEGV
    la          a1, act
    movi.i64    a2, 0
    call        sigaction
    movi.i64    s0, 0
loop:
    movi.i64    t1, 3
    cmp.eq.i64  s0, t1
    b           3f                      # before the third fault: an alternate stack
4:  la          a0, env
    movi.i64    a1, 1
    call        sigsetjmp
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           next                    # back from the handler
    mov.i64     a0, s0
    call        probe
    mov.i64     a1, a0
    la          a0, msg_ok
    call        printf
next:
    addi.i64    s0, 1
    movi.i64    t1, 4
    cmp.ltu.i64 s0, t1
    b           loop
    la          a0, msg_done
    la          t1, count
    load.i64    a1, 0(t1)
    call        printf
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
3:  la          a0, ss
    la          t1, altstk
    store.i64   t1, 0(a0)
    li          t1, 16384
    store.i64   t1, 16(a0)
    movi.i64    a1, 0
    call        sigaltstack
    j           4b
    .size       main, .-main
