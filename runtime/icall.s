# icall.s - calls through function pointers (docs/runtime.md, "Function
# pointers").  A function pointer is the address of a descriptor, two
# quads { entry, entry.const }:
#
#       .data
#   cmp_desc:  .quad cmp, cmp.const
#
# __grt_icall calls the function a descriptor names.  docs/abi.md has no
# indirect call yet; this builds the link vector the callee expects by hand:
#
#   pin   gives our own ib (its high lane with rb = 0),
#   ra  = (F - T, Fib - ib) - (0, 1)      T = the jala below
#   jala.i64 ra, ib64(0)                  ib64(0) = (0, 1), so
#   d   = ra + (0, 1) = (F - T, Fib - Tib): (pc, ib) += d lands on (F, Fib)
#         and leaves ra = d, exactly what `call F` placed at T would leave.
#
# The callee's `ret` comes back to T + 2 with ib = our block.  A function
# (or block) 2 GiB or more away does not fit the lanes: `break 1`.

    .text

# __grt_icall(a0..a7) with t1 = descriptor: returns the callee's a0/a1.
# Only register arguments pass through (this frame sits between the caller
# and the callee, so stack arguments would not be at the callee's 0(sp)).
    .globl __grt_icall
    .type __grt_icall, @function
__grt_icall:
    li t5, 0x100000000          # the function's first constant: ib64(0) = lanes (0, 1)
    addi.i64 sp, -64
    store.i64 ra, 0(sp)
    load.i64 t2, 8(t1)          # Fib
    load.i64 t1, 0(t1)          # F
    la t6, 1f                   # T
    movi.i64 t7, 0
    pin.i64 t3, t7, t7          # (pc, ib): the high lane is our ib
    srai.i64 t3, 32
    sub.i64 t4, t1, t6          # pc lane: F - T
    sub.i64 t3, t2, t3          # ib lane: Fib - ib
    # lanes are signed 32-bit: a function 2 GiB or more away cannot be
    # reached from here (docs/abi.md, "Reach"); trap instead of jumping
    # somewhere else
    mov.i64 t8, t4
    slli.i64 t8, 32
    srai.i64 t8, 32
    cmp.ne.i64 t8, t4
    b 2f
    mov.i64 t8, t3
    slli.i64 t8, 32
    srai.i64 t8, 32
    cmp.ne.i64 t8, t3
    b 2f
    addi.i64 t3, -1             # minus the 1 of ib64(0)
    slli.i64 t3, 32
    slli.i64 t4, 32
    srli.i64 t4, 32
    or.i64 ra, t3, t4
1:  jala.i64 ra, ib64(0)
    load.i64 ra, 0(sp)
    addi.i64 sp, 64
    ret
2:  break 1                     # function out of reach
    .size __grt_icall, .-__grt_icall
