# threads.s - guest threads through libgrt (thread.s; docs/run.md
# "Threads").  argv[1] picks the case; output goes straight to fd 1.
#   count   4 threads: 10^6 cas increments each of one counter, 10^4
#           mutex-protected plain increments each of another; joined
#           results (10 * index) summed
#   fault   a thread loads from address 0 while main waits in a join
#   exit    a thread calls _exit(7) while main waits in a join
#   tgkill  main sends SIGUSR1 to a spinning thread; its handler runs
#           on that thread (gettid) and stops the spin
#   procsig main blocks SIGUSR1 and kills its own process with it: the
#           signal goes to the thread that unblocked it
#   exitread a thread calls _exit(7) 50 ms in, while main blocks in a
#           read of a pipe nobody writes
#   mainexit the main thread exits (exit, not exit_group) while a
#           thread still works: the process ends after it, with main's 3
#   tgsq    rt_tgsigqueueinfo to another thread: three instances of
#           signal 40 (values 1, 2, 3) sent while it blocks the signal
#           all reach its handler, in order
#   fork    fork while another thread spins: the child has one thread
#           (a tgkill to the other is -ESRCH) and its exit status reaches
#           the parent
#   forkthr a second thread forks; the child (its only thread is the
#           forking one, tid = pid) exits with 6, seen by that thread
#   robust  a thread owns a futex on its robust list (FUTEX_WAITERS set)
#           and exits: the word gets FUTEX_OWNER_DIED and main, waiting
#           on it, is woken
#   smc     main rewrites an instruction of a loop another thread is
#           spinning in (its page made writable with mprotect); that
#           thread must leave its cached (and chained) block and run
#           the new instruction

    .section    .rodata
c_count:
    .string     "count"
c_fault:
    .string     "fault"
c_exit:
    .string     "exit"
c_tgkill:
    .string     "tgkill"
c_smc:
    .string     "smc"
c_procsig:
    .string     "procsig"
c_mainexit:
    .string     "mainexit"
c_exitread:
    .string     "exitread"
c_tgsq:
    .string     "tgsq"
c_fork:
    .string     "fork"
c_forkthr:
    .string     "forkthr"
c_robust:
    .string     "robust"
s_tgsq:
    .string     "tgsigqueueinfo %ld %ld %ld\n"
m_rtvals:
    .string     "values %ld on the target thread %ld\n"
m_childk:
    .string     "child: tgkill to the parent's other thread: %ld errno %ld\n"
m_childst:
    .string     "child exit status %ld\n"
s_forkthr:
    .string     "child of a thread: its tid is its pid: %ld\n"
s_robust:
    .string     "set_robust_list %ld, woken %ld, word 0x%lx\n"
m_worker:
    .string     "worker done after main's exit\n"
m_smcmsg:
    .string     "the spinning thread ran the new code\n"
m_cas:
    .string     "cas %ld\n"
m_mutex:
    .string     "mutex %ld\n"
m_res:
    .string     "results %ld\n"
m_tid:
    .string     "tid differs from pid: %ld\n"
m_hand:
    .string     "handler on the target thread: %ld\n"
m_done:
    .string     "joined\n"
m_fail:
    .string     "thread_create failed\n"

    .data
    .balign     8
count_d:
    .quad       count_fn, count_fn.const
fault_d:
    .quad       fault_fn, fault_fn.const
exit_d:
    .quad       exit_fn, exit_fn.const
spin_d:
    .quad       spin_fn, spin_fn.const
usr1_d:
    .quad       on_usr1, on_usr1.const
smc_d:
    .quad       smc_fn, smc_fn.const
late_d:
    .quad       late_fn, late_fn.const
lateexit_d:
    .quad       lateexit_fn, lateexit_fn.const
pipefds:
    .quad       0
rt_d:
    .quad       on_rt, on_rt.const
forker_d:
    .quad       forker_fn, forker_fn.const
robust_d:
    .quad       robust_fn, robust_fn.const
rtq_d:
    .quad       rtq_fn, rtq_fn.const
