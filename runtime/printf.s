# printf.s - formatted output: printf, fprintf, dprintf, sprintf,
# snprintf and their v- forms (docs/runtime.md).
#
# Everything funnels into __grt_vformat(sink, fmt, ap).  A sink is a
# 56-byte record on the caller's stack:
#    0 buf    8 len    16 cap    24 kind: fd >= 0, -1 string, -2 stream
#   through fwrite, -3 stream buffer    32 total    40 FILE (streams)
#   48 1 after a failed write
# An fd sink and a -2 stream sink own a 256-byte buffer in their caller's
# frame and hand it on when full and at the end of the call: an fd sink to
# write (so dprintf holds nothing between calls), a -2 sink to fwrite
# (line-buffered and unbuffered streams).  A -3 sink formats straight into
# a fully buffered stream's own buffer (__grt_fbuf_reserve/commit in
# stdio.s).  A string sink keeps at most cap bytes and counts the rest.
#
# Variadic convention: arguments arrive exactly as for a normal call; the
# variadic function stores a1..a7 (those after its named arguments) in the
# top of its frame, right below the stack arguments, so that `ap` -- a
# pointer -- walks 8-byte slots upwards through registers and stack alike.
#
# Conversions: %d %i %u %x %X %o %p %s %c %%, flags '-' '0' '+' ' ' '#',
# width and precision (digits or '*'), length l ll z j t h (h is
# ignored; without l, integer arguments are 32-bit).

    .section    .rodata
__grt_digits:
    .ascii      "0123456789abcdef0123456789ABCDEF"
__grt_null:
    .string     "(null)"

    .text

# __grt_putc(sink, ch): append one byte
    .globl      __grt_putc
    .type       __grt_putc, @function
__grt_putc:
    load.i64    t1, 32(a0)
    addi.i64    t1, 1
    store.i64   t1, 32(a0)
    load.i64    t2, 8(a0)
    load.i64    t3, 16(a0)
    cmp.ltu.i64 t2, t3
    b           2f                      # room left
    load.i64    t4, 24(a0)
    li          t5, -1
    cmp.eq.i64  t4, t5
    b           3f                      # full string sink: count only
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   a0, 8(sp)
    store.i64   a1, 16(sp)
    call        __grt_flush
    load.i64    ra, 0(sp)
    load.i64    a0, 8(sp)
    load.i64    a1, 16(sp)
    addi.i64    sp, 64
    movi.i64    t2, 0
2:  load.i64    t1, 0(a0)
    add.i64     t1, t1, t2
    store.i8    a1, 0(t1)
    addi.i64    t2, 1
    store.i64   t2, 8(a0)
3:  ret
    .size       __grt_putc, .-__grt_putc

# __grt_flush(sink): hand an fd sink's buffer to write (partial writes
# retried), a stream sink's to fwrite
    .globl      __grt_flush
    .type       __grt_flush, @function
__grt_flush:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
    load.i64    t1, 24(s0)
    li          t2, -1
    cmp.eq.i64  t1, t2
    b           9f                      # string sink
    li          t2, -3
    cmp.ne.i64  t1, t2
    b           6f
    load.i64    a0, 40(s0)              # stream buffer: commit, then the free part
    load.i64    a1, 8(s0)
    call        __grt_fbuf_commit
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           5f
    movi.i64    t1, 1
    store.i64   t1, 48(s0)
5:  load.i64    a0, 40(s0)
    call        __grt_fbuf_reserve
    store.i64   a0, 0(s0)
    store.i64   a1, 16(s0)
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    b           8f
    li          t2, -1                  # no buffer any more: count only
    store.i64   t2, 24(s0)
    movi.i64    t2, 1
    store.i64   t2, 48(s0)
    j           8f
6:  li          t2, -2
    cmp.ne.i64  t1, t2
    b           7f
    load.i64    a0, 0(s0)               # stream sink
    movi.i64    a1, 1
    load.i64    s2, 8(s0)
    mov.i64     a2, s2
    load.i64    a3, 40(s0)
    call        fwrite
    cmp.eq.i64  a0, s2
    b           8f
    movi.i64    t1, 1
    store.i64   t1, 48(s0)
    j           8f
