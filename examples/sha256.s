# sha256.s - SHA-256 (FIPS 180-4) of each file named (or stdin, also for
# "-"), printed like sha256sum: 64 hex digits, two spaces, the name ("-"
# for stdin).  A file that cannot be opened or read is reported on stderr
# and makes the exit status 1.
#
# 32-bit words live zero-extended in 64-bit registers.  A rotate right by
# n of x is ((x | x << 32) >> n) & 0xffffffff, so each sigma function
# builds the doubled word once and needs one shift per rotation.

    .section    .rodata
    .balign     8
K:
    .long       0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5
    .long       0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5
    .long       0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3
    .long       0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174
    .long       0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc
    .long       0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da
    .long       0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7
    .long       0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967
    .long       0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13
    .long       0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85
    .long       0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3
    .long       0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070
    .long       0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5
    .long       0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3
    .long       0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208
    .long       0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
H0:
    .long       0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a
    .long       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
dash:
    .string     "-"
fmt_word:
    .string     "%08x"
fmt_name:
    .string     "  %s\n"
fmt_err:
    .string     "sha256: %s: cannot open\n"
fmt_rerr:
    .string     "sha256: %s: read error\n"

    .bss
    .balign     64
buf:
    .zero       4096
block:
    .zero       64
state:
    .zero       32

    .text

# void sha256_block(uint32_t state[8], const uint8_t block[64])
# s3..s10 = a..h, t18 = 0xffffffff, t17 = &K[t], t1 = &W[t]; W on the stack
    .globl      sha256_block
    .type       sha256_block, @function
sha256_block:
    addi.i64    sp, -384
    store.i64   s3, 0(sp)
    store.i64   s4, 8(sp)
    store.i64   s5, 16(sp)
    store.i64   s6, 24(sp)
    store.i64   s7, 32(sp)
    store.i64   s8, 40(sp)
    store.i64   s9, 48(sp)
    store.i64   s10, 56(sp)
    li          t18, 0xffffffff
    mov.i64     t1, sp
    addi.i64    t1, 128                 # W[0..63] at 128..384
    movi.i64    t2, 0
1:  load.u32    t3, 0(a1)               # W[0..15]: big-endian words
    bswap.i64   t3, t3
    srli.i64    t3, 32
    store.i32   t3, 0(t1)
    addi.i64    a1, 4
    addi.i64    t1, 4
    addi.i64    t2, 1
    li          t4, 16
    cmp.lt.i64  t2, t4
    b           1b
2:  load.u32    t3, -8(t1)              # W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16]
    mov.i64     t4, t3
    slli.i64    t4, 32
    or.i64      t4, t4, t3
    mov.i64     t5, t4
    srli.i64    t5, 17
    mov.i64     t6, t4
    srli.i64    t6, 19
    xor.i64     t5, t5, t6
    mov.i64     t6, t3
    srli.i64    t6, 10
    xor.i64     t5, t5, t6
    and.i64     t5, t5, t18
    load.u32    t3, -60(t1)
    mov.i64     t4, t3
    slli.i64    t4, 32
    or.i64      t4, t4, t3
    mov.i64     t6, t4
    srli.i64    t6, 7
    mov.i64     t7, t4
    srli.i64    t7, 18
    xor.i64     t6, t6, t7
    mov.i64     t7, t3
    srli.i64    t7, 3
    xor.i64     t6, t6, t7
    and.i64     t6, t6, t18
    add.i64     t5, t5, t6
    load.u32    t3, -28(t1)
    add.i64     t5, t5, t3
    load.u32    t3, -64(t1)
    add.i64     t5, t5, t3
    store.i32   t5, 0(t1)
    addi.i64    t1, 4
    addi.i64    t2, 1
    li          t4, 64
    cmp.lt.i64  t2, t4
    b           2b
    load.u32    s3, 0(a0)               # a..h = state
    load.u32    s4, 4(a0)
    load.u32    s5, 8(a0)
    load.u32    s6, 12(a0)
    load.u32    s7, 16(a0)
    load.u32    s8, 20(a0)
    load.u32    s9, 24(a0)
    load.u32    s10, 28(a0)
    la          t17, K
    mov.i64     t1, sp
    addi.i64    t1, 128
    movi.i64    t2, 0