rt_set:
    .quad       0x8000000000            # signal 40: bit 39
rt_act:
    .quad       0, 4, 0                 # SA_SIGINFO
rt_vals:
    .quad       0
rt_on:
    .quad       1
rt_sent:
    .quad       0
qinfo:
    .zero       128
wstatus:
    .quad       0
ts10:
    .quad       10, 0
rhead:
    .quad       0, 8, 0                 # robust_list_head: next, futex_offset, pending
rentry:
    .quad       0                       # the list entry; its futex word at +8
rword:
    .quad       0
rres:
    .quad       0
rready:
    .quad       0
usr1_set:
    .quad       0x200                   # SIGUSR1 (10): bit 9
unblock:
    .quad       0
ts50:
    .quad       0, 50000000
act:
    .quad       0, 0, 0
cas_total:
    .quad       0
mtx_total:
    .quad       0
mtx:
    .quad       0
spin_tid:
    .quad       0
stop:
    .quad       0
handles:
    .zero       64
result:
    .quad       0

    .text

# count_fn(index): the two loops; returns 10 * index
    .type       count_fn, @function
count_fn:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    li          s1, 1000000
    la          t1, cas_total
1:  load.i64    t2, 0(t1)
2:  mov.i64     t3, t2
    addi.i64    t3, 1
    cas.i64     t2, t3, (t1)            # t2 = what was there: retry with it
    b           3f
    j           2b
3:  addi.i64    s1, -1
    movi.i64    t4, 0
    cmp.ne.i64  s1, t4
    b           1b
    li          s1, 10000
4:  la          a0, mtx
    call        mutex_lock
    la          t1, mtx_total           # a plain load and store, a while
    load.i64    t2, 0(t1)               # apart: only the mutex makes it exact
    li          t3, 32
5:  addi.i64    t3, -1
    movi.i64    t4, 0
    cmp.ne.i64  t3, t4
    b           5b
    addi.i64    t2, 1
    store.i64   t2, 0(t1)
    la          a0, mtx
    call        mutex_unlock
    addi.i64    s1, -1
    movi.i64    t4, 0
    cmp.ne.i64  s1, t4
    b           4b
    mov.i64     a0, s0
    slli.i64    a0, 3
    add.i64     a0, a0, s0
    add.i64     a0, a0, s0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
    .size       count_fn, .-count_fn

    .type       fault_fn, @function
fault_fn:
    li          t1, 100000              # run a little first
1:  addi.i64    t1, -1
    movi.i64    t2, 0
    cmp.ne.i64  t1, t2
    b           1b
    load.i64    a0, 0(t2)               # address 0
    ret
    .size       fault_fn, .-fault_fn

    .type       exit_fn, @function
exit_fn:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    li          a0, 7
    call        _exit                   # exit_group: every thread
    ret
    .size       exit_fn, .-exit_fn

# spin_fn: publish the tid, spin (no syscalls) until the handler sets stop
    .type       spin_fn, @function
spin_fn:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          t1, unblock             # procsig: the inherited mask blocks
    load.i64    t1, 0(t1)               # SIGUSR1: unblock it on this thread
    movi.i64    t2, 0
    cmp.eq.i64  t1, t2
    b           2f
    movi.i64    a0, 1                   # SIG_UNBLOCK
    la          a1, usr1_set
    movi.i64    a2, 0
    call        sigprocmask
2:  call        gettid
    la          t1, spin_tid
    store.i64   a0, 0(t1)
    la          t1, stop
1:  load.i64    t2, 0(t1)
    movi.i64    t3, 0
    cmp.eq.i64  t2, t3
    b           1b
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       spin_fn, .-spin_fn

# smc_fn: say it runs, then loop until the instruction at smc_site
# (movi a0, 0) has been rewritten by another thread (to movi a0, 1)
    .type       smc_fn, @function
smc_fn:
    la          t1, spin_tid
    movi.i64    t2, 1
    store.i64   t2, 0(t1)
    movi.i64    t1, 0
