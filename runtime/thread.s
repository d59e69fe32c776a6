# thread.s - threads (docs/runtime.md, "Threads"): thread_create,
# thread_join, mutexes and condition variables on futexes.
#
# A thread runs on its own 256 KiB stack, mapped by thread_create; its
# control block (the handle, thread_t) is the top 64 bytes of it:
#
#   0   tid: the thread's id, set by clone (CLONE_PARENT_SETTID) and
#       zeroed when the thread has exited (CLONE_CHILD_CLEARTID): the
#       futex word thread_join waits on
#   8   fn (a function pointer: a descriptor, icall.s)   16  arg
#   24  fn's result                                       32  stack base
#
# A mutex or a condition variable is one quad, 0 when initialised
# (mutex_init, cond_init, or zeroed memory); the futex word is its low
# half.  Mutex states: 0 free, 1 locked, 2 locked and maybe waited for.

    .include    "sysnum.inc"

    .equ        .LSTACK, 262144         # stack bytes per thread
    .equ        .LCTL, 262080           # .LSTACK - 64: the control block
    # CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|PARENT_SETTID|CHILD_CLEARTID
    .equ        .LCLONE, 0x350f00
    .equ        .LWAIT_PRIVATE, 128     # FUTEX_WAIT | FUTEX_PRIVATE_FLAG
    .equ        .LWAKE_PRIVATE, 129     # FUTEX_WAKE | FUTEX_PRIVATE_FLAG

    .text

# int thread_create(thread_t *t, void *(*fn)(void *), void *arg): start
# fn(arg) in a new thread; 0 and *t, or -1 with errno set
    .globl      thread_create
    .type       thread_create, @function
thread_create:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    mov.i64     s2, a2
    movi.i64    a0, 0                   # mmap(NULL, STACK, PROT_READ|PROT_WRITE,
    li          a1, .LSTACK             #      MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK, -1, 0)
    movi.i64    a2, 3
    li          a3, 0x20022
    movi.i64    a4, -1
    movi.i64    a5, 0
    li          t0, .LSYS_mmap
    syscall
    li          t1, -4096
    cmp.ltu.i64 t1, a0                  # -errno
    b           9f
    li          t3, .LCTL
    add.i64     t3, a0, t3              # the control block
    store.i64   a0, 32(t3)
    store.i64   s1, 8(t3)
    store.i64   s2, 16(t3)
    movi.i64    t4, 0
    store.i64   t4, 0(t3)
    store.i64   t4, 24(t3)
    li          a0, .LCLONE             # clone(flags, sp, &tid, tls, &tid)
    mov.i64     a1, t3                  # the stack ends at the control block
    mov.i64     a2, t3
    movi.i64    a3, 0
    mov.i64     a4, t3
    li          t0, .LSYS_clone
    syscall
    movi.i64    t4, 0
    cmp.eq.i64  a0, t4
    b           5f                      # the new thread
    cmp.lt.i64  a0, t4
    b           8f
    store.i64   t3, 0(s0)               # *t = the control block
    movi.i64    a0, 0
    j           7f
5:  mov.i64     s0, t3                  # new thread, sp = control block: every
    load.i64    t1, 8(s0)               # register is the parent's but a0 and sp
    load.i64    a0, 16(s0)
    call        __grt_icall             # fn(arg)
    store.i64   a0, 24(s0)
    movi.i64    a0, 0
    li          t0, .LSYS_exit          # this thread only; its tid word is zeroed
    syscall
6:  j           6b                      # not reached
8:  mov.i64     s1, a0                  # clone failed: unmap the stack
    load.i64    a0, 32(t3)
    li          a1, .LSTACK
    li          t0, .LSYS_munmap
    syscall
    mov.i64     a0, s1
9:  neg.i64     a0, a0
    la          t1, errno
    store.i32   a0, 0(t1)
    movi.i64    a0, -1
7:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       thread_create, .-thread_create

# int thread_join(thread_t t, void **result): wait for t to end, store
# fn's result (if result is not NULL), free its stack; 0
    .globl      thread_join
    .type       thread_join, @function
thread_join:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
1:  load.i32    a2, 0(s0)               # the tid, 0 once the thread has exited
    movi.i64    t4, 0
    cmp.eq.i64  a2, t4
    b           2f
    mov.i64     a0, s0                  # futex(&tid, FUTEX_WAIT, tid, NULL): shared,
    movi.i64    a1, 0                   # as the kernel's wake at thread exit is
    movi.i64    a3, 0
    li          t0, .LSYS_futex
    syscall
    j           1b
2:  cmp.eq.i64  s1, t4
    b           3f
    load.i64    t1, 24(s0)
    store.i64   t1, 0(s1)
3:  load.i64    a0, 32(s0)
    li          a1, .LSTACK
    li          t0, .LSYS_munmap
    syscall
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
    .size       thread_join, .-thread_join

# void mutex_init(mutex_t *m), void cond_init(cond_t *c): set to 0
    .globl      mutex_init
    .type       mutex_init, @function
