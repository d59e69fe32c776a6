# icall.s - calls through function pointers (docs/runtime.md, "Function
# pointers").  A function pointer is the address of a descriptor, two
# quads { entry, entry.const }:
#
#       .data
#   cmp_desc:  .quad cmp, cmp.const
#
# __grt_icall hands the call on to the function a descriptor names
# without a frame of its own, so stack arguments reach the callee where
# the caller put them.  Entered from a call at C, ra holds
# (I - C, Iib - Cib) for I = __grt_icall, Iib = its block.  It adds
# (F - I, Fib - Iib) lane-wise, giving the link (F - C, Fib - Cib) that a
# direct `call F` at C would leave, so F's `ret` returns straight to C + 2.
# Then it jumps to (F, Fib) with t0 as the link register:
#
#   pin.i64 t0, Fib, F     at P: t0 = (P - F, Pib - Fib)
#   jtl.i64 t0, ib64(0)    at T = P + 4, ib64(0) = (P - T, 0) = (-4, 0):
#                          (pc, ib) += (P - T, 0) - t0 = (F - T, Fib - Tib)
#
# A function (or block) 2 GiB or more from the trampoline does not fit
# the lanes: `break 1` (docs/abi.md, "Reach").

    .text

# __grt_icall(a0..a7, stack arguments) with t1 = descriptor: tail-calls
# the function; returns (to the caller) what it returns.  Clobbers t0..t7.
    .globl      __grt_icall
    .type       __grt_icall, @function
__grt_icall:
    li          t5, 0xfffffffc          # the block's first constant: ib64(0) = lanes (-4, 0)
    load.i64    t2, 8(t1)               # Fib
    load.i64    t1, 0(t1)               # F
    la          t6, __grt_icall         # I
    movi.i64    t7, 0
    pin.i64     t3, t7, t7              # the high lane is our ib
    srai.i64    t3, 32
    sub.i64     t4, t1, t6              # pc lane: F - I
    sub.i64     t3, t2, t3              # ib lane: Fib - Iib
    # lanes are signed 32-bit: a function 2 GiB or more away cannot be
    # reached from here (docs/abi.md, "Reach"); trap instead of jumping
    # somewhere else
    mov.i64     t7, t4
    slli.i64    t7, 32
    srai.i64    t7, 32
    cmp.ne.i64  t7, t4
    b           2f
    mov.i64     t7, t3
    slli.i64    t7, 32
    srai.i64    t7, 32
    cmp.ne.i64  t7, t3
    b           2f
    mov.i64     t5, ra                  # ra += (F - I, Fib - Iib), lane by lane
    add.i64     t5, t5, t4
    slli.i64    t5, 32
    srli.i64    t5, 32
    srai.i64    ra, 32
    add.i64     ra, ra, t3
    slli.i64    ra, 32
    or.i64      ra, ra, t5
    pin.i64     t0, t2, t1              # P
    jtl.i64     t0, ib64(0)             # T = P + 4: on to (F, Fib)
2:  break       1                       # function out of reach
    .size       __grt_icall, .-__grt_icall
