# signals.sh - guest signal handlers through libgrt (signals.s): the
# frame restores registers and a handler may move the saved pc, the
# SA_* flags, masks and pending signals, SIGALRM interrupting a loop and
# a blocking read (EINTR, SA_RESTART), a corrupt frame, and a signal
# from another process.
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/signals.s"

run glyph-run ./prog skip
expect_eq "skip: status" 0 "$STATUS"
expect_match "SIGILL: si_addr is the pc, si_code ILL_ILLTRP" "^SIGILL at 0x[0-9a-f]+ code 4$" "$OUT"
expect_match "frame: clobbered registers restored, saved pc moved past illegal" "^after: t5=77 s3=55$" "$OUT"

run glyph-run ./prog resethand
expect_eq "SA_RESETHAND: the second SIGUSR1 kills (138)" 138 "$STATUS"
expect_eq "SA_RESETHAND: the first one was handled" "handled 10" "$OUT"

run glyph-run ./prog mask
expect_eq "mask: status" 0 "$STATUS"
expect_eq "blocked raise: pending (bit 9), handled at unblocking, then on" \
    "pending 512
handled 10
done" "$OUT"

run glyph-run ./prog nodefer
expect_eq "SA_NODEFER: the handler re-entered from itself" "enter 1
enter 2
leave 2
leave 1" "$OUT"

run glyph-run --max-insns 2000000000 ./prog loop
expect_eq "SIGALRM interrupts a loop without syscalls" "0 done" "$STATUS $OUT"

run glyph-run ./prog eintr
expect_eq "SIGALRM interrupts a blocking read: -1 EINTR" "read -1 errno 4" "$OUT"
run glyph-run --strace ./prog restart
expect_eq "SA_RESTART: the read is restarted and gets the handler's byte" "read 1 errno 0" "$OUT"
expect_match "SA_RESTART: --strace shows the restart" "^read\(.*\) = \? ERESTARTSYS" "$ERR"

run glyph-run ./prog badframe
expect_eq "corrupt frame (wild sp at rt_sigreturn): SIGSEGV" 139 "$STATUS"
expect_match "corrupt frame: reported" "segmentation fault: rt_sigreturn: unreadable signal frame at 0x10" "$ERR"

# a signal from another process, while the guest spins without syscalls
: >spin.out
glyph-run ./prog spin >spin.out 2>&1 &
pid=$!
i=0
while [ "$(cat spin.out)" != ready ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
kill -USR1 $pid
# not delivered: it would spin for ever
i=0
while kill -0 $pid 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
kill -KILL $pid 2>/dev/null
wait $pid
expect_eq "SIGUSR1 from another process reaches the handler" "0 ready
done" "$? $(cat spin.out)"

# real-time signals from another process: host signal 40 is guest
# signal 40; three sent while the guest blocks it all arrive
rm -f rt.fifo; mkfifo rt.fifo
: >rt.out
glyph-run ./prog rtext <rt.fifo >rt.out 2>&1 &
pid=$!
exec 3>rt.fifo
i=0
while [ "$(cat rt.out)" != ready ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
kill -40 $pid; kill -40 $pid; kill -40 $pid
sleep 0.2
(echo x >&3) 2>/dev/null # in a subshell: if the guest died, SIGPIPE ends only that
exec 3>&-
i=0
while kill -0 $pid 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
kill -KILL $pid 2>/dev/null
wait $pid
expect_eq "signal 40 from another process, three while blocked: each handled (SI_USER)" "0 ready
handled 3, si_code 0, si_value 0" "$? $(cat rt.out)"

run timeout 60 glyph-run ./prog rttimer
expect_eq "a POSIX timer with a real-time signal: SI_TIMER and its value" \
    "handled 1, si_code -2, si_value 7" "$OUT"
finish
