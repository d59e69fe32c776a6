# echo-server.s - a TCP echo server on the loopback address: listens on
# 127.0.0.1:PORT (0, the default, lets the kernel choose one), prints
# "listening on port N", then serves COUNT clients (default 1) one after
# another, sending back every byte each one sends until it shuts down
# its side, and prints how many bytes it echoed.
#
#   echo-server [PORT [COUNT]]

    .section    .rodata
fmt_port:
    .string     "listening on port %ld\n"
fmt_done:
    .string     "client %ld: echoed %ld bytes\n"
fmt_err:
    .string     "echo-server: %s failed (errno %d)\n"
n_socket:
    .string     "socket"
n_bind:
    .string     "bind"
n_listen:
    .string     "listen"
n_accept:
    .string     "accept"

    .data
    .balign     8
addr:                                   # struct sockaddr_in: AF_INET, port, 127.0.0.1
    .short      2, 0
    .byte       127, 0, 0, 1
    .zero       8
addrlen:
    .long       16
one:
    .long       1

    .bss
    .balign     64
buf:
    .zero       4096

    .text

# fail(what): report errno on stderr, exit 1
    .type       fail, @function
fail:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    mov.i64     a2, a0
    la          t1, errno
    load.i32    a3, 0(t1)
    movi.i64    a0, 2
    la          a1, fmt_err
    call        dprintf
    movi.i64    a0, 1
    call        exit
    load.i64    ra, 0(sp)               # not reached
    addi.i64    sp, 64
    ret
    .size       fail, .-fail

# long serve(int fd): echo until the client's end of stream; the byte count
    .type       serve, @function
serve:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
    movi.i64    s1, 0                   # s1: bytes echoed
1:  mov.i64     a0, s0
    la          a1, buf
    li          a2, 4096
    movi.i64    a3, 0
    call        recv
    movi.i64    t1, 0
    cmp.ge.i64  t1, a0
    b           9f                      # 0: the client is done, < 0: an error
    mov.i64     s2, a0
    add.i64     s1, s1, a0
    mov.i64     a0, s0
    la          a1, buf
    mov.i64     a2, s2
    li          a3, 0x4000              # MSG_NOSIGNAL: a vanished client is no SIGPIPE
    call        send
    j           1b
9:  mov.i64     a0, s1
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       serve, .-serve

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    mov.i64     s0, a0                  # argc
    mov.i64     s1, a1                  # argv
    movi.i64    s3, 1                   # s3: clients to serve
    movi.i64    t1, 2
    cmp.lt.i64  s0, t1
    b           1f
    load.i64    a0, 8(s1)
    call        atol
    call        htons
    la          t1, addr
    store.i16   a0, 2(t1)
    movi.i64    t1, 3
    cmp.lt.i64  s0, t1
    b           1f
    load.i64    a0, 16(s1)
    call        atol
    mov.i64     s3, a0
1:  li          a0, 2                   # AF_INET
    li          a1, 0x80001             # SOCK_STREAM | SOCK_CLOEXEC
    movi.i64    a2, 0
    call        socket
    mov.i64     s2, a0                  # s2: the listening socket
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    la          a0, n_socket
    b           8f
    mov.i64     a0, s2                  # SO_REUSEADDR: a restarted server may bind again
    li          a1, 1                   # SOL_SOCKET
    li          a2, 2                   # SO_REUSEADDR
    la          a3, one
    li          a4, 4
    call        setsockopt
    mov.i64     a0, s2
    la          a1, addr
    li          a2, 16
    call        bind
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    la          a0, n_bind
    b           8f
    mov.i64     a0, s2
    li          a1, 8
    call        listen
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    la          a0, n_listen
    b           8f
    mov.i64     a0, s2                  # the port the kernel chose
    la          a1, addr
    la          a2, addrlen
    call        getsockname
    la          t1, addr
    load.u16    a0, 2(t1)
    call        ntohs
    mov.i64     a1, a0
    la          a0, fmt_port
    call        printf
    movi.i64    a0, 0
    call        fflush                  # the port line reaches a pipe now
    movi.i64    s1, 1                   # s1: client number
2:  cmp.lt.i64  s3, s1
    b           3f
    mov.i64     a0, s2
    movi.i64    a1, 0
    movi.i64    a2, 0
    movi.i64    a3, 0
    call        accept4
    mov.i64     s0, a0                  # s0: the client's socket
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    la          a0, n_accept
    b           8f
    mov.i64     a0, s0
    call        serve
    mov.i64     a2, a0
    mov.i64     a1, s1
    la          a0, fmt_done
    call        printf
    movi.i64    a0, 0
    call        fflush
    mov.i64     a0, s0
    call        close
    addi.i64    s1, 1
    j           2b
3:  mov.i64     a0, s2
    call        close
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    addi.i64    sp, 64
    ret
8:  call        fail
    .size       main, .-main