smc_site:
    movi.i64    a0, 0
    cmp.eq.i64  a0, t1
    b           smc_site
    ret
smc_new:
    movi.i64    a0, 1                   # the replacement, never run here
    .size       smc_fn, .-smc_fn

# late_fn: sleep 50 ms (main exits meanwhile), then say so
    .type       late_fn, @function
late_fn:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          a0, ts50
    movi.i64    a1, 0
    call        nanosleep
    movi.i64    a0, 1
    la          a1, m_worker
    call        dprintf
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       late_fn, .-late_fn

# lateexit_fn: sleep 50 ms, then _exit(7): the whole process
    .type       lateexit_fn, @function
lateexit_fn:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          a0, ts50
    movi.i64    a1, 0
    call        nanosleep
    li          a0, 7
    call        _exit
    .size       lateexit_fn, .-lateexit_fn

# on_usr1: runs on the thread the signal went to
    .type       on_usr1, @function
on_usr1:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    call        gettid
    la          t1, spin_tid
    load.i64    t2, 0(t1)
    cmp.eq.i64  a0, t2
    movi.i64    a2, 0
    movi.i64    t3, 1
    cmov.i64    a2, t3
    movi.i64    a0, 1
    la          a1, m_hand
    call        dprintf
    la          t1, stop
    movi.i64    t2, 1
    store.i64   t2, 0(t1)
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       on_usr1, .-on_usr1

# on_rt(sig, si, uc): values = values * 10 + si_value; whether on spin_tid
    .type       on_rt, @function
on_rt:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          t1, rt_vals
    load.i64    t2, 0(t1)
    mov.i64     t3, t2
    slli.i64    t3, 3
    add.i64     t2, t2, t2
    add.i64     t2, t2, t3              # values * 10
    load.i64    t3, 24(a1)              # si_value
    add.i64     t2, t2, t3
    store.i64   t2, 0(t1)
    call        gettid
    la          t1, spin_tid
    load.i64    t2, 0(t1)
    cmp.eq.i64  a0, t2
    b           1f
    la          t1, rt_on               # a wrong thread: say so
    movi.i64    t2, 0
    store.i64   t2, 0(t1)
1:  load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       on_rt, .-on_rt

# rtq_fn: block signal 40, publish the tid, wait until main has sent
# three, unblock, spin until all three were handled
    .type       rtq_fn, @function
rtq_fn:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    movi.i64    a0, 0                   # SIG_BLOCK
    la          a1, rt_set
    movi.i64    a2, 0
    call        sigprocmask
    call        gettid
    la          t1, spin_tid
    store.i64   a0, 0(t1)
    la          t1, rt_sent
1:  load.i64    t2, 0(t1)
    movi.i64    t3, 0
    cmp.eq.i64  t2, t3
    b           1b
    movi.i64    a0, 1                   # SIG_UNBLOCK
    la          a1, rt_set
    movi.i64    a2, 0
    call        sigprocmask
    la          t1, rt_vals
    li          t3, 123
2:  load.i64    t2, 0(t1)
    cmp.ltu.i64 t2, t3
    b           2b
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       rtq_fn, .-rtq_fn

# forker_fn: fork; the child says whether its tid is its pid and exits
# with 6; returns the child's exit status
    .type       forker_fn, @function
forker_fn:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    call        fork
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           1f
    la          a1, wstatus
    movi.i64    a2, 0
    call        waitpid
    la          t1, wstatus
    load.i32    a0, 0(t1)
    srli.i64    a0, 8
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
1:  call        gettid
    mov.i64     s0, a0
    call        getpid
    cmp.eq.i64  a0, s0
    movi.i64    a2, 0
    movi.i64    t3, 1
    cmov.i64    a2, t3
    movi.i64    a0, 1
    la          a1, s_forkthr
    call        dprintf
    li          a0, 6
    call        _exit
    .size       forker_fn, .-forker_fn

# robust_fn: own rword (tid | FUTEX_WAITERS) on a robust list, then exit
# (the thread only) 50 ms later without unlocking
    .type       robust_fn, @function