3:  mov.i64     t4, s7                  # S1(e)
    slli.i64    t4, 32
    or.i64      t4, t4, s7
    mov.i64     t5, t4
    srli.i64    t5, 6
    mov.i64     t6, t4
    srli.i64    t6, 11
    xor.i64     t5, t5, t6
    mov.i64     t6, t4
    srli.i64    t6, 25
    xor.i64     t5, t5, t6
    and.i64     t5, t5, t18
    not.i64     t6, s7                  # Ch(e, f, g) = (e & f) ^ (~e & g)
    and.i64     t6, t6, s9
    and.i64     t7, s7, s8
    xor.i64     t6, t6, t7
    add.i64     t5, t5, t6
    add.i64     t5, t5, s10
    load.u32    t6, 0(t17)
    add.i64     t5, t5, t6
    load.u32    t6, 0(t1)
    add.i64     t5, t5, t6              # t5 = T1
    mov.i64     t4, s3                  # S0(a)
    slli.i64    t4, 32
    or.i64      t4, t4, s3
    mov.i64     t6, t4
    srli.i64    t6, 2
    mov.i64     t7, t4
    srli.i64    t7, 13
    xor.i64     t6, t6, t7
    mov.i64     t7, t4
    srli.i64    t7, 22
    xor.i64     t6, t6, t7
    and.i64     t6, t6, t18
    and.i64     t7, s3, s4              # Maj(a, b, c)
    and.i64     t8, s3, s5
    xor.i64     t7, t7, t8
    and.i64     t8, s4, s5
    xor.i64     t7, t7, t8
    add.i64     t6, t6, t7              # t6 = T2
    mov.i64     s10, s9
    mov.i64     s9, s8
    mov.i64     s8, s7
    add.i64     s7, s6, t5
    and.i64     s7, s7, t18
    mov.i64     s6, s5
    mov.i64     s5, s4
    mov.i64     s4, s3
    add.i64     s3, t5, t6
    and.i64     s3, s3, t18
    addi.i64    t17, 4
    addi.i64    t1, 4
    addi.i64    t2, 1
    li          t4, 64
    cmp.lt.i64  t2, t4
    b           3b
    load.u32    t3, 0(a0)               # state += a..h
    add.i64     t3, t3, s3
    store.i32   t3, 0(a0)
    load.u32    t3, 4(a0)
    add.i64     t3, t3, s4
    store.i32   t3, 4(a0)
    load.u32    t3, 8(a0)
    add.i64     t3, t3, s5
    store.i32   t3, 8(a0)
    load.u32    t3, 12(a0)
    add.i64     t3, t3, s6
    store.i32   t3, 12(a0)
    load.u32    t3, 16(a0)
    add.i64     t3, t3, s7
    store.i32   t3, 16(a0)
    load.u32    t3, 20(a0)
    add.i64     t3, t3, s8
    store.i32   t3, 20(a0)
    load.u32    t3, 24(a0)
    add.i64     t3, t3, s9
    store.i32   t3, 24(a0)
    load.u32    t3, 28(a0)
    add.i64     t3, t3, s10
    store.i32   t3, 28(a0)
    load.i64    s3, 0(sp)
    load.i64    s4, 8(sp)
    load.i64    s5, 16(sp)
    load.i64    s6, 24(sp)
    load.i64    s7, 32(sp)
    load.i64    s8, 40(sp)
    load.i64    s9, 48(sp)
    load.i64    s10, 56(sp)
    addi.i64    sp, 384
    ret
    .size       sha256_block, .-sha256_block

# void add_byte(int b): append to the block, compressing it when full.
# fill counts the bytes in block.
    .bss
    .balign     8
fill:
    .zero       8

    .text

    .globl      add_byte
    .type       add_byte, @function
add_byte:
    la          t1, fill
    load.i64    t2, 0(t1)
    la          t3, block
    add.i64     t3, t3, t2
    store.i8    a0, 0(t3)
    addi.i64    t2, 1
    store.i64   t2, 0(t1)
    li          t4, 64
    cmp.eq.i64  t2, t4
    b           1f
    ret
1:  movi.i64    t2, 0
    store.i64   t2, 0(t1)
    la          a0, state
    la          a1, block
    tail        sha256_block
    .size       add_byte, .-add_byte

# long sum_fd(int fd): SHA-256 of everything read from fd, left in state;
# 0, or -1 on a read error
    .globl      sum_fd
    .type       sum_fd, @function
