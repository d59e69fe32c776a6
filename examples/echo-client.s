# echo-client.s - the other end of echo-server: connects to
# 127.0.0.1:PORT, sends its arguments joined by spaces and a newline,
# shuts down its sending side and copies what comes back to stdout.
#
#   echo-client PORT WORD...

    .section    .rodata
s_space:
    .string     " "
s_nl:
    .string     "\n"
fmt_err:
    .string     "echo-client: %s failed (errno %d)\n"
fmt_usage:
    .string     "usage: echo-client PORT WORD...\n"
n_socket:
    .string     "socket"
n_connect:
    .string     "connect"
n_send:
    .string     "send"

    .data
    .balign     8
addr:                                   # struct sockaddr_in: AF_INET, port, 127.0.0.1
    .short      2, 0
    .byte       127, 0, 0, 1
    .zero       8

    .bss
    .balign     64
buf:
    .zero       4096

    .text

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

# send_str(fd, s): send all of the string s
    .type       send_str, @function
send_str:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     a0, a1
    call        strlen
    mov.i64     a2, a0
    mov.i64     a0, s0
    mov.i64     a1, s1
    movi.i64    a3, 0
    call        send
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    la          a0, n_send
    b           1f
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
1:  call        fail
    .size       send_str, .-send_str

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
    movi.i64    t1, 3
    cmp.lt.i64  a0, t1
    b           7f
    load.i64    a0, 8(s1)
    call        atol
    call        htons
    la          t1, addr
    store.i16   a0, 2(t1)
    li          a0, 2                   # AF_INET
    li          a1, 0x80001             # SOCK_STREAM | SOCK_CLOEXEC
    movi.i64    a2, 0
    call        socket
    mov.i64     s2, a0                  # s2: the socket
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    la          a0, n_socket
    b           8f
    mov.i64     a0, s2
    la          a1, addr
    li          a2, 16
    call        connect
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    la          a0, n_connect
    b           8f
    movi.i64    s3, 2                   # s3: argument index
1:  mov.i64     t1, s3
    slli.i64    t1, 3
    add.i64     t1, t1, s1
    load.i64    a1, 0(t1)
    mov.i64     a0, s2
    call        send_str
    addi.i64    s3, 1
    cmp.ge.i64  s3, s0
    b           2f
    mov.i64     a0, s2
    la          a1, s_space
    call        send_str
    j           1b
2:  mov.i64     a0, s2
    la          a1, s_nl
    call        send_str
    mov.i64     a0, s2
    li          a1, 1                   # SHUT_WR: no more to send
    call        shutdown
3:  mov.i64     a0, s2                  # what comes back, to the end of the stream
    la          a1, buf
    li          a2, 4096
    movi.i64    a3, 0
    call        recv
    movi.i64    t1, 0
    cmp.ge.i64  t1, a0
    b           4f
    mov.i64     a2, a0
    movi.i64    a0, 1
    la          a1, buf
    call        write
    j           3b
4:  mov.i64     a0, s2
    call        close
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    addi.i64    sp, 64
    ret
7:  movi.i64    a0, 2
    la          a1, fmt_usage
    call        dprintf
    movi.i64    a0, 2
    call        exit
8:  call        fail
    .size       main, .-main
