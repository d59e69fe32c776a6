# mremap.s - mremap and translated code (docs/run.md "System calls"):
# two RWX pages A and B get copies of two functions (returning 1 and
# 2); mremap then moves B onto A (MREMAP_MAYMOVE|MREMAP_FIXED).  Only
# one page is run before, so only one range's invalidation is at work
# (a flush drops every block).  argv[1]:
#   fixed   A run before and after: after, it is B's code (1, then 2)
#   old     B run before, its old address after: unmapped, SIGSEGV (2)

    .section    .rodata
c_fixed:
    .string     "fixed"
c_old:
    .string     "old"
m_ret:
    .string     "returned %ld\n"

    .data
    .balign     8
da:
    .quad       0, 0                    # {entry, ib}: ib the original's constants
db:
    .quad       0, 0

    .text

    .type       one, @function
one:
    movi.i64    a0, 1
    ret
    .size       one, .-one

    .type       two, @function
two:
    movi.i64    a0, 2
    ret
    .size       two, .-two

# page(src): a fresh RWX page holding 16 bytes of code from src
    .type       page, @function
page:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   a0, 8(sp)
    movi.i64    a0, 0
    li          a1, 4096
    movi.i64    a2, 7                   # PROT_READ|PROT_WRITE|PROT_EXEC
    li          a3, 0x22                # MAP_PRIVATE|MAP_ANONYMOUS
    movi.i64    a4, -1
    movi.i64    a5, 0
    call        mmap
    store.i64   a0, 16(sp)
    load.i64    a1, 8(sp)
    li          a2, 16
    call        memcpy
    load.i64    a0, 16(sp)
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       page, .-page

# run(desc): call it, print what it returned
    .type       run, @function
run:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    mov.i64     t1, a0
    call        __grt_icall
    mov.i64     a2, a0
    movi.i64    a0, 1
    la          a1, m_ret
    call        dprintf
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       run, .-run

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
    la          a0, one
    call        page
    la          t1, da
    store.i64   a0, 0(t1)
    la          t2, one.const           # the copy's ret reads its constant there
    store.i64   t2, 8(t1)
    la          a0, two
    call        page
    la          t1, db
    store.i64   a0, 0(t1)
    la          t2, two.const
    store.i64   t2, 8(t1)
    mov.i64     a0, s0
    la          a1, c_fixed
    call        strcmp
    la          t1, da                  # fixed: A, else B
    la          t2, db
    movi.i64    t3, 0
    cmp.ne.i64  a0, t3
    cmov.i64    t1, t2
    mov.i64     a0, t1
    call        run
    li          a0, 216                 # mremap(B, 4096, 4096, MAYMOVE|FIXED, A)
    la          t1, db
    load.i64    a1, 0(t1)
    li          a2, 4096
    li          a3, 4096
    movi.i64    a4, 3
    la          t1, da
    load.i64    a5, 0(t1)
    call        __syscall
    mov.i64     a0, s0
    la          a1, c_fixed
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           t_fixed
    mov.i64     a0, s0
    la          a1, c_old
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           t_old
bad:
    movi.i64    a0, 2
    j           out
t_fixed:
    la          a0, da
    call        run
    movi.i64    a0, 0
    j           out
t_old:
    la          a0, db
    call        run
    movi.i64    a0, 0
out:
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main