robust_fn:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    call        gettid
    li          t1, 0x80000000          # FUTEX_WAITERS
    or.i64      a0, a0, t1
    la          t1, rword
    store.i32   a0, 0(t1)
    la          t1, rhead               # head -> entry -> head
    la          t2, rentry
    store.i64   t2, 0(t1)
    store.i64   t1, 0(t2)
    li          a0, 99                  # set_robust_list(&head, 24)
    la          a1, rhead
    li          a2, 24
    call        __syscall
    la          t1, rres
    store.i64   a0, 0(t1)
    la          t1, rready
    movi.i64    t2, 1
    store.i64   t2, 0(t1)
    la          a0, ts50
    movi.i64    a1, 0
    call        nanosleep
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       robust_fn, .-robust_fn

# install_usr1: sigaction(SIGUSR1, {on_usr1}, NULL)
    .type       install_usr1, @function
install_usr1:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          a1, act
    la          t1, usr1_d
    store.i64   t1, 0(a1)
    li          a0, 10
    movi.i64    a2, 0
    call        sigaction
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       install_usr1, .-install_usr1

# wait_spinning: until the spawned thread has published spin_tid
    .type       wait_spinning, @function
wait_spinning:
    la          t1, spin_tid
1:  load.i64    t2, 0(t1)
    movi.i64    t3, 0
    cmp.eq.i64  t2, t3
    b           1b
    ret
    .size       wait_spinning, .-wait_spinning

# spawn(n, desc): n threads of desc, argument = index, into handles
    .type       spawn, @function
spawn:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s1, a0
    mov.i64     s2, a1
    movi.i64    s0, 0
1:  la          a0, handles
    mov.i64     t1, s0
    slli.i64    t1, 3
    add.i64     a0, a0, t1
    mov.i64     a1, s2
    mov.i64     a2, s0
    call        thread_create
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           2f
    movi.i64    a0, 1
    la          a1, m_fail
    call        dprintf
    movi.i64    a0, 1
    call        _exit
2:  addi.i64    s0, 1
    cmp.ltu.i64 s0, s1
    b           1b
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
    .size       spawn, .-spawn

# join(n): join handles[0..n); the sum of their results
    .type       join, @function
join:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s1, a0
    movi.i64    s0, 0
    movi.i64    s2, 0
1:  la          t1, handles
    mov.i64     t2, s0
    slli.i64    t2, 3
    add.i64     t1, t1, t2
    load.i64    a0, 0(t1)
    la          a1, result
    call        thread_join
    la          t1, result
    load.i64    t1, 0(t1)
    add.i64     s2, s2, t1
    addi.i64    s0, 1
    cmp.ltu.i64 s0, s1
    b           1b
    mov.i64     a0, s2
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
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
    b           9f
    load.i64    s0, 8(a1)
    mov.i64     a0, s0
    la          a1, c_count
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           m_count
    mov.i64     a0, s0
    la          a1, c_fault
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           m_fault
    mov.i64     a0, s0
    la          a1, c_exit
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           m_exit
    mov.i64     a0, s0
    la          a1, c_tgkill
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           m_tgkill
    mov.i64     a0, s0
    la          a1, c_smc
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           m_smc
    mov.i64     a0, s0
    la          a1, c_procsig
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           m_procsig
    mov.i64     a0, s0
    la          a1, c_mainexit
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           m_mainexit
    mov.i64     a0, s0
    la          a1, c_exitread
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           m_exitread
    mov.i64     a0, s0
    la          a1, c_tgsq
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           m_tgsq
    mov.i64     a0, s0
    la          a1, c_forkthr
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           m_forkthr
    mov.i64     a0, s0
    la          a1, c_fork
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           m_fork
    mov.i64     a0, s0
    la          a1, c_robust
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           m_robust
9:  movi.i64    a0, 2
    j           99f

