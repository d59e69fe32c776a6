# string.s - calls every function of runtime/string.s through the ABI and
# prints what they return; string.sh compares the output.

    .section    .rodata
s_hw:
    .string     "hello, world"
s_hello:
    .string     "hello"
s_help:
    .string     "help"
s_empty:
    .string     ""
s_alpha:
    .string     "abcdefghijklmnopqrstuvwxyz"
s_cat:
    .string     "-cat"
fmt_n:
    .string     "%s %ld\n"
fmt_s:
    .string     "%s [%s]\n"
n_strlen:
    .string     "strlen"
n_strlen0:
    .string     "strlen-empty"
n_cmp1:
    .string     "strcmp-lt"
n_cmp2:
    .string     "strcmp-eq"
n_cmp3:
    .string     "strcmp-gt"
n_ncmp1:
    .string     "strncmp-3"
n_ncmp2:
    .string     "strncmp-4"
n_memcpy:
    .string     "memcpy"
n_mmf:
    .string     "memmove-up"
n_mmb:
    .string     "memmove-down"
n_memset:
    .string     "memset"
n_mcmp1:
    .string     "memcmp-eq"
n_mcmp2:
    .string     "memcmp-lt"
n_chr1:
    .string     "strchr-w"
n_chr2:
    .string     "strchr-z"
n_chr3:
    .string     "strchr-nul"
n_rchr:
    .string     "strrchr-o"
n_cpy:
    .string     "strcpy"
n_cat:
    .string     "strcat"
n_ncpy:
    .string     "strncpy-pad"
n_ret:
    .string     "returns-dst"
n_mchr1:
    .string     "memchr-o"
n_mchr2:
    .string     "memchr-beyond-n"
n_nlen1:
    .string     "strnlen-short"
n_nlen2:
    .string     "strnlen-capped"
n_str1:
    .string     "strstr-world"
n_str2:
    .string     "strstr-missing"
n_str3:
    .string     "strstr-empty"
n_str4:
    .string     "strstr-partial"
s_world:
    .string     "world"
s_wox:
    .string     "wox"
s_hh:
    .string     "hhhello"
s_hhe:
    .string     "hhe"

    .bss
    .balign     64
buf:
    .zero       64
buf2:
    .zero       64

    .text

# report(name, long value)
    .type       report, @function
report:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    mov.i64     a2, a1
    mov.i64     a1, a0
    la          a0, fmt_n
    call        printf
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret

# sign(name, long value): report the sign -1, 0 or 1
    .type       sign, @function
sign:
    movi.i64    t1, 0
    cmp.lt.i64  a1, t1
    b           1f
    cmp.eq.i64  a1, t1
    b           2f
    movi.i64    a1, 1
    tail        report
1:  li          a1, -1
    tail        report
2:  tail        report

# show(name, char *s)
    .type       show, @function
show:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    mov.i64     a2, a1
    mov.i64     a1, a0
    la          a0, fmt_s
    call        printf
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret

# strlen, strcmp, strncmp
    .type       t_str, @function
t_str:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    la          a0, s_hw
    call        strlen
    mov.i64     a1, a0
    la          a0, n_strlen
    call        report
    la          a0, s_empty
    call        strlen
    mov.i64     a1, a0
    la          a0, n_strlen0
    call        report
    la          a0, s_hello
    la          a1, s_help
    call        strcmp
    mov.i64     a1, a0
    la          a0, n_cmp1
    call        sign
    la          a0, s_hello
    la          a1, s_hello
    call        strcmp
    mov.i64     a1, a0
    la          a0, n_cmp2
    call        sign
    la          a0, s_hw
    la          a1, s_hello
    call        strcmp
    mov.i64     a1, a0
    la          a0, n_cmp3
    call        sign
    la          a0, s_hello
    la          a1, s_help
    movi.i64    a2, 3
    call        strncmp
    mov.i64     a1, a0
    la          a0, n_ncmp1
    call        sign
    la          a0, s_hello
    la          a1, s_help
    movi.i64    a2, 4
    call        strncmp
    mov.i64     a1, a0
    la          a0, n_ncmp2
    call        sign
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret

# memcpy, memmove, memset, memcmp
    .type       t_mem, @function
