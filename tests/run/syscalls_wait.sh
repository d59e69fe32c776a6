# syscalls_wait.sh - the calls that wait on descriptors and time, and
# sockets between two descriptors of one process: eventfd2, ppoll,
# pselect6, epoll (the 16-byte epoll_event converted both ways),
# timerfd, POSIX timers, signalfd, socketpair with sendto/recvfrom and
# sendmsg/recvmsg (msghdr and iovecs), sendmmsg/recvmmsg, shutdown, getsockopt, real-time
# signals queued with rt_sigqueueinfo and taken in order by
# rt_sigtimedwait; each script (_sysprog.py) exits with its failing
# line's number; --strace lines are checked too.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

sysprog() {
    name=$1 want=${2:-0}
    python3 "$GLYPH_SRC/tests/run/_sysprog.py" > "$name.s" || { not_ok "$name: script"; return 1; }
    if ! "$MKEXE" -o "$name" "$name.s" 2> "$name.mkerr"; then
        not_ok "$name: build" "$(cat "$name.mkerr")"
        return 1
    fi
    run glyph-run --strace "./$name"
    if [ "$STATUS" = "$want" ]; then ok "$name"; else not_ok "$name: status $STATUS (want $want; a small number is the failing script line)" "$(printf '%s\n' "$ERR" | tail -8)"; fi
}

sysprog eventfd_poll_epoll <<'EOF'
buf val 8
quad one 5
quad pfd 0x100000000  # struct pollfd {fd, events = POLLIN, revents}
quad ts0 0, 0
quad ev 0x80000001, 0x1234  # EPOLLIN|EPOLLET, padding, data
buf evout 64
call eventfd2 0 0x80800 = pos -> 0          # EFD_NONBLOCK|EFD_CLOEXEC
call read %0 @val 8 = -11                   # EAGAIN: the counter is 0
st32 0 @pfd
call ppoll @pfd 1 @ts0 0 8 = 0              # nothing to read yet
call write %0 @one 8 = 8
call write %0 @one 8 = 8
call ppoll @pfd 1 @ts0 0 8 = 1
ld32 2 @pfd+4
check 2 0x10001                             # events POLLIN, revents POLLIN
call epoll_create1 0x80000 = pos -> 3       # EPOLL_CLOEXEC
call epoll_ctl %3 1 %0 @ev = 0              # EPOLL_CTL_ADD
call epoll_ctl %3 1 %0 @ev = -17            # EEXIST
call epoll_pwait %3 @evout 4 0 0 8 = 1
ld32 4 @evout
check 4 1                                   # EPOLLIN
ld 5 @evout+8
check 5 0x1234                              # data at offset 8 of 16
call read %0 @val 8 = 8
ld 1 @val
check 1 10                                  # 5 + 5
call epoll_pwait %3 @evout 4 0 0 8 = 0      # read empty again
call epoll_pwait %3 @evout 0 0 0 8 = -22    # maxevents 0: EINVAL
call epoll_pwait %3 8 4 0 0 8 = -14         # bad buffer: EFAULT
call epoll_ctl %3 2 %0 0 = 0                # EPOLL_CTL_DEL
call ppoll 8 1 @ts0 0 8 = -14               # bad pollfd array: EFAULT
EOF
expect_match "strace: eventfd2 flags" '^eventfd2\(0, O_NONBLOCK\|O_CLOEXEC\) = 3$' "$ERR"
expect_match "strace: ppoll fds, revents and timeout" '^ppoll\(\[\{fd=3, events=POLLIN, revents=POLLIN\}\], 1, \{tv_sec=0, tv_nsec=0\}, NULL, 8\) = 1$' "$ERR"
expect_match "strace: epoll_ctl op and event" '^epoll_ctl\(4, EPOLL_CTL_ADD, 3, \{events=EPOLLIN\|EPOLLET, data=0x1234\}\) = 0$' "$ERR"

# pselect6: a pipe with data is readable, an empty one times out
sysprog pselect <<'EOF'
buf fds 8
buf set 8
quad ts 0, 1000000
data x "x"
call pipe2 @fds 0 = 0
ld32 0 @fds
ld32 1 @fds+4
call write %1 @x 1 = 1
quad bits 8  # fd 3
call pselect6 4 @bits 0 0 @ts 0 = 1
ld 2 @bits
check 2 8
call read %0 @set 1 = 1
quad bits2 8
call pselect6 4 @bits2 0 0 @ts 0 = 0        # empty: the timeout
ld 2 @bits2
check 2 0
EOF