m_count:
    movi.i64    a0, 4
    la          a1, count_d
    call        spawn
    movi.i64    a0, 4
    call        join
    mov.i64     s0, a0
    movi.i64    a0, 1
    la          a1, m_cas
    la          t1, cas_total
    load.i64    a2, 0(t1)
    call        dprintf
    movi.i64    a0, 1
    la          a1, m_mutex
    la          t1, mtx_total
    load.i64    a2, 0(t1)
    call        dprintf
    movi.i64    a0, 1
    la          a1, m_res
    mov.i64     a2, s0
    call        dprintf
    movi.i64    a0, 0
    j           99f

m_fault:
    movi.i64    a0, 1
    la          a1, fault_d
    call        spawn
    movi.i64    a0, 1
    call        join
    movi.i64    a0, 0
    j           99f

m_exit:
    movi.i64    a0, 1
    la          a1, exit_d
    call        spawn
    movi.i64    a0, 1
    call        join
    movi.i64    a0, 0
    j           99f

m_tgkill:
    call        install_usr1
    movi.i64    a0, 1
    la          a1, spin_d
    call        spawn
    call        wait_spinning
    call        getpid
    mov.i64     s0, a0
    la          t1, spin_tid
    load.i64    a1, 0(t1)
    cmp.eq.i64  a1, s0
    movi.i64    a2, 0
    movi.i64    t3, 1
    ncmov.i64   a2, t3
    movi.i64    a0, 1
    la          a1, m_tid
    call        dprintf
    mov.i64     a0, s0
    la          t1, spin_tid
    load.i64    a1, 0(t1)
    li          a2, 10
    call        tgkill
    movi.i64    a0, 1
    call        join
    movi.i64    a0, 1
    la          a1, m_done
    call        dprintf
    movi.i64    a0, 0

    j           99f

m_procsig:
    call        install_usr1
    movi.i64    a0, 0                   # SIG_BLOCK here (and inherited)
    la          a1, usr1_set
    movi.i64    a2, 0
    call        sigprocmask
    la          t1, unblock
    movi.i64    t2, 1
    store.i64   t2, 0(t1)
    movi.i64    a0, 1
    la          a1, spin_d
    call        spawn
    call        wait_spinning
    call        getpid
    li          a1, 10
    call        kill                    # to the process: only the thread takes it
    movi.i64    a0, 1
    call        join
    movi.i64    a0, 1
    la          a1, m_done
    call        dprintf
    movi.i64    a0, 0
    j           99f

m_exitread:
    la          a0, pipefds
    movi.i64    a1, 0
    call        pipe2
    movi.i64    a0, 1
    la          a1, lateexit_d
    call        spawn
    la          t1, pipefds             # read(fds[0], buf, 8): blocks
    load.i32    a0, 0(t1)
    la          a1, result
    movi.i64    a2, 8
    call        read
    movi.i64    a0, 0
    j           99f

m_tgsq:
    la          a1, rt_act              # sigaction(40, {on_rt, SA_SIGINFO}, NULL)
    la          t1, rt_d
    store.i64   t1, 0(a1)
    li          a0, 40
    movi.i64    a2, 0
    call        sigaction
    la          t1, qinfo               # si_code SI_QUEUE (-1)
    movi.i64    t2, -1
    store.i32   t2, 8(t1)
    la          t1, rtq_d
    movi.i64    a0, 1
    mov.i64     a1, t1
    call        spawn
    call        wait_spinning
    movi.i64    s0, 1
1:  la          t1, qinfo
    store.i64   s0, 24(t1)              # si_value
    call        getpid
    mov.i64     a1, a0
    li          a0, 240                 # rt_tgsigqueueinfo(pid, tid, 40, &info)
    la          t1, spin_tid
    load.i64    a2, 0(t1)
    li          a3, 40
    la          a4, qinfo
    call        __syscall
    la          t1, result
    mov.i64     t2, s0
    slli.i64    t2, 3
    add.i64     t1, t1, t2
    store.i64   a0, -8(t1)              # results of the three calls
    addi.i64    s0, 1
    movi.i64    t1, 4
    cmp.ltu.i64 s0, t1
    b           1b
    la          t1, rt_sent
    movi.i64    t2, 1
    store.i64   t2, 0(t1)
    movi.i64    a0, 1
    la          a1, s_tgsq
    la          t1, result
    load.i64    a2, 0(t1)
    load.i64    a3, 8(t1)
    load.i64    a4, 16(t1)
    call        dprintf
    movi.i64    a0, 1
    call        join
    movi.i64    a0, 1
    la          a1, m_rtvals
    la          t1, rt_vals
    load.i64    a2, 0(t1)
    la          t1, rt_on
    load.i64    a3, 0(t1)
    call        dprintf
    movi.i64    a0, 0
    j           99f

