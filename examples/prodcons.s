# prodcons.s - producers and consumers around a bounded queue: two
# threads put 1..N (argv[1], default 10000) into an 8-slot ring, two
# take them out and sum them; a mutex and two condition variables
# (not full, not empty) from libgrt's threads (docs/runtime.md,
# "Threads").  Main joins the producers, puts one 0 per consumer to
# stop it, joins the consumers and prints what they took:
#
#   items 20000 sum 100010000     (2N items, 2 * N(N+1)/2)

    .equ        .LSLOTS, 8

    .section    .rodata
m_out:
    .string     "items %ld sum %ld\n"
m_fail:
    .string     "prodcons: cannot start a thread\n"

    .data
    .balign     8
prod_d:
    .quad       producer, producer.const
cons_d:
    .quad       consumer, consumer.const
n:
    .quad       10000
mtx:
    .quad       0
notfull:
    .quad       0
notempty:
    .quad       0
count:                                  # items in the ring
    .quad       0
head:
    .quad       0
tail:
    .quad       0
items:                                  # items taken (not the stops)
    .quad       0
ring:
    .zero       64
threads:                                # producers 0, 1; consumers 2, 3
    .zero       32
res:
    .quad       0

    .text

# put(v): wait for a free slot, append v, wake a consumer
    .type       put, @function
put:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    mov.i64     s0, a0
    la          a0, mtx
    call        mutex_lock
1:  la          t1, count
    load.i64    t2, 0(t1)
    li          t3, .LSLOTS
    cmp.ltu.i64 t2, t3
    b           2f
    la          a0, notfull
    la          a1, mtx
    call        cond_wait
    j           1b
2:  addi.i64    t2, 1
    store.i64   t2, 0(t1)
    la          t1, tail
    load.i64    t2, 0(t1)
    la          t3, ring
    mov.i64     t4, t2
    slli.i64    t4, 3
    add.i64     t3, t3, t4
    store.i64   s0, 0(t3)
    addi.i64    t2, 1
    li          t4, .LSLOTS - 1
    and.i64     t2, t2, t4
    store.i64   t2, 0(t1)
    la          a0, notempty
    call        cond_signal
    la          a0, mtx
    call        mutex_unlock
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       put, .-put

# get(): wait for an item, take the oldest, wake a producer; the item
    .type       get, @function
get:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    la          a0, mtx
    call        mutex_lock
1:  la          t1, count
    load.i64    t2, 0(t1)
    movi.i64    t3, 0
    cmp.ne.i64  t2, t3
    b           2f
    la          a0, notempty
    la          a1, mtx
    call        cond_wait
    j           1b
2:  addi.i64    t2, -1
    store.i64   t2, 0(t1)
    la          t1, head
    load.i64    t2, 0(t1)
    la          t3, ring
    mov.i64     t4, t2
    slli.i64    t4, 3
    add.i64     t3, t3, t4
    load.i64    s0, 0(t3)
    addi.i64    t2, 1
    li          t4, .LSLOTS - 1
    and.i64     t2, t2, t4
    store.i64   t2, 0(t1)
    movi.i64    t3, 0
    cmp.eq.i64  s0, t3
    b           3f
    la          t1, items
    load.i64    t2, 0(t1)
    addi.i64    t2, 1
    store.i64   t2, 0(t1)
3:  la          a0, notfull
    call        cond_signal
    la          a0, mtx
    call        mutex_unlock
    mov.i64     a0, s0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       get, .-get

# producer(arg): put 1..n
    .type       producer, @function
producer:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    movi.i64    s0, 1
1:  la          t1, n
    load.i64    t1, 0(t1)
    cmp.ltu.i64 t1, s0
    b           2f
    mov.i64     a0, s0
    call        put
    addi.i64    s0, 1
    j           1b
2:  movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       producer, .-producer

# consumer(arg): sum what it gets until a 0; the sum
    .type       consumer, @function
consumer:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    movi.i64    s0, 0
1:  call        get
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           2f
    add.i64     s0, s0, a0
    j           1b
2:  mov.i64     a0, s0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       consumer, .-consumer

# start(i, desc): threads[i] running desc
    .type       start, @function
start:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          t1, threads
    slli.i64    a0, 3
    add.i64     a0, a0, t1
    movi.i64    a2, 0
    call        thread_create
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           1f
    movi.i64    a0, 2
    la          a1, m_fail
    call        dprintf
    movi.i64    a0, 1
    call        _exit
1:  load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       start, .-start

# join(i): fn's result of threads[i]
    .type       join, @function
join:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          t1, threads
    slli.i64    a0, 3
    add.i64     t1, t1, a0
    load.i64    a0, 0(t1)
    la          a1, res
    call        thread_join
    la          t1, res
    load.i64    a0, 0(t1)
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       join, .-join

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    movi.i64    t1, 2
    cmp.lt.i64  a0, t1
    b           1f
    load.i64    a0, 8(a1)
    call        atol
    la          t1, n
    store.i64   a0, 0(t1)
1:  movi.i64    a0, 2
    la          a1, cons_d
    call        start
    movi.i64    a0, 3
    la          a1, cons_d
    call        start
    movi.i64    a0, 0
    la          a1, prod_d
    call        start
    movi.i64    a0, 1
    la          a1, prod_d
    call        start
    movi.i64    a0, 0
    call        join
    movi.i64    a0, 1
    call        join
    movi.i64    a0, 0                   # one stop for each consumer
    call        put
    movi.i64    a0, 0
    call        put
    movi.i64    a0, 2
    call        join
    mov.i64     s0, a0
    movi.i64    a0, 3
    call        join
    add.i64     a3, s0, a0
    movi.i64    a0, 1
    la          a1, m_out
    la          t1, items
    load.i64    a2, 0(t1)
    call        dprintf
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main
