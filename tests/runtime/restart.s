# restart.s - which interrupted system calls a handler with SA_RESTART
# restarts (signal(7); docs/run.md "Signals").  SIGALRM (setitimer,
# 20 ms) interrupts a blocking call; its handler has SA_RESTART.
# argv[1] picks the call; it prints the raw result (-errno).
#   futex     FUTEX_WAIT, no timeout: restarted (the handler changed the
#             word, so the restarted wait gives -EAGAIN)
#   futexto   FUTEX_WAIT with a 5 s timeout: -EINTR, never restarted
#   ppoll     ppoll of a pipe nobody writes, 2 s timeout: -EINTR
#   recvto    recvfrom on a socket with SO_RCVTIMEO (5 s): -EINTR
#   recv      recvfrom without a timeout: restarted, gets the byte the
#             handler wrote to the other end

    .section    .rodata
c_futex:
    .string     "futex"
c_futexto:
    .string     "futexto"
c_ppoll:
    .string     "ppoll"
c_recvto:
    .string     "recvto"
c_recv:
    .string     "recv"
m_res:
    .string     "result %ld\n"
m_x:
    .string     "x"

    .data
    .balign     8
set_d:
    .quad       on_set, on_set.const
wr_d:
    .quad       on_wr, on_wr.const
act:
    .quad       0, 0, 0
timer:
    .quad       0, 0, 0, 20000          # it_interval 0, it_value 20 ms
ts5:
    .quad       5, 0
ts2:
    .quad       2, 0
tv5:
    .quad       5, 0                    # struct timeval: 5 s
word:
    .quad       0
fds:
    .quad       0
pfd:
    .quad       0                       # struct pollfd {fd, events, revents}
buf:
    .quad       0

    .text

# raw(nr, a, b, c, d, e, f): the system call's own result (-errno)
    .type       raw, @function
raw:
    mov.i64     t0, a0
    mov.i64     a0, a1
    mov.i64     a1, a2
    mov.i64     a2, a3
    mov.i64     a3, a4
    mov.i64     a4, a5
    mov.i64     a5, a6
    syscall
    ret
    .size       raw, .-raw

# on_set: the futex word changes (no wake)
    .type       on_set, @function
on_set:
    la          t1, word
    movi.i64    t2, 1
    store.i32   t2, 0(t1)
    ret
    .size       on_set, .-on_set

# on_wr: a byte into the other end of the socket pair
    .type       on_wr, @function
on_wr:
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
    .size       on_wr, .-on_wr

# arm(desc): SIGALRM -> desc with SA_RESTART, the timer started
    .type       arm, @function
arm:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          a1, act
    store.i64   a0, 0(a1)
    li          t1, 0x10000000          # SA_RESTART
    store.i64   t1, 8(a1)
    li          a0, 14                  # SIGALRM
    movi.i64    a2, 0
    call        sigaction
    movi.i64    a0, 0                   # ITIMER_REAL
    la          a1, timer
    movi.i64    a2, 0
    call        setitimer
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       arm, .-arm

# pair(): a unix stream socket pair into fds
    .type       pair, @function
pair:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    li          a0, 199                 # socketpair(AF_UNIX, SOCK_STREAM, 0, fds)
    movi.i64    a1, 1
    movi.i64    a2, 1
    movi.i64    a3, 0
    la          a4, fds
    call        raw
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       pair, .-pair

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
    movi.i64    t1, 2
    cmp.lt.i64  a0, t1
    b           bad
    load.i64    s0, 8(a1)
    case        c_futexto, t_futexto
    case        c_futex, t_futex
    case        c_ppoll, t_ppoll
    case        c_recvto, t_recvto
    case        c_recv, t_recv
bad:
    movi.i64    a0, 2
    j           out

t_futex:
    la          a0, set_d
    call        arm
    li          a0, 98                  # futex(&word, FUTEX_WAIT, 0, NULL)
    la          a1, word
    movi.i64    a2, 0
    movi.i64    a3, 0
    movi.i64    a4, 0
    j           show
t_futexto:
    la          a0, set_d
    call        arm
    li          a0, 98                  # futex(&word, FUTEX_WAIT, 0, 5 s)
    la          a1, word
    movi.i64    a2, 0
    movi.i64    a3, 0
    la          a4, ts5
    j           show
t_ppoll:
    la          a0, fds
    movi.i64    a1, 0
    call        pipe2
    la          t1, fds
    load.i32    t2, 0(t1)
    la          t1, pfd
    store.i32   t2, 0(t1)
    movi.i64    t2, 1                   # POLLIN
    store.i16   t2, 4(t1)
    la          a0, set_d
    call        arm
    li          a0, 73                  # ppoll(&pfd, 1, 2 s, NULL, 8)
    la          a1, pfd
    movi.i64    a2, 1
    la          a3, ts2
    movi.i64    a4, 0
    movi.i64    a5, 8
    j           show
t_recvto:
    call        pair
    li          a0, 208                 # setsockopt(fds[0], SOL_SOCKET, SO_RCVTIMEO, 5 s, 16)
    la          t1, fds
    load.i32    a1, 0(t1)
    movi.i64    a2, 1
    li          a3, 20
    la          a4, tv5
    li          a5, 16
    call        raw
t_recvgo:
    la          a0, wr_d
    call        arm
    li          a0, 207                 # recvfrom(fds[0], buf, 8, 0, NULL, NULL)
    la          t1, fds
    load.i32    a1, 0(t1)
    la          a2, buf
    movi.i64    a3, 8
    movi.i64    a4, 0
    movi.i64    a5, 0
    movi.i64    a6, 0
    j           show
t_recv:
    call        pair
    j           t_recvgo

show:
    call        raw
    mov.i64     a2, a0
    movi.i64    a0, 1
    la          a1, m_res
    call        dprintf
    movi.i64    a0, 0
out:
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main