m_fork:
    movi.i64    a0, 1
    la          a1, spin_d
    call        spawn
    call        wait_spinning
    call        fork
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           1f
    la          a1, wstatus
    movi.i64    a2, 0
    call        waitpid
    movi.i64    a0, 1
    la          a1, m_childst
    la          t1, wstatus
    load.i32    a2, 0(t1)
    srli.i64    a2, 8
    call        dprintf
    la          t1, stop
    movi.i64    t2, 1
    store.i64   t2, 0(t1)
    movi.i64    a0, 1
    call        join
    movi.i64    a0, 0
    j           99f
1:  call        getpid                  # the child: tgkill(pid, the spinner, 0)
    la          t1, spin_tid
    load.i64    a1, 0(t1)
    movi.i64    a2, 0
    call        tgkill
    mov.i64     a2, a0
    la          t1, errno
    load.i32    a3, 0(t1)
    movi.i64    a0, 1
    la          a1, m_childk
    call        dprintf
    li          a0, 5
    call        _exit

m_forkthr:
    movi.i64    a0, 1
    la          a1, forker_d
    call        spawn
    movi.i64    a0, 1
    call        join
    mov.i64     a2, a0
    movi.i64    a0, 1
    la          a1, m_childst
    call        dprintf
    movi.i64    a0, 0
    j           99f

m_robust:
    movi.i64    a0, 1
    la          a1, robust_d
    call        spawn
    la          t1, rready
1:  load.i64    t2, 0(t1)
    movi.i64    t3, 0
    cmp.eq.i64  t2, t3
    b           1b
    li          a0, 98                  # futex(&rword, FUTEX_WAIT, rword, 10 s)
    la          a1, rword
    movi.i64    a2, 0
    la          t1, rword
    load.u32    a3, 0(t1)
    la          a4, ts10
    call        __syscall
    mov.i64     s0, a0                  # 0: woken (-1 EAGAIN: it changed first)
    movi.i64    a0, 1
    call        join
    la          t1, errno
    load.i32    t1, 0(t1)
    movi.i64    t2, 0
    cmp.eq.i64  s0, t2
    movi.i64    a3, 0
    movi.i64    t3, 1
    cmov.i64    a3, t3
    movi.i64    t2, 11
    cmp.eq.i64  t1, t2
    cmov.i64    a3, t3
    movi.i64    a0, 1
    la          a1, s_robust
    la          t1, rres
    load.i64    a2, 0(t1)
    la          t1, rword
    load.u32    a4, 0(t1)
    call        dprintf
    movi.i64    a0, 0
    j           99f

m_mainexit:
    movi.i64    a0, 1
    la          a1, late_d
    call        spawn
    li          a0, 93                  # exit(3): the main thread only
    li          a1, 3
    call        __syscall
    j           99f

m_smc:
    movi.i64    a0, 1
    la          a1, smc_d
    call        spawn
    call        wait_spinning
    la          s0, smc_site            # mprotect(its page, 4096, RWX)
    mov.i64     a0, s0
    li          t1, -4096
    and.i64     a0, a0, t1
    li          a1, 4096
    movi.i64    a2, 7
    call        mprotect
    la          t1, smc_new
    load.u16    t2, 0(t1)
    store.i16   t2, 0(s0)
    movi.i64    a0, 1
    call        join
    movi.i64    a0, 1
    la          a1, m_smcmsg
    call        dprintf
    movi.i64    a0, 0

99: load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main