7:  load.i64    s1, 0(s0)
    load.i64    s2, 8(s0)
1:  movi.i64    t2, 0
    cmp.ge.i64  t2, s2
    b           8f                      # nothing left
    load.i64    a0, 24(s0)
    mov.i64     a1, s1
    mov.i64     a2, s2
    call        write
    movi.i64    t2, 0
    cmp.ge.i64  t2, a0
    b           8f                      # error: drop the rest
    add.i64     s1, s1, a0
    sub.i64     s2, s2, a0
    j           1b
8:  movi.i64    t2, 0
    store.i64   t2, 8(s0)
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       __grt_flush, .-__grt_flush

# __grt_emit_n(sink, ch, n): ch, n times (n <= 0: nothing)
    .type       __grt_emit_n, @function
__grt_emit_n:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     s2, a2
1:  movi.i64    t1, 0
    cmp.ge.i64  t1, s2
    b           9f
    mov.i64     a0, s0
    mov.i64     a1, s1
    call        __grt_putc
    addi.i64    s2, -1
    j           1b
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       __grt_emit_n, .-__grt_emit_n

# __grt_emit_buf(sink, p, n): n bytes from p
    .type       __grt_emit_buf, @function
__grt_emit_buf:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     s2, a2
1:  movi.i64    t1, 0
    cmp.ge.i64  t1, s2
    b           9f
    mov.i64     a0, s0
    load.u8     a1, 0(s1)
    call        __grt_putc
    addi.i64    s1, 1
    addi.i64    s2, -1
    j           1b
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       __grt_emit_buf, .-__grt_emit_buf

# __grt_emit_field(sink, prefix, plen, body, blen, width, flags):
# one padded field; flags bit 0 = '-' (left), bit 1 = '0' (zeros go
# between prefix and body)
    .type       __grt_emit_field, @function
