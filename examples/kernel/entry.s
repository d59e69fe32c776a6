# trap.s - the example kernel's trap path: trap_entry is the one trap
# vector (thpc/thib).  It saves the interrupted context in a frame --
# on the trap stack (tscratch) for user code, below the kernel's own sp
# for the kernel -- acknowledges the cause (tack: from then on a trap
# inside the handler is not a double fault), calls trap_dispatch(frame)
# and returns with iret to the frame's tepc/teib, which a handler may
# change.  Only sp, t1, t2 and the flag have to be saved before a
# register is free: they go to fixed slots through pc-relative stores,
# whose offsets are in trap_entry's hand-written immediate block.

    .include    "kernel.inc"

    .text

    .globl      trap_entry, trap_entry.const
trap_entry:
.Ls_sp:
    store.i64   sp, ib32(0)(pc)         # save_sp
.Ls_t1:
    store.i64   t1, ib32(1)(pc)         # save_t1
.Ls_t2:
    store.i64   t2, ib32(2)(pc)         # save_t2
    movi.i64    t1, 0                   # t1 = flag (nothing has changed it yet)
    movi.i64    t2, 1
    cmov.i64    t1, t2
.Ls_fl:
    store.i64   t1, ib32(3)(pc)         # save_flag
    sysread     t1, tepc                # from user code (the user address space)?
    srli.i64    t1, 47
    movi.i64    t2, 0
    cmp.eq.i64  t1, t2
    b           1f
    j           2f                      # from the kernel: its sp goes on
1:  sysread     sp, tscratch            # from user code: the trap stack
2:  addi.i64    sp, -FRAME
    store.i64   a0, 48(sp)
    store.i64   a1, 56(sp)
    store.i64   t0, 64(sp)
    store.i64   ra, 72(sp)
    store.i64   a2, 80(sp)
    store.i64   a3, 88(sp)
    store.i64   a4, 96(sp)
    store.i64   a5, 104(sp)
    store.i64   a6, 112(sp)
    store.i64   a7, 120(sp)
    store.i64   t3, 144(sp)
    store.i64   t4, 152(sp)
    store.i64   t5, 160(sp)
    store.i64   t6, 168(sp)
    store.i64   t7, 176(sp)
    store.i64   t8, 184(sp)
    store.i64   t9, 192(sp)
    store.i64   t10, 200(sp)
    store.i64   t11, 208(sp)
    store.i64   t12, 216(sp)
    store.i64   t13, 224(sp)
    store.i64   t14, 232(sp)
    store.i64   t15, 240(sp)
    store.i64   t16, 248(sp)
    store.i64   t17, 256(sp)
    store.i64   t18, 264(sp)
.Ll_sp:
    load.i64    t1, ib32(4)(pc)
    store.i64   t1, F_SP(sp)
.Ll_t1:
    load.i64    t1, ib32(5)(pc)
    store.i64   t1, F_T1(sp)
.Ll_t2:
    load.i64    t1, ib32(6)(pc)
    store.i64   t1, F_T1+8(sp)
.Ll_fl:
    load.i64    t1, ib32(7)(pc)
    store.i64   t1, F_FLAG(sp)
    sysread     t1, tepc
    store.i64   t1, F_TEPC(sp)
    sysread     t1, teib
    store.i64   t1, F_TEIB(sp)
    sysread     t1, tvalue
    store.i64   t1, F_TVAL(sp)
    sysread     t1, tcause
    store.i64   t1, F_CAUSE(sp)
    syswrite    t1, tack                # the handler may trap from here on
    mov.i64     a0, sp
.Lcall:
    jal.i64     ra, ib64(4)             # trap_dispatch(frame)
    load.i64    t1, F_TEPC(sp)
    syswrite    t1, tepc
    load.i64    t1, F_TEIB(sp)
    syswrite    t1, teib
    load.i64    a0, 48(sp)
    load.i64    a1, 56(sp)
    load.i64    t0, 64(sp)
    load.i64    ra, 72(sp)
    load.i64    a2, 80(sp)
    load.i64    a3, 88(sp)
    load.i64    a4, 96(sp)
    load.i64    a5, 104(sp)
    load.i64    a6, 112(sp)
    load.i64    a7, 120(sp)
    load.i64    t3, 144(sp)
    load.i64    t4, 152(sp)
    load.i64    t5, 160(sp)
    load.i64    t6, 168(sp)
    load.i64    t7, 176(sp)
    load.i64    t8, 184(sp)
    load.i64    t9, 192(sp)
    load.i64    t10, 200(sp)
    load.i64    t11, 208(sp)
    load.i64    t12, 216(sp)
    load.i64    t13, 224(sp)
    load.i64    t14, 232(sp)
    load.i64    t15, 240(sp)
    load.i64    t16, 248(sp)
    load.i64    t17, 256(sp)
    load.i64    t18, 264(sp)
    load.i64    t1, F_FLAG(sp)          # the flag, then t1, t2 and sp with loads
    movi.i64    t2, 0
    cmp.ne.i64  t1, t2
    load.i64    t1, F_T1(sp)
    load.i64    t2, F_T1+8(sp)
    load.i64    sp, F_SP(sp)
    iret

    .const
    .balign     64
trap_entry.const:
    .long       save_sp - .Ls_sp, save_t1 - .Ls_t1, save_t2 - .Ls_t2, save_flag - .Ls_fl
    .long       save_sp - .Ll_sp, save_t1 - .Ll_t1, save_t2 - .Ll_t2, save_flag - .Ll_fl
    .long       trap_dispatch - .Lcall, trap_dispatch.const - trap_entry.const

    .data
    .balign     8
save_sp:
    .quad       0
save_t1:
    .quad       0
save_t2:
    .quad       0
save_flag:
    .quad       0