# timerfd: 20 ms, one expiry read back; gettime shows the time left
sysprog timerfd <<'EOF'
quad its 0, 0, 0, 20000000
buf cur 32
buf n 8
call timerfd_create 1 0x800 = pos -> 0      # CLOCK_MONOTONIC, TFD_NONBLOCK
call read %0 @n 8 = -11                     # not expired yet
call timerfd_settime %0 0 @its 0 = 0
call timerfd_gettime %0 @cur = 0
ld 1 @cur+24
check 1 pos                                  # nanoseconds left
call timerfd_settime %0 0 8 0 = -14
call timerfd_create 1 0 = pos -> 2          # a blocking one
call timerfd_settime %2 0 @its 0 = 0
call read %2 @n 8 = 8                       # waits for the expiry
ld 3 @n
check 3 1
EOF
expect_match "strace: timerfd_create clock" '^timerfd_create\(CLOCK_MONOTONIC, O_NONBLOCK\) = 3$' "$ERR"
expect_match "strace: timerfd_settime itimerspec" '^timerfd_settime\(3, 0, \{it_interval=\{tv_sec=0, tv_nsec=0\}, it_value=\{tv_sec=0, tv_nsec=20000000\}\}, NULL\) = 0$' "$ERR"

# a POSIX timer's signal taken by rt_sigtimedwait (SIGALRM blocked)
sysprog posix_timer <<'EOF'
quad sev 0, 14  # sigevent: value 0, signo SIGALRM (14), notify SIGEV_SIGNAL (0)
quad its 0, 0, 0, 10000000
quad set 0x2000  # SIGALRM
buf id 8
buf info 128
call rt_sigprocmask 0 @set 0 8 = 0          # SIG_BLOCK
call timer_create 1 @sev @id = 0
ld32 0 @id
call timer_settime %0 0 @its 0 = 0
call rt_sigtimedwait @set @info 0 8 = 14
ld32 1 @info+8
check 1 0xfffffffe                          # si_code SI_TIMER (-2)
call timer_delete %0 = 0
call timer_delete %0 = -22
EOF

# real-time signals: three instances of 40 and one of 35 queued to
# ourselves; 35 comes first, then the 40s in the order they were sent
sysprog rt_queue <<'EOF'
quad set 0x8400000000  # signals 35 and 40
quad i1 40, -1, 0, 111
quad i2 40, -1, 0, 222
quad i3 40, -1, 0, 333
quad i4 35, -1, 0, 444
buf info 128
quad ts0 0, 0
call rt_sigprocmask 0 @set 0 8 = 0
call getpid = pos -> 0
call rt_sigqueueinfo %0 40 @i1 = 0
call rt_sigqueueinfo %0 40 @i2 = 0
call rt_sigqueueinfo %0 40 @i3 = 0
call rt_sigqueueinfo %0 35 @i4 = 0
call rt_sigtimedwait @set @info @ts0 8 = 35
ld 1 @info+24
check 1 444
call rt_sigtimedwait @set @info @ts0 8 = 40
ld 1 @info+24
check 1 111
call rt_sigtimedwait @set @info @ts0 8 = 40
ld 1 @info+24
check 1 222
call rt_sigtimedwait @set @info @ts0 8 = 40
ld 1 @info+24
check 1 333
call rt_sigtimedwait @set @info @ts0 8 = -11 # none left: EAGAIN
EOF
expect_match "strace: rt_sigtimedwait set and timeout" '^rt_sigtimedwait\(\[35 40\], 0x[0-9a-f]+, \{tv_sec=0, tv_nsec=0\}, 8\) = 35$' "$ERR"
expect_match "strace: rt_sigqueueinfo" '^rt_sigqueueinfo\([0-9]+, 40, 0x[0-9a-f]+\) = 0$' "$ERR"