t_mem:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    # memcpy of 13 bytes (8 + 5), result returned is dst
    la          a0, buf
    la          a1, s_hw
    li          a2, 13
    call        memcpy
    la          t1, buf
    sub.i64     a1, a0, t1
    la          a0, n_ret
    call        report
    la          a0, n_memcpy
    la          a1, buf
    call        show
    # memmove up and down inside one buffer
    la          a0, buf
    la          a1, s_alpha
    li          a2, 27
    call        memcpy
    la          a1, buf
    mov.i64     a0, a1
    addi.i64    a0, 2
    li          a2, 10
    call        memmove
    la          a0, n_mmf
    la          a1, buf
    call        show
    la          a0, buf
    la          a1, s_alpha
    li          a2, 27
    call        memcpy
    la          a0, buf
    mov.i64     a1, a0
    addi.i64    a1, 3
    li          a2, 12
    call        memmove
    la          a0, n_mmb
    la          a1, buf
    call        show
    # memset 21 bytes, then a NUL
    la          a0, buf2
    li          a1, 'x'
    li          a2, 21
    call        memset
    la          a0, n_memset
    la          a1, buf2
    call        show
    la          a0, s_hw
    la          a1, buf
    movi.i64    a2, 0
    call        memcmp
    mov.i64     a1, a0
    la          a0, n_mcmp1
    call        sign
    la          a0, s_hello
    la          a1, s_help
    li          a2, 5
    call        memcmp
    mov.i64     a1, a0
    la          a0, n_mcmp2
    call        sign
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret

# strchr, strrchr, strcpy, strcat, strncpy
    .type       t_chr, @function
t_chr:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    # strchr / strrchr: offsets from the start, -1 for NULL
    la          s0, s_hw
    mov.i64     a0, s0
    li          a1, 'w'
    call        strchr
    sub.i64     a1, a0, s0
    la          a0, n_chr1
    call        report
    mov.i64     a0, s0
    li          a1, 'z'
    call        strchr
    mov.i64     a1, a0
    la          a0, n_chr2
    call        report
    mov.i64     a0, s0
    movi.i64    a1, 0
    call        strchr
    sub.i64     a1, a0, s0
    la          a0, n_chr3
    call        report
    mov.i64     a0, s0
    li          a1, 'o'
    call        strrchr
    sub.i64     a1, a0, s0
    la          a0, n_rchr
    call        report
    # strcpy, strcat, strncpy
    la          a0, buf
    la          a1, s_hello
    call        strcpy
    la          a0, n_cpy
    la          a1, buf
    call        show
    la          a0, buf
    la          a1, s_cat
    call        strcat
    la          a0, n_cat
    la          a1, buf
    call        show
    la          a0, buf
    li          a1, 'Q'
    li          a2, 16
    call        memset
    la          a0, buf
    la          a1, s_help
    li          a2, 8
    call        strncpy
    la          t1, buf                 # bytes 4..7 must be NUL, 8 still 'Q'
    load.u8     a1, 7(t1)
    load.u8     t2, 8(t1)
    add.i64     a1, a1, t2
    la          a0, n_ncpy
    call        report
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret

# memchr, strnlen, strstr (offsets from the start, 0 for NULL)
    .type       t_find, @function
t_find:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    la          s0, s_hw
    mov.i64     a0, s0
    li          a1, 'o'
    li          a2, 12
    call        memchr
    sub.i64     a1, a0, s0
    la          a0, n_mchr1
    call        report
    mov.i64     a0, s0
    li          a1, 'w'
    li          a2, 7
    call        memchr
    mov.i64     a1, a0
    la          a0, n_mchr2
    call        report
    mov.i64     a0, s0
    li          a1, 100
    call        strnlen
    mov.i64     a1, a0
    la          a0, n_nlen1
    call        report
    mov.i64     a0, s0
    li          a1, 5
    call        strnlen
    mov.i64     a1, a0
    la          a0, n_nlen2
    call        report
    mov.i64     a0, s0
    la          a1, s_world
    call        strstr
    sub.i64     a1, a0, s0
    la          a0, n_str1
    call        report
    mov.i64     a0, s0
    la          a1, s_wox
    call        strstr
    mov.i64     a1, a0
    la          a0, n_str2
    call        report
    mov.i64     a0, s0
    la          a1, s_empty
    call        strstr
    sub.i64     a1, a0, s0
    la          a0, n_str3
    call        report
    la          a0, s_hh
    la          a1, s_hhe
    call        strstr
    la          t1, s_hh
    sub.i64     a1, a0, t1
    la          a0, n_str4
    call        report
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    call        t_find
    call        t_str
    call        t_mem
    call        t_chr
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
