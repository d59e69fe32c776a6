# threads.sh - guest threads through libgrt (thread.s): exact totals of
# cas and mutex-protected counters from 4 threads (10^6 cas increments
# each), results through thread_join, a fault in one thread ending the
# process with the report, exit_group from a thread while main waits in
# a join or blocks in a read, a tgkill to another thread, a process
# signal taken by the one thread that does not block it, the main thread
# exiting before another, code rewritten by one thread while another
# spins in it, rt_tgsigqueueinfo to another thread (every real-time
# instance, in order), fork from a threaded process (the child has the
# forking thread only, also when that is not the main one), a robust
# futex released by its owner's exit, --jit-audit refusing a second
# thread, and --strace lines that decode clone and futex and carry
# the thread id.  (The cases that would hang if a thread could not be
# stopped run under timeout.)
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/threads.s"

run glyph-run ./prog count
expect_eq "count: status" 0 "$STATUS"
expect_eq "count: exact totals, joined results" "cas 4000000
mutex 40000
results 60" "$OUT"

run glyph-run ./prog fault
expect_eq "fault in a thread: the process ends with SIGSEGV" 139 "$STATUS"
expect_match "fault in a thread: the report" \
    '^glyph-run: \./prog: segmentation fault: load from unmapped address 0x0 at pc=0x[0-9a-f]+ ib=0x[0-9a-f]+$' "$ERR"

run glyph-run ./prog exit
expect_eq "exit_group in a thread ends the process (main in a join)" 7 "$STATUS"

run timeout 60 glyph-run ./prog exitread
expect_eq "exit_group in a thread interrupts main's blocking read" 7 "$STATUS"

run glyph-run ./prog tgkill
expect_eq "tgkill: status" 0 "$STATUS"
expect_eq "tgkill: the handler runs on the target thread" "tid differs from pid: 1
handler on the target thread: 1
joined" "$OUT"

run timeout 60 glyph-run ./prog procsig
expect_eq "procsig: status" 0 "$STATUS"
expect_eq "procsig: a process signal goes to the thread that does not block it" \
    "handler on the target thread: 1
joined" "$OUT"

run timeout 60 glyph-run ./prog tgsq
expect_eq "tgsq: status" 0 "$STATUS"
expect_eq "rt_tgsigqueueinfo to another thread: queued, all three instances in order" \
    "tgsigqueueinfo 0 0 0
values 123 on the target thread 1" "$OUT"

run timeout 60 glyph-run ./prog fork
expect_eq "fork from a threaded process: status" 0 "$STATUS"
expect_eq "fork: the child has only the forking thread; its status reaches the parent" \
    "child: tgkill to the parent's other thread: -1 errno 3
child exit status 5" "$OUT"

run timeout 60 glyph-run ./prog forkthr
expect_eq "fork from a second thread: status" 0 "$STATUS"
expect_eq "fork from a second thread: the child's one thread ends its process" \
    "child of a thread: its tid is its pid: 1
child exit status 6" "$OUT"

run timeout 60 glyph-run ./prog robust
expect_eq "robust: status" 0 "$STATUS"
expect_eq "robust list: the dead owner's futex gets FUTEX_OWNER_DIED, its waiter wakes" \
    "set_robust_list 0, woken 1, word 0xc0000000" "$OUT"

run timeout 60 glyph-run --jit-audit ./prog count
expect_eq "--jit-audit with a second thread: refused (status 1)" 1 "$STATUS"
expect_match "--jit-audit with a second thread: the message" \
    '^glyph-run: \./prog: --jit-audit supports one thread only; the program starts a second one \(clone at pc=0x[0-9a-f]+\): stopped$' "$ERR"

run glyph-run ./prog mainexit
expect_eq "mainexit: the main thread's status, after the last thread" 3 "$STATUS"
expect_eq "mainexit: the other thread ran on" "worker done after main's exit" "$OUT"

run timeout 60 glyph-run --stats ./prog smc
expect_eq "smc: status" 0 "$STATUS"
expect_eq "smc: the other thread left its cached block" "the spinning thread ran the new code" "$OUT"
# the JIT flushes once more when the second thread starts (no chaining then)
if [ "${GLYPH_NO_JIT:-0}" = 1 ]; then flushes=2; else flushes=3; fi
expect_match "smc: flushed for the mprotect and for the store" " $flushes cache flushes" "$ERR"

run glyph-run --strace ./prog tgkill
expect_match "strace: clone flags by name, the child's tid" \
    '^\[pid [0-9]+\] clone\(CLONE_VM\|CLONE_FS\|CLONE_FILES\|CLONE_SIGHAND\|CLONE_THREAD\|CLONE_SYSVSEM\|CLONE_PARENT_SETTID\|CLONE_CHILD_CLEARTID, 0x[0-9a-f]+, 0x[0-9a-f]+, NULL, 0x[0-9a-f]+\) = [0-9]+$' "$ERR"
expect_match "strace: the thread's exit" '^\[pid [0-9]+\] exit\(0\) = \?$' "$ERR"
# the tid on a line is the one gettid returned on that thread (count:
# the first join certainly waits for a working thread)
tids=$(printf '%s\n' "$ERR" | sed -n 's/^\[pid \([0-9]*\)\] gettid() = \([0-9]*\)$/\1 \2/p' | awk '$1 != $2' | wc -l)
expect_eq "strace: each line's tid is its thread's" 0 "$tids"
run glyph-run --strace ./prog count
expect_match "strace: futex op by name, in the joining thread" \
    '^\[pid [0-9]+\] futex\(0x[0-9a-f]+, FUTEX_WAIT, [0-9]+, NULL\) = (0|-1 EAGAIN .*)$' "$ERR"
finish
