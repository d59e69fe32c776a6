# user.s - the example kernel's user task (docs/system.md, "The example
# kernel").  It runs at VA 0x10000 (colour 1) with its constants at
# 0x18000 and its data at 0x20000: each step provokes one trap the
# kernel handles (a system call, an illegal system register access, the
# timer, page faults, A/D on demand, colour faults, UART input).

    .include    "kernel.inc"

    .section    .const.user, "a"        # the blocks get a page of their own
    .balign     4096
    .section    .text.user, "ax"

    .balign     4096
    .globl      user_main
user_main:
    li          a0, U_DATA + (u_hello - u_data)
    li          a1, u_hello_end - u_hello
    movi.i64    t0, SYS_WRITE
    syscall
    sysread     t1, tcause              # a trap register: illegal
    sysread     t1, ctime               # scontrol.T = 0: illegal
    movi.i64    t0, SYS_CLOCK
    syscall
    sysread     t1, ctime               # now it works
    li          a0, U_DATA + (u_clock - u_data)
    li          a1, u_clock_end - u_clock
    movi.i64    t0, SYS_WRITE
    syscall

    la          a0, 2f                  # three timer ticks, then 2f
    movi.i64    t0, SYS_TICKS
    syscall
1:  j           1b
2:  li          a0, U_DATA + (u_ticks - u_data)
    li          a1, u_ticks_end - u_ticks
    movi.i64    t0, SYS_WRITE
    syscall

    li          t1, U_RO                # page faults
    load.i64    a0, 0(t1)
    movi.i64    t0, SYS_PUTX
    syscall
    store.i64   a0, 0(t1)               # read-only: store page fault
    li          t1, U_NONE
    load.i64    a0, 0(t1)               # unmapped: load page fault
    li          t1, 0xffffc00000200000
    load.i64    a0, 0(t1)               # the kernel's physical memory
    li          t1, U_AD
    load.i64    a0, 0(t1)               # no A: the kernel sets it
    addi.i64    a0, 0x55
    store.i64   a0, 0(t1)               # no D: the kernel sets it
    load.i64    a0, 0(t1)
    movi.i64    t0, SYS_PUTX
    syscall
    movi.i64    t0, SYS_NOCODE          # a fetch page fault, then back here
    syscall

    li          t1, U_C3                # colours
    store.i64   a0, 0(t1)               # colour 3 is not writable
    movi.i64    a0, 1
    movi.i64    t0, SYS_COLOR
    syscall
    li          t1, U_DATA
    store.i64   a0, 0(t1)               # colour 2, but not from colour 1 now
    movi.i64    a0, 2
    movi.i64    t0, SYS_COLOR
    syscall                             # returns to a page we may not execute
    li          a0, U_DATA + (u_colors - u_data)
    li          a1, u_colors_end - u_colors
    movi.i64    t0, SYS_WRITE
    syscall

    movi.i64    t0, SYS_GETC            # UART input
    syscall
    mov.i64     s0, a0
    li          a0, U_DATA + (u_got - u_data)
    li          a1, u_got_end - u_got
    movi.i64    t0, SYS_WRITE
    syscall
    mov.i64     a0, s0
    movi.i64    t0, SYS_PUTC
    syscall
    movi.i64    a0, 10
    movi.i64    t0, SYS_PUTC
    syscall
    movi.i64    a0, 0
    movi.i64    t0, SYS_EXIT
    syscall

    .section    .data.user, "aw"

    .balign     4096
    .globl      u_data
u_data:
u_hello:
    .ascii      "user: hello from user mode\n"
u_hello_end:
u_clock:
    .ascii      "user: ctime is readable\n"
u_clock_end:
u_ticks:
    .ascii      "user: three ticks went by\n"
u_ticks_end:
u_colors:
    .ascii      "user: colour checks done\n"
u_colors_end:
u_got:
    .ascii      "user: read from the UART: "
u_got_end:
