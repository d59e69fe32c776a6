# printf.s - formatted output through printf, dprintf, snprintf, sprintf:
# conversions, flags, width, precision, stack arguments, return values,
# output longer than the 256-byte buffer.  printf.sh checks the text.

    .section    .rodata
f1: .string     "[%d] [%d] [%d]\n"
f2: .string     "[%d]\n"
f3: .string     "[%ld] [%ld]\n"
f4: .string     "[%u] [%lu]\n"
f5: .string     "[%x] [%X] [%lx] [%o]\n"
f6: .string     "[%5d] [%-5d] [%05d] [%-05d]\n"
f7: .string     "[%s] [%10s] [%-10s] [%.3s]\n"
f8: .string     "[%c%c%c] [%%] [%5c]\n"
f9: .string     "[%p]\n"
f10:
    .string     "[%s]\n"
f11:
    .string     "[%*d] [%-*d] [%.5d]\n"
f12:
    .string     "%d %d %d %d %d %d %d %d %d %d\n"
f13:
    .string     "hello\n"
f14:
    .string     "ret %d\n"
f15:
    .string     "%s-%d"
f16:
    .string     "[%s] %d\n"
f17:
    .string     "xyz"
f18:
    .string     "to stderr %d\n"
f19:
    .string     "%08lx"
f20:
    .string     "[%lx]\n"
f21:
    .string     "%300s|\n"
s_abc:
    .string     "abc"
s_abcdef:
    .string     "abcdef"
s_end:
    .string     "end"
s_keep:
    .string     "keep"
f22:
    .string     "v: %s %ld %c\n"
f23:
    .string     "[%s] %d\n"
f24:
    .string     "[%q] [%5.2s] [%lld] [%hd] [%zu] [%-3c] [%3%]\n"

    .data
    .balign     8
va: .quad       s_abc, -5, 'Z'          # a va_list is a pointer to 8-byte slots

    .bss
    .balign     64
buf:
    .zero       64

    .text

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -128
    store.i64   ra, 64(sp)
    store.i64   s0, 72(sp)
    la          a0, f1
    movi.i64    a1, 0
    li          a2, -42
    li          a3, 2147483647
    call        printf
    la          a0, f2
    li          a1, 0xffffffff
    call        printf
    la          a0, f3
    li          a1, 0x8000000000000000
    li          a2, 1234567890123
    call        printf
    la          a0, f4
    li          a1, -1
    li          a2, -1
    call        printf
    la          a0, f5
    li          a1, 255
    li          a2, 255
    li          a3, 0xdeadbeefcafe
    li          a4, 8
    call        printf
    la          a0, f6
    li          a1, 42
    li          a2, 42
    li          a3, -42
    li          a4, 7
    call        printf
    la          a0, f7
    la          a1, s_abc
    la          a2, s_abc
    la          a3, s_abc
    la          a4, s_abcdef
    call        printf
    la          a0, f8
    li          a1, 'x'
    li          a2, 'y'
    li          a3, 'z'
    li          a4, 'q'
    call        printf
    la          a0, f9
    li          a1, 0x1234
    call        printf
    la          a0, f10
    movi.i64    a1, 0
    call        printf
    la          a0, f11
    li          a1, 6
    li          a2, 42
    li          a3, 4
    li          a4, 7
    li          a5, 42
    call        printf
    # ten numbers: 1..7 in a1..a7, 8..10 on the stack at 0, 8, 16(sp)
    li          t1, 8
    store.i64   t1, 0(sp)
    li          t1, 9
    store.i64   t1, 8(sp)
    li          t1, 10
    store.i64   t1, 16(sp)
    la          a0, f12
    li          a1, 1
    li          a2, 2
    li          a3, 3
    li          a4, 4
    li          a5, 5
    li          a6, 6
    li          a7, 7
    call        printf
    la          a0, f13
    call        printf
    mov.i64     a1, a0
    la          a0, f14
    call        printf
    # snprintf truncates and returns the full length
    la          a0, buf
    li          a1, 8
    la          a2, f15
    la          a3, s_abcdef
    li          a4, 1234
    call        snprintf
    mov.i64     a2, a0
    la          a0, f16
    la          a1, buf
    call        printf
    # snprintf with n = 0 writes nothing
    la          a0, buf
    la          a1, s_keep
    call        strcpy
    la          a0, buf
    movi.i64    a1, 0
    la          a2, f17
    call        snprintf
    mov.i64     a2, a0
    la          a0, f16
    la          a1, buf
    call        printf
    li          a0, 2
    la          a1, f18
    li          a2, 5
    call        dprintf
    la          a0, buf
    la          a1, f19
    li          a2, 0xbeef
    call        sprintf
    mov.i64     a2, a0
    la          a0, f16
    la          a1, buf
    call        printf
    la          a0, f20
    li          a1, -1
    call        printf
    la          a0, f24
    la          a1, s_abc
    li          a2, -5
    li          a3, 7
    li          a4, 42
    li          a5, 'k'
    call        printf
    la          a0, f21
    la          a1, s_end
    call        printf
    mov.i64     a1, a0
    la          a0, f14
    call        printf
    call        t_v
    movi.i64    a0, 0
    load.i64    ra, 64(sp)
    load.i64    s0, 72(sp)
    addi.i64    sp, 128
    ret

# vprintf and vsnprintf with the va_list above
    .type       t_v, @function
t_v:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          a0, f22
    la          a1, va
    call        vprintf
    la          a0, buf
    li          a1, 6
    la          a2, f22
    la          a3, va
    call        vsnprintf
    mov.i64     a2, a0
    la          a0, f23
    la          a1, buf
    call        printf
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
