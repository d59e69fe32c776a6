# proc.s - fork, execve, waitpid and SIGCHLD through libgrt.  Without
# arguments the parent runs every case and prints what waitpid reported;
# "exec-child WORD" is the program execve starts (itself, run by a new
# glyph-run), "crash" faults.

    .section    .rodata
fmt:
    .string     "%s %ld\n"
fmt_s:
    .string     "%s %s\n"
s_exec_child:
    .string     "exec-child"
s_crash:
    .string     "crash"
s_hello:
    .string     "hello"
s_echo:
    .string     "/bin/echo"
s_host:
    .string     "host echo"
s_missing:
    .string     "./no-such-program"
n_exit:
    .string     "child-exited"
n_code:
    .string     "exit-status"
n_sig:
    .string     "killed-by-signal"
n_segv:
    .string     "segv-signal"
n_exec:
    .string     "exec-status"
n_host:
    .string     "host-status"
n_enoent:
    .string     "exec-enoent-errno"
n_echild:
    .string     "echild-errno"
n_sigchld:
    .string     "sigchld-seen"
n_child:
    .string     "exec-child says"

    .data
    .balign     8
argv_exec:
    .quad       0, s_exec_child, s_hello, 0
argv_host:
    .quad       s_echo, s_host, 0
h_chld:
    .quad       on_chld, on_chld.const

    .bss
    .balign     8
status:
    .zero       8
chld:
    .zero       8

    .text

    .type       report, @function
report:
    mov.i64     a2, a1
    mov.i64     a1, a0
    la          a0, fmt
    tail        printf

    .type       on_chld, @function
on_chld:
    la          t1, chld
    load.i64    t2, 0(t1)
    addi.i64    t2, 1
    store.i64   t2, 0(t1)
    ret

# wait_status(pid): waitpid(pid, &status, 0); returns the status word
    .type       wait_status, @function
wait_status:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          a1, status
    movi.i64    a2, 0
    call        waitpid
    la          t1, status
    load.i32    a0, 0(t1)
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a1                  # argv
    movi.i64    t1, 1
    cmp.eq.i64  a0, t1
    b           parent
    load.i64    a0, 8(s0)
    la          a1, s_crash
    call        strcmp
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           1f
    load.i64    a0, 0(a0)               # "crash": a load from address 0
1:  la          a0, fmt_s               # the program execve ran
    la          a1, n_child
    load.i64    a2, 16(s0)
    call        printf
    li          a0, 5
    call        exit

parent:
    li          a0, 17                  # SIGCHLD
    la          a1, h_chld
    call        signal
    # a child that exits with 7
    call        fork
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           2f
    call        wait_status
    mov.i64     s1, a0
    mov.i64     a1, a0                  # WIFEXITED: no signal bits
    slli.i64    a1, 57
    srli.i64    a1, 57
    movi.i64    t1, 0
    cmp.eq.i64  a1, t1
    movi.i64    a1, 0
    movi.i64    t1, 1
    cmov.i64    a1, t1
    la          a0, n_exit
    call        report
    mov.i64     a1, s1
    srli.i64    a1, 8
    la          a0, n_code
    call        report
    j           3f
2:  li          a0, 7
    call        _exit
    # a child killed by SIGTERM
3:  call        fork
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           4f
    call        wait_status
    mov.i64     a1, a0                  # WTERMSIG
    slli.i64    a1, 57
    srli.i64    a1, 57
    la          a0, n_sig
    call        report
    j           5f
4:  call        getpid
    li          a1, 15
    call        kill
    li          a0, 99                  # not reached
    call        _exit
    # a child that faults: its report, then SIGSEGV
5:  call        fork
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           6f
    call        wait_status
    mov.i64     a1, a0
    slli.i64    a1, 57
    srli.i64    a1, 57
    la          a0, n_segv
    call        report
    j           7f
6:  movi.i64    t1, 0
    load.i64    a0, 0(t1)
    # execve of this program in the child
7:  call        fork
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           8f
    call        wait_status
    mov.i64     a1, a0
    srli.i64    a1, 8
    la          a0, n_exec
    call        report
    j           9f
8:  load.i64    a0, 0(s0)               # argv[0]: ourselves
    la          a1, argv_exec
    store.i64   a0, 0(a1)
    la          t1, environ
    load.i64    a2, 0(t1)
    call        execve
    li          a0, 98
    call        _exit
    # execve of a host program
9:  call        fork
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           10f
    call        wait_status
    mov.i64     a1, a0
    la          a0, n_host
    call        report
    j           11f
10: la          a0, s_echo
    la          a1, argv_host
    la          t1, environ
    load.i64    a2, 0(t1)
    call        execve
    li          a0, 97
    call        _exit
    # execve failures come back; waitpid without children
11: la          a0, s_missing
    la          a1, argv_host
    movi.i64    a2, 0
    call        execve
    la          t1, errno
    load.i32    a1, 0(t1)
    la          a0, n_enoent
    call        report
    li          a0, -1
    la          a1, status
    movi.i64    a2, 0
    call        waitpid
    la          t1, errno
    load.i32    a1, 0(t1)
    la          a0, n_echild
    call        report
    la          t1, chld
    load.i64    a1, 0(t1)
    movi.i64    t1, 0
    cmp.ne.i64  a1, t1                  # at least one SIGCHLD ran its handler
    movi.i64    a1, 0
    movi.i64    t1, 1
    cmov.i64    a1, t1
    la          a0, n_sigchld
    call        report
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