mutex_init:
    movi.i64    t1, 0
    store.i64   t1, 0(a0)
    ret
    .size       mutex_init, .-mutex_init

    .globl      cond_init
    .type       cond_init, @function
cond_init:
    movi.i64    t1, 0
    store.i64   t1, 0(a0)
    ret
    .size       cond_init, .-cond_init

# int mutex_lock(mutex_t *m): 0 -> 1 when free; else wait; 0
    .globl      mutex_lock
    .type       mutex_lock, @function
mutex_lock:
    movi.i64    t1, 0
    movi.i64    t2, 1
    cas.i64     t1, t2, (a0)
    b           1f                      # it was free: ours
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    call        __grt_mutex_wait
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
1:  movi.i64    a0, 0
    ret
    .size       mutex_lock, .-mutex_lock

# __grt_mutex_wait(m): take m in state 2 (others may wait), sleeping on
# the futex while somebody holds it.  Leaf; clobbers a0-a3, t0-t4.
    .type       __grt_mutex_wait, @function
__grt_mutex_wait:
1:  movi.i64    t2, 2
    swap.i64    t1, t2, (a0)
    movi.i64    t3, 0
    cmp.eq.i64  t1, t3
    b           2f                      # it was free: ours (as "waited for")
    mov.i64     t4, a0
    movi.i64    a1, .LWAIT_PRIVATE      # futex(m, FUTEX_WAIT_PRIVATE, 2, NULL)
    movi.i64    a2, 2
    movi.i64    a3, 0
    li          t0, .LSYS_futex
    syscall
    mov.i64     a0, t4
    j           1b
2:  ret
    .size       __grt_mutex_wait, .-__grt_mutex_wait

# int mutex_trylock(mutex_t *m): 0 when taken, else EBUSY (16)
    .globl      mutex_trylock
    .type       mutex_trylock, @function
mutex_trylock:
    movi.i64    t1, 0
    movi.i64    t2, 1
    cas.i64     t1, t2, (a0)
    movi.i64    a0, 0
    b           1f
    movi.i64    a0, 16
1:  ret
    .size       mutex_trylock, .-mutex_trylock

# int mutex_unlock(mutex_t *m): free it; wake one waiter if there may be one; 0
    .globl      mutex_unlock
    .type       mutex_unlock, @function
mutex_unlock:
    movi.i64    t2, 0
    swap.i64    t1, t2, (a0)
    movi.i64    t3, 1
    cmp.eq.i64  t1, t3
    b           1f                      # nobody waits
    movi.i64    a1, .LWAKE_PRIVATE      # futex(m, FUTEX_WAKE_PRIVATE, 1)
    movi.i64    a2, 1
    li          t0, .LSYS_futex
    syscall
1:  movi.i64    a0, 0
    ret
    .size       mutex_unlock, .-mutex_unlock

# int cond_wait(cond_t *c, mutex_t *m): unlock m, sleep until c is
# signalled (or spuriously), lock m again; 0.  c is a sequence number:
# a signal between the unlock and the sleep changes it, and the sleep
# does not start.
    .globl      cond_wait
    .type       cond_wait, @function
cond_wait:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0
    mov.i64     s1, a1
    load.i64    s2, 0(s0)               # the sequence before unlocking
    mov.i64     a0, s1
    call        mutex_unlock
    mov.i64     a0, s0                  # futex(c, FUTEX_WAIT_PRIVATE, seq, NULL)
    movi.i64    a1, .LWAIT_PRIVATE
    mov.i64     a2, s2
    movi.i64    a3, 0
    li          t0, .LSYS_futex
    syscall
    mov.i64     a0, s1                  # others may sleep on m: take it as state 2
    call        __grt_mutex_wait
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       cond_wait, .-cond_wait

# int cond_signal(cond_t *c), int cond_broadcast(cond_t *c): wake one /
# every waiter; 0
    .globl      cond_signal
    .type       cond_signal, @function
cond_signal:
    movi.i64    a1, 1
    tail        __grt_cond_wake
    .size       cond_signal, .-cond_signal

    .globl      cond_broadcast
    .type       cond_broadcast, @function
cond_broadcast:
    li          a1, 0x7fffffff
    tail        __grt_cond_wake
    .size       cond_broadcast, .-cond_broadcast

# __grt_cond_wake(c, n): bump the sequence, wake n sleepers
    .type       __grt_cond_wake, @function
__grt_cond_wake:
1:  load.i64    t1, 0(a0)
    mov.i64     t2, t1
    addi.i64    t2, 1
    cas.i64     t1, t2, (a0)
    b           2f
    j           1b                      # changed meanwhile: again
2:  mov.i64     a2, a1                  # futex(c, FUTEX_WAKE_PRIVATE, n)
    movi.i64    a1, .LWAKE_PRIVATE
    li          t0, .LSYS_futex
    syscall
    movi.i64    a0, 0
    ret
    .size       __grt_cond_wake, .-__grt_cond_wake