__grt_emit_field:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    store.i64   s4, 40(sp)
    store.i64   s5, 48(sp)
    store.i64   s6, 56(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     s2, a2
    mov.i64     s3, a3
    mov.i64     s4, a4
    sub.i64     s5, a5, a2
    sub.i64     s5, s5, a4              # pad = width - plen - blen
    movi.i64    t1, 0
    cmp.lt.i64  s5, t1
    cmov.i64    s5, t1
    mov.i64     s6, a6
    movi.i64    t1, 3
    and.i64     t2, s6, t1
    movi.i64    t3, 0
    cmp.ne.i64  t2, t3
    b           1f
    mov.i64     a0, s0                  # right-justified with spaces
    li          a1, 32
    mov.i64     a2, s5
    call        __grt_emit_n
1:  mov.i64     a0, s0
    mov.i64     a1, s1
    mov.i64     a2, s2
    call        __grt_emit_buf
    movi.i64    t1, 3
    and.i64     t2, s6, t1
    movi.i64    t3, 2
    cmp.ne.i64  t2, t3
    b           2f
    mov.i64     a0, s0                  # zero padding
    li          a1, 48
    mov.i64     a2, s5
    call        __grt_emit_n
2:  mov.i64     a0, s0
    mov.i64     a1, s3
    mov.i64     a2, s4
    call        __grt_emit_buf
    movi.i64    t1, 1
    and.i64     t2, s6, t1
    movi.i64    t3, 0
    cmp.eq.i64  t2, t3
    b           3f
    mov.i64     a0, s0                  # left-justified: trailing spaces
    li          a1, 32
    mov.i64     a2, s5
    call        __grt_emit_n
3:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    load.i64    s5, 48(sp)
    load.i64    s6, 56(sp)
    addi.i64    sp, 64
    ret
    .size       __grt_emit_field, .-__grt_emit_field

# char *__grt_utoa(char *end, unsigned long v, int base, int upper):
# digits of v written backwards ending just before end; returns the first
    .globl      __grt_utoa
    .type       __grt_utoa, @function
__grt_utoa:
    la          t1, __grt_digits
    movi.i64    t2, 0
    cmp.eq.i64  a3, t2
    b           1f
    addi.i64    t1, 16
1:  remu.i64    t3, a1, a2
    divu.i64    a1, a1, a2
    add.i64     t4, t1, t3
    load.u8     t4, 0(t4)
    addi.i64    a0, -1
    store.i8    t4, 0(a0)
    movi.i64    t2, 0
    cmp.ne.i64  a1, t2
    b           1b
    ret
    .size       __grt_utoa, .-__grt_utoa

# int __grt_vformat(sink, fmt, ap): the formatter; returns sink.total.
# s0 sink, s1 fmt, s2 ap, s3 flags, s4 width, s5 precision (-1: none),
# s6 long, s7 current char, s8 value, s9 prefix length, s10 body.
# Flags in s3: 1 '-', 2 '0', 4 '+', 8 ' ', 16 '#'.
# Frame: saved registers 0..96, digits 128..224 (end at 224), prefix at
# 232, a %c byte at 223, the number's base at 240.
    .globl      __grt_vformat
    .type       __grt_vformat, @function
__grt_vformat:
    addi.i64    sp, -256
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    store.i64   s4, 40(sp)
    store.i64   s5, 48(sp)
    store.i64   s6, 56(sp)
    store.i64   s7, 64(sp)
    store.i64   s8, 72(sp)
    store.i64   s9, 80(sp)
    store.i64   s10, 88(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     s2, a2
10: load.u8     s7, 0(s1)               # next format character
    addi.i64    s1, 1
    movi.i64    t1, 0
    cmp.eq.i64  s7, t1
    b           99f
    li          t1, '%'
    cmp.eq.i64  s7, t1
    b           11f
    mov.i64     a0, s0
    mov.i64     a1, s7
    call        __grt_putc
    j           10b
11: movi.i64    s3, 0                   # a conversion: flags
    movi.i64    s4, 0
    li          s5, -1
    movi.i64    s6, 0
12: load.u8     s7, 0(s1)
    addi.i64    s1, 1
    li          t1, '-'
    cmp.eq.i64  s7, t1
    b           13f
    li          t1, '0'
    cmp.eq.i64  s7, t1
    b           14f
    li          t1, '+'
    cmp.eq.i64  s7, t1
    b           131f
    li          t1, ' '
    cmp.eq.i64  s7, t1
    b           132f
    li          t1, '#'
    cmp.eq.i64  s7, t1
    b           133f
    j           15f
131:
    movi.i64    t1, 4
    or.i64      s3, s3, t1
    j           12b
132:
    movi.i64    t1, 8
    or.i64      s3, s3, t1
    j           12b
133:
    li          t1, 16
    or.i64      s3, s3, t1
    j           12b
13: movi.i64    t1, 1
    or.i64      s3, s3, t1
    j           12b
14: movi.i64    t1, 2
    or.i64      s3, s3, t1
    j           12b
15: li          t1, '*'                 # width
    cmp.ne.i64  s7, t1
    b           17f
    load.i64    s4, 0(s2)
    addi.i64    s2, 8
    slli.i64    s4, 32
    srai.i64    s4, 32
    movi.i64    t1, 0
    cmp.ge.i64  s4, t1
    b           16f
    neg.i64     s4, s4                  # negative width: left-justify
    movi.i64    t1, 1
    or.i64      s3, s3, t1
16: load.u8     s7, 0(s1)
    addi.i64    s1, 1
    j           20f
17: mov.i64     t1, s7
    addi.i64    t1, -48
    li          t2, 10
    cmp.geu.i64 t1, t2
    b           20f
    mul.i64     s4, s4, t2
    add.i64     s4, s4, t1
    load.u8     s7, 0(s1)
    addi.i64    s1, 1
    j           17b
20: li          t1, '.'                 # precision
    cmp.ne.i64  s7, t1
    b           25f
    movi.i64    s5, 0
    load.u8     s7, 0(s1)
    addi.i64    s1, 1
    li          t1, '*'
    cmp.ne.i64  s7, t1
    b           22f
    load.i64    s5, 0(s2)
    addi.i64    s2, 8
    slli.i64    s5, 32
    srai.i64    s5, 32
    li          t1, -1
    movi.i64    t2, 0
    cmp.lt.i64  s5, t2
    cmov.i64    s5, t1                  # negative: as if none
    load.u8     s7, 0(s1)
    addi.i64    s1, 1
    j           25f
22: mov.i64     t1, s7
    addi.i64    t1, -48
    li          t2, 10
    cmp.geu.i64 t1, t2
    b           25f
    mul.i64     s5, s5, t2
    add.i64     s5, s5, t1
    load.u8     s7, 0(s1)
    addi.i64    s1, 1
    j           22b
25: li          t1, 'l'                 # length modifiers
    cmp.eq.i64  s7, t1
    b           26f
    li          t1, 'z'
    cmp.eq.i64  s7, t1
    b           26f
    li          t1, 'j'
    cmp.eq.i64  s7, t1
    b           26f
    li          t1, 't'
    cmp.eq.i64  s7, t1
    b           26f
    li          t1, 'h'
    cmp.eq.i64  s7, t1
    b           27f
    j           30f
26: movi.i64    s6, 1
27: load.u8     s7, 0(s1)
    addi.i64    s1, 1
    j           25b
30: li          t1, 'd'                 # the conversion
    cmp.eq.i64  s7, t1
    b           40f
    li          t1, 'i'
    cmp.eq.i64  s7, t1
    b           40f
    li          t1, 'u'
    cmp.eq.i64  s7, t1
    b           41f
    li          t1, 'x'
    cmp.eq.i64  s7, t1
    b           42f
    li          t1, 'X'
    cmp.eq.i64  s7, t1
    b           43f
    li          t1, 'o'
    cmp.eq.i64  s7, t1
    b           44f
    li          t1, 'p'
    cmp.eq.i64  s7, t1
    b           45f
    li          t1, 's'
    cmp.eq.i64  s7, t1
    b           50f
    li          t1, 'c'
    cmp.eq.i64  s7, t1
    b           55f
    movi.i64    t1, 0
    cmp.eq.i64  s7, t1
    b           99f                     # format ends inside a conversion
    li          t1, '%'
    cmp.eq.i64  s7, t1
    b           31f
    mov.i64     a0, s0                  # unknown: print it as written
    li          a1, '%'
    call        __grt_putc
31: mov.i64     a0, s0
    mov.i64     a1, s7
    call        __grt_putc
    j           10b
40: load.i64    s8, 0(s2)               # %d
    addi.i64    s2, 8
    movi.i64    s9, 0
    movi.i64    t1, 0
    cmp.ne.i64  s6, t1
    b           1f
    slli.i64    s8, 32
    srai.i64    s8, 32
1:  movi.i64    t1, 0
    cmp.ge.i64  s8, t1
    b           2f
    neg.i64     s8, s8
    li          t1, '-'
    store.i8    t1, 232(sp)
    movi.i64    s9, 1
    j           3f
2:  movi.i64    t1, 12                  # '+' or ' ' before a non-negative number
    and.i64     t2, s3, t1
    movi.i64    t1, 0
    cmp.eq.i64  t2, t1
    b           3f
    movi.i64    s9, 1
    li          t1, ' '
    li          t3, '+'
    movi.i64    t4, 4
    and.i64     t2, s3, t4
    cmp.ne.i64  t2, t4
    ncmov.i64   t1, t3                  # '+' wins over ' '
    store.i8    t1, 232(sp)
3:  li          a2, 10
    movi.i64    a3, 0
    j           60f
41: li          a2, 10                  # %u
    movi.i64    a3, 0
    j           46f
42: li          a2, 16                  # %x
    movi.i64    a3, 0
    j           46f
43: li          a2, 16                  # %X
    movi.i64    a3, 1
    j           46f
44: li          a2, 8                   # %o
    movi.i64    a3, 0
46: load.i64    s8, 0(s2)               # unsigned argument, 32-bit unless long
    addi.i64    s2, 8
    movi.i64    s9, 0
    movi.i64    t1, 0
    cmp.ne.i64  s6, t1
    b           47f
    slli.i64    s8, 32
    srli.i64    s8, 32
47: li          t1, 16                  # '#' on %x/%X of a non-zero value: 0x/0X
    and.i64     t2, s3, t1
    cmp.ne.i64  t2, t1
    b           60f
    cmp.ne.i64  a2, t1
    b           60f
    movi.i64    t1, 0
    cmp.eq.i64  s8, t1
    b           60f
    li          t1, '0'
    store.i8    t1, 232(sp)
    li          t1, 'x'
    li          t2, 'X'
    movi.i64    t3, 0
    cmp.ne.i64  a3, t3
    cmov.i64    t1, t2
    store.i8    t1, 233(sp)
    movi.i64    s9, 2
    j           60f
45: load.i64    s8, 0(s2)               # %p: 0x and 64-bit hex
    addi.i64    s2, 8
    li          t1, '0'
    store.i8    t1, 232(sp)
    li          t1, 'x'
    store.i8    t1, 233(sp)
    movi.i64    s9, 2
    li          a2, 16
    movi.i64    a3, 0
60: store.i64   a2, 240(sp)             # number: digits, precision zeros, field
    mov.i64     a0, sp
    addi.i64    a0, 224
    mov.i64     a1, s8
    call        __grt_utoa
    mov.i64     s10, a0
    movi.i64    t1, 0
    cmp.lt.i64  s5, t1
    b           62f
    cmp.ne.i64  s5, t1
    b           63f
    cmp.ne.i64  s8, t1
    b           63f
    mov.i64     s10, sp                 # C: precision 0 prints no digits for 0
    addi.i64    s10, 224
63:
    li          t1, -3                  # a precision turns off '0' padding
    and.i64     s3, s3, t1
    li          t2, 90
    cmp.ltu.i64 t2, s5
    cmov.i64    s5, t2                  # at most 90 digits fit
    mov.i64     t3, sp
    addi.i64    t3, 224
    sub.i64     t3, t3, s5              # zeros down to here
    li          t4, '0'
61: cmp.geu.i64 t3, s10
    b           62f
    addi.i64    s10, -1
    store.i8    t4, 0(s10)
    j           61b
62: li          t1, 16                  # '#' on %o: the first digit is a 0
    and.i64     t2, s3, t1
    cmp.ne.i64  t2, t1
    b           64f
    load.i64    t1, 240(sp)
    movi.i64    t2, 8
    cmp.ne.i64  t1, t2
    b           64f
    mov.i64     t3, sp
    addi.i64    t3, 224
    li          t4, '0'
    cmp.eq.i64  s10, t3
    b           65f                     # no digits at all
    load.u8     t1, 0(s10)
    cmp.eq.i64  t1, t4
    b           64f
65: addi.i64    s10, -1
    store.i8    t4, 0(s10)
64: mov.i64     a0, s0
    mov.i64     a1, sp
    addi.i64    a1, 232
    mov.i64     a2, s9
    mov.i64     a3, s10
    mov.i64     a4, sp
    addi.i64    a4, 224
    sub.i64     a4, a4, s10
    mov.i64     a5, s4
    mov.i64     a6, s3
    call        __grt_emit_field
    j           10b
50: load.i64    s10, 0(s2)              # %s
    addi.i64    s2, 8
    movi.i64    t1, 0
    cmp.ne.i64  s10, t1
    b           51f
    la          s10, __grt_null
51: mov.i64     a0, s10
    call        strlen
    movi.i64    t1, 0
    cmp.lt.i64  s5, t1
    b           52f
    cmp.ltu.i64 s5, a0
    cmov.i64    a0, s5                  # precision limits the length
52: mov.i64     a4, a0
    mov.i64     a3, s10
    j           56f
55: load.i64    t1, 0(s2)               # %c
    addi.i64    s2, 8
    store.i8    t1, 223(sp)
    mov.i64     a3, sp
    addi.i64    a3, 223
    movi.i64    a4, 1
56: li          t1, -3                  # no '0' padding for text
    and.i64     s3, s3, t1
    mov.i64     a0, s0
    mov.i64     a1, sp
    addi.i64    a1, 232
    movi.i64    a2, 0
    mov.i64     a5, s4
    mov.i64     a6, s3
    call        __grt_emit_field
    j           10b
99: load.i64    a0, 32(s0)
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    load.i64    s5, 48(sp)
    load.i64    s6, 56(sp)
    load.i64    s7, 64(sp)
    load.i64    s8, 72(sp)
    load.i64    s9, 80(sp)
    load.i64    s10, 88(sp)
    addi.i64    sp, 256
    ret
    .size       __grt_vformat, .-__grt_vformat

# int vdprintf(int fd, const char *fmt, va_list ap)
    .globl      vdprintf
    .type       vdprintf, @function
vdprintf:
    addi.i64    sp, -384
    store.i64   ra, 48(sp)
    mov.i64     t1, sp
    addi.i64    t1, 128
    store.i64   t1, 0(sp)               # buffer: 128..384
    movi.i64    t1, 0
    store.i64   t1, 8(sp)
    store.i64   t1, 32(sp)
    li          t1, 256
    store.i64   t1, 16(sp)
    store.i64   a0, 24(sp)
    mov.i64     a0, sp
    call        __grt_vformat
    store.i64   a0, 40(sp)
    mov.i64     a0, sp
    call        __grt_flush
    load.i64    a0, 40(sp)
    load.i64    ra, 48(sp)
    addi.i64    sp, 384
    ret
    .size       vdprintf, .-vdprintf

# int vfprintf(FILE *f, const char *fmt, va_list ap): through f's
# buffer; the byte count, or -1 when a write failed during the call
    .globl      vfprintf
    .type       vfprintf, @function
vfprintf:
    addi.i64    sp, -384
    store.i64   ra, 56(sp)
    mov.i64     t1, sp
    addi.i64    t1, 128
    store.i64   t1, 0(sp)               # buffer: 128..384
    movi.i64    t1, 0
    store.i64   t1, 8(sp)
    store.i64   t1, 32(sp)
    store.i64   t1, 48(sp)
    li          t1, 256
    store.i64   t1, 16(sp)
    li          t1, -2
    store.i64   t1, 24(sp)
    store.i64   a0, 40(sp)
    store.i64   a1, 64(sp)
    store.i64   a2, 72(sp)
    call        __grt_fbuf_reserve      # fully buffered: into the stream's buffer
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           1f
    store.i64   a0, 0(sp)
    store.i64   a1, 16(sp)
    li          t1, -3
    store.i64   t1, 24(sp)
1:  load.i64    a1, 64(sp)
    load.i64    a2, 72(sp)
    mov.i64     a0, sp                  # __grt_vformat(sink, fmt, ap)
    call        __grt_vformat
    store.i64   a0, 64(sp)
    mov.i64     a0, sp
    call        __grt_flush
    load.i64    a0, 64(sp)
    load.i64    t1, 48(sp)
    movi.i64    t2, 0
    cmp.eq.i64  t1, t2
    b           2f
    li          a0, -1
2:  load.i64    ra, 56(sp)
    addi.i64    sp, 384
    ret
    .size       vfprintf, .-vfprintf

# int vprintf(const char *fmt, va_list ap): vfprintf(stdout, ...)
    .globl      vprintf
    .type       vprintf, @function
vprintf:
    mov.i64     a2, a1
    mov.i64     a1, a0
    la          t1, stdout
    load.i64    a0, 0(t1)
    tail        vfprintf
    .size       vprintf, .-vprintf

# int printf(const char *fmt, ...): a1..a7 spilled at 8..56, below the
# stack arguments; then vfprintf(stdout, fmt, ap)
    .globl      printf
    .type       printf, @function
printf:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   a1, 8(sp)
    store.i64   a2, 16(sp)
    store.i64   a3, 24(sp)
    store.i64   a4, 32(sp)
    store.i64   a5, 40(sp)
    store.i64   a6, 48(sp)
    store.i64   a7, 56(sp)
    mov.i64     a1, a0
    la          t1, stdout
    load.i64    a0, 0(t1)
    mov.i64     a2, sp
    addi.i64    a2, 8
    call        vfprintf
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       printf, .-printf

# int fprintf(FILE *f, const char *fmt, ...): a2..a7 spilled at 16..56
    .globl      fprintf
    .type       fprintf, @function
fprintf:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   a2, 16(sp)
    store.i64   a3, 24(sp)
    store.i64   a4, 32(sp)
    store.i64   a5, 40(sp)
    store.i64   a6, 48(sp)
    store.i64   a7, 56(sp)
    mov.i64     a2, sp
    addi.i64    a2, 16
    call        vfprintf
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       fprintf, .-fprintf

# int dprintf(int fd, const char *fmt, ...): a2..a7 spilled at 16..56
    .globl      dprintf
    .type       dprintf, @function
dprintf:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   a2, 16(sp)
    store.i64   a3, 24(sp)
    store.i64   a4, 32(sp)
    store.i64   a5, 40(sp)
    store.i64   a6, 48(sp)
    store.i64   a7, 56(sp)
    mov.i64     a2, sp
    addi.i64    a2, 16
    call        vdprintf
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       dprintf, .-dprintf

# int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap):
# stores at most n-1 bytes and a NUL (nothing when n == 0); returns the
# length the whole output would have
    .globl      vsnprintf
    .type       vsnprintf, @function
vsnprintf:
    addi.i64    sp, -64
    store.i64   ra, 48(sp)
    store.i64   s0, 56(sp)
    store.i64   a0, 0(sp)
    movi.i64    t2, 0
    store.i64   t2, 8(sp)
    store.i64   t2, 32(sp)
    mov.i64     s0, a1
    mov.i64     t1, a1
    addi.i64    t1, -1
    cmp.eq.i64  a1, t2
    cmov.i64    t1, t2                  # cap = n ? n - 1 : 0
    store.i64   t1, 16(sp)
    li          t1, -1
    store.i64   t1, 24(sp)
    mov.i64     a0, sp
    mov.i64     a1, a2
    mov.i64     a2, a3
    call        __grt_vformat
    movi.i64    t2, 0
    cmp.eq.i64  s0, t2
    b           1f
    load.i64    t1, 0(sp)
    load.i64    t3, 8(sp)
    add.i64     t1, t1, t3
    store.i8    t2, 0(t1)
1:  load.i64    ra, 48(sp)
    load.i64    s0, 56(sp)
    addi.i64    sp, 64
    ret
    .size       vsnprintf, .-vsnprintf

# int snprintf(char *buf, size_t n, const char *fmt, ...): a3..a7 at 24..56
    .globl      snprintf
    .type       snprintf, @function
snprintf:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   a3, 24(sp)
    store.i64   a4, 32(sp)
    store.i64   a5, 40(sp)
    store.i64   a6, 48(sp)
    store.i64   a7, 56(sp)
    mov.i64     a3, sp
    addi.i64    a3, 24
    call        vsnprintf
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       snprintf, .-snprintf

# int sprintf(char *buf, const char *fmt, ...): a2..a7 at 16..56
    .globl      sprintf
    .type       sprintf, @function
sprintf:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   a2, 16(sp)
    store.i64   a3, 24(sp)
    store.i64   a4, 32(sp)
    store.i64   a5, 40(sp)
    store.i64   a6, 48(sp)
    store.i64   a7, 56(sp)
    mov.i64     a2, a1
    li          a1, 0x7fffffffffffffff
    mov.i64     a3, sp
    addi.i64    a3, 16
    call        vsnprintf
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       sprintf, .-sprintf