# socketpair: stream both ways, shutdown, SO_TYPE; a datagram pair with
# sendmsg/recvmsg over two iovecs
sysprog socketpair <<'EOF'
buf sv 8
data ping "ping"
buf rb 16
buf opt 4
quad optlen 4
call socketpair 1 0x80001 0 @sv = 0         # AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC
ld32 0 @sv
ld32 1 @sv+4
call sendto %0 @ping 4 0 0 0 = 4
call recvfrom %1 @rb 16 0 0 0 = 4
call write 1 @rb 4 = 4
call shutdown %0 1 = 0                      # SHUT_WR
call recvfrom %1 @rb 16 0 0 0 = 0           # end of stream
call getsockopt %1 1 3 @opt @optlen = 0     # SOL_SOCKET, SO_TYPE
ld32 2 @opt
check 2 1                                   # SOCK_STREAM
call socketpair 2 1 0 @sv = -95             # AF_INET: EOPNOTSUPP
call socketpair 1 1 0 8 = -14
EOF
expect_eq "socketpair: data through" "ping" "$OUT"
expect_match "strace: socketpair domain and type" '^socketpair\(AF_UNIX, SOCK_STREAM\|SOCK_CLOEXEC, 0, 0x[0-9a-f]+\) = 0$' "$ERR"
expect_match "strace: shutdown how" '^shutdown\(3, SHUT_WR\) = 0$' "$ERR"

sysprog msghdr <<'EOF'
buf sv 8
data a "abc"
data b "defg"
buf r1 2
buf r2 16
quad iov a, 3, b, 4
quad msg 0, 0, iov, 2, 0, 0, 0
quad riov r1, 2, r2, 16
quad rmsg 0, 0, riov, 2, 0, 0, 0
call socketpair 1 2 0 @sv = 0               # SOCK_DGRAM
ld32 0 @sv
ld32 1 @sv+4
call sendmsg %0 @msg 0 = 7
call recvmsg %1 @rmsg 0 = 7
call write 1 @r1 2 = 2
call write 1 @r2 5 = 5
call sendmsg %0 8 0 = -14
EOF
expect_eq "sendmsg/recvmsg: gathered and scattered" "abcdefg" "$(printf '%s' "$OUT" | tr -d '\0')"

# sendmmsg/recvmmsg: two datagrams each way, msg_len filled in each
# 64-byte mmsghdr, MSG_DONTWAIT ending the batch early, MSG_WAITFORONE
sysprog mmsg <<'EOF'
buf sv 8
data a "abc"
data b "defg"
buf r1 8
buf r2 8
quad iov1 a, 3
quad iov2 b, 4
quad riov1 r1, 8
quad riov2 r2, 8
quad mv 0, 0, iov1, 1, 0, 0, 0, 0, 0, 0, iov2, 1, 0, 0, 0, 0
quad rv 0, 0, riov1, 1, 0, 0, 0, 0, 0, 0, riov2, 1, 0, 0, 0, 0, 0, 0, riov1, 1, 0, 0, 0, 0
call socketpair 1 2 0 @sv = 0               # AF_UNIX, SOCK_DGRAM
ld32 0 @sv
ld32 1 @sv+4
call sendmmsg %0 @mv 2 0 = 2
ld32 2 @mv+56
check 2 3                                   # msg_len of the first
ld32 3 @mv+120
check 3 4
call recvmmsg %1 @rv 3 0x40 0 = 2           # MSG_DONTWAIT: two, then nothing
ld32 4 @rv+56
check 4 3
ld32 5 @rv+120
check 5 4
call write 1 @r1 3 = 3
call write 1 @r2 4 = 4
call recvmmsg %1 @rv 3 0x40 0 = -11         # EAGAIN: none at all
call sendmmsg %0 @mv 1 0 = 1
call recvmmsg %1 @rv 2 0x10000 0 = 1        # MSG_WAITFORONE: the second does not wait
call sendmmsg %0 8 1 0 = -14
EOF
expect_eq "sendmmsg/recvmmsg: both datagrams through" "abcdefg" "$OUT"
expect_match "strace: recvmmsg" '^recvmmsg\([0-9]+, 0x[0-9a-f]+, 3, MSG_DONTWAIT, NULL\) = 2$' "$ERR"

# an unknown call: -ENOSYS, named once under --strace
sysprog unknown <<'EOF'
call 299 = -38
call 299 = -38
EOF
expect_eq "unknown syscall: noted once" 1 "$(printf '%s\n' "$ERR" | grep -c '^glyph-run: unsupported syscall 299 (returns -ENOSYS)$')"
finish