sum_fd:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    store.i64   s4, 40(sp)
    mov.i64     s0, a0                  # s0: fd
    la          a0, state               # state = H0, an empty block
    la          a1, H0
    li          a2, 32
    call        memcpy
    la          t1, fill
    movi.i64    t2, 0
    store.i64   t2, 0(t1)
    movi.i64    s4, 0                   # s4: total bytes
2:  mov.i64     a0, s0
    la          a1, buf
    li          a2, 4096
    call        read
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    b           98f
    cmp.eq.i64  a0, t1
    b           4f
    add.i64     s4, s4, a0
    la          s2, buf                 # s2: cursor, s3: end
    add.i64     s3, s2, a0
3:  cmp.geu.i64 s2, s3
    b           2b
    load.u8     a0, 0(s2)
    addi.i64    s2, 1
    call        add_byte
    j           3b
4:  li          a0, 0x80                # padding: 0x80, zeros to 56 mod 64, length
    call        add_byte
5:  la          t1, fill
    load.i64    t2, 0(t1)
    li          t3, 56
    cmp.eq.i64  t2, t3
    b           6f
    movi.i64    a0, 0
    call        add_byte
    j           5b
6:  mov.i64     s2, s4
    slli.i64    s2, 3                   # length in bits, big-endian
    bswap.i64   s2, s2
    movi.i64    s3, 0
7:  mov.i64     a0, s2
    li          t1, 255
    and.i64     a0, a0, t1
    call        add_byte
    srli.i64    s2, 8
    addi.i64    s3, 1
    li          t1, 8
    cmp.lt.i64  s3, t1
    b           7b
    movi.i64    a0, 0
    j           99f
98: li          a0, -1
99: load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    load.i64    s4, 40(sp)
    addi.i64    sp, 64
    ret
    .size       sum_fd, .-sum_fd

# int do_file(const char *name): print "digest  name" for a file ("-":
# stdin); 0, or 1 after a message on stderr
    .globl      do_file
    .type       do_file, @function
do_file:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0                  # s0: name
    movi.i64    s1, 0                   # s1: fd
    la          a1, dash
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           1f
    mov.i64     a0, s0
    movi.i64    a1, 0                   # O_RDONLY
    movi.i64    a2, 0
    call        open
    mov.i64     s1, a0
    movi.i64    t1, 0
    cmp.ge.i64  a0, t1
    b           1f
    la          a1, fmt_err
    j           8f
1:  mov.i64     a0, s1
    call        sum_fd
    mov.i64     s2, a0
    movi.i64    t1, 0
    cmp.eq.i64  s1, t1
    b           2f
    mov.i64     a0, s1
    call        close
2:  movi.i64    t1, 0
    cmp.ge.i64  s2, t1
    b           3f
    la          a1, fmt_rerr            # a directory, say
    j           8f
3:  movi.i64    s2, 0                   # print the state words
4:  la          t1, state
    mov.i64     t2, s2
    slli.i64    t2, 2
    add.i64     t1, t1, t2
    load.u32    a1, 0(t1)
    la          a0, fmt_word
    call        printf
    addi.i64    s2, 1
    li          t1, 8
    cmp.lt.i64  s2, t1
    b           4b
    la          a0, fmt_name
    mov.i64     a1, s0
    call        printf
    movi.i64    a0, 0
    j           9f
8:  movi.i64    a0, 2                   # a1: the message
    mov.i64     a2, s0
    call        dprintf
    movi.i64    a0, 1
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       do_file, .-do_file

# main: every argument in turn, or stdin when there is none; the exit
# status is 1 when any file could not be read
    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    store.i64   s3, 32(sp)
    mov.i64     s0, a0                  # s0: argc
    mov.i64     s1, a1                  # s1: argv
    movi.i64    s3, 0                   # s3: exit status
    movi.i64    t1, 2
    cmp.ge.i64  a0, t1
    b           1f
    la          a0, dash
    call        do_file
    mov.i64     s3, a0
    j           9f
1:  movi.i64    s2, 1                   # s2: argument index
2:  cmp.ge.i64  s2, s0
    b           9f
    mov.i64     t1, s2
    slli.i64    t1, 3
    add.i64     t1, t1, s1
    load.i64    a0, 0(t1)
    call        do_file
    or.i64      s3, s3, a0
    addi.i64    s2, 1
    j           2b
9:  mov.i64     a0, s3
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    load.i64    s3, 32(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main
