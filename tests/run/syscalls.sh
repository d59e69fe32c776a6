# syscalls.sh - Linux syscall translation: each program is a script of
# calls (_sysprog.py) that exits with the failing line's number when a
# result is not what it expects; files, pipes, memory, time, identity,
# signals.  Outputs and files are then checked from outside.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

# sysprog NAME [WANT-STATUS] < script: build, run with --strace, check status
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

sysprog hello <<'EOF'
data msg "hello, world\n"
call write 1 @msg 13 = 13
EOF
expect_eq "write: output" "hello, world" "$OUT"
expect_match "strace: write decoded" '^write\(1, "hello, world\\n", 13\) = 13$' "$ERR"
expect_match "strace: exit_group shown" '^exit\(0\) = \?$' "$ERR"

# --strace names the flags, whence and advice values
sysprog strace_flags <<'EOF'
buf fds 8
data nope "nope"
call pipe2 @fds 0x80800 = 0
call lseek 0 0 2
call unlinkat -100 @nope 0x200 = neg
call mmap 0 4096 3 0x20022 -1 0 -> 1
call madvise %1 4096 4 = 0
call madvise %1 4096 99
call mmap 0 4096 3 0x33 -1 0 = neg
EOF
expect_match "strace: pipe2 flags" '^pipe2\(0x[0-9a-f]+, O_NONBLOCK\|O_CLOEXEC\) = 0$' "$ERR"
expect_match "strace: lseek whence" '^lseek\(0, 0, SEEK_END\) = ' "$ERR"
expect_match "strace: unlinkat flags" '^unlinkat\(AT_FDCWD, "nope", AT_REMOVEDIR\) = -1 ENOENT' "$ERR"
expect_match "strace: mmap flags, MAP_STACK" '^mmap\(NULL, 4096, PROT_READ\|PROT_WRITE, MAP_PRIVATE\|MAP_ANONYMOUS\|MAP_STACK, -1, 0x0\) = 0x' "$ERR"
expect_match "strace: madvise advice" '^madvise\(0x[0-9a-f]+, 4096, MADV_DONTNEED\) = 0$' "$ERR"
expect_match "strace: unknown advice as a number" '^madvise\(0x[0-9a-f]+, 4096, 99\) = ' "$ERR"
expect_match "strace: MAP_SHARED_VALIDATE is one type, not SHARED|PRIVATE" '^mmap\(NULL, 4096, PROT_READ\|PROT_WRITE, MAP_SHARED_VALIDATE\|MAP_FIXED\|MAP_ANONYMOUS, -1, 0x0\) = -1' "$ERR"

sysprog exit42 42 <<'EOF'
exit 42
EOF
sysprog exit_group_wraps 44 <<'EOF'
call exit_group 300
EOF

# --- files in the test's own directory ---
sysprog files <<'EOF'
data name "f.txt"
data name2 "g.txt"
data dir "sub"
data dirpath "sub/h.txt"
data text "0123456789"
buf rbuf 64
buf st 128
call openat -100 @name 0x241 0644 -> 0      # O_WRONLY|O_CREAT|O_TRUNC
call write %0 @text 10 = 10
call pwrite64 %0 @text 3 20 = 3             # hole, then "012" at 20
call fstat %0 @st = 0
ld 1 @st+48
check 1 23                                  # st_size
ld32 1 @st+16
call close %0 = 0
call openat -100 @name 0 = pos -> 0         # O_RDONLY
call lseek %0 5 0 = 5
call read %0 @rbuf 3 = 3
ld 2 @rbuf
check 2 0x373635                            # "567"
call pread64 %0 @rbuf 2 20 = 2
call lseek %0 0 2 = 23                      # SEEK_END
call read %0 @rbuf 8 = 0                    # at EOF
call close %0 = 0
call close %0 = -9                          # EBADF
call newfstatat -100 @name @st 0 = 0
ld 1 @st+48
check 1 23
call faccessat -100 @name 4 = 0             # R_OK
call renameat -100 @name -100 @name2 = 0
call openat -100 @name 0 = -2               # ENOENT
call mkdirat -100 @dir 0755 = 0
call mkdirat -100 @dir 0755 = -17           # EEXIST
call renameat2 -100 @name2 -100 @dirpath 0 = 0
call unlinkat -100 @dir 0 = -21             # EISDIR
call unlinkat -100 @dirpath 0 = 0
call unlinkat -100 @dir 0x200 = 0           # AT_REMOVEDIR
EOF

sysprog links <<'EOF'
data a "a.txt"
data b "b.txt"
data c "c.txt"
data dot "."
buf st 128
call umask 022 = pos
call umask 077 = 022
call openat -100 @a 0x41 0666 = pos -> 0    # O_WRONLY|O_CREAT, masked to 0600
call fstat %0 @st = 0
ld32 1 @st+16
check 1 0100600
call fchmod %0 0640 = 0
call close %0 = 0
call linkat -100 @a -100 @b 0 = 0
call newfstatat -100 @a @st 0 = 0
ld32 1 @st+20
check 1 2                                   # st_nlink
call symlinkat @a -100 @c = 0
call fchmodat -100 @b 0444 = 0
call openat -100 @dot 0x10000 = pos -> 2
call fchdir %2 = 0
call getrusage 0 @st = 0
call getrusage 7 @st = -22
EOF
expect_eq "linkat/symlinkat/fchmodat: results" "a.txt -r--r--r-- 2" "$(readlink c.txt) $(stat -c '%A %h' b.txt)"
expect_no_file "files: renamed and removed" sub

sysprog file_content <<'EOF'
data name "out.txt"
data text "written by glyph\n"
call openat -100 @name 0x241 0600 = pos -> 0
call write %0 @text 17 = 17
call ftruncate %0 7 = 0
call fsync %0 = 0
call close %0 = 0
EOF
expect_eq "file written through openat/write/ftruncate" "written" "$(cat out.txt)"

mkdir -p d/e
echo x > d/a
echo y > d/b
sysprog getdents 120 <<'EOF'
data dir "d"
buf ents 4096
call openat -100 @dir 0x10000 = pos -> 0    # O_DIRECTORY
call getdents64 %0 @ents 4096 = pos -> 1
call getdents64 %0 @ents 4096 = 0
exit %1
EOF
# 5 entries: ".", "..", "a", "b", "e": 24 + 24 + 24 + 24 + 24 = 120 bytes
expect_match "getdents64: 5 records, 120 bytes" '^getdents64\(3, 0x[0-9a-f]+, 4096\) = 120$' "$ERR"
expect_match "strace: openat without O_CREAT shows no mode" '^openat\(AT_FDCWD, "d", O_RDONLY\|O_DIRECTORY\) = 3$' "$ERR"

ln -s d/a link
sysprog readlink_cwd <<'EOF'
data link "link"
data self "/proc/self/exe"
data dot "d"
buf lbuf 256
call readlinkat -100 @link @lbuf 256 = 3
ld32 0 @lbuf
check 0 0x612f64                            # "d/a"
call readlinkat -100 @self @lbuf 256 = pos
call getcwd @lbuf 256 = pos -> 1
call getcwd @lbuf 1 = -34                   # ERANGE
call chdir @dot = 0
call readlinkat -100 @link @lbuf 256 = -2   # no "link" inside d/
call write 1 @lbuf %1
EOF
expect_eq "getcwd: the directory we run in" "$(pwd)" "$(printf '%s' "$OUT" | tr -d '\0')"
self="$(pwd)/readlink_cwd"
expect_match "readlinkat(/proc/self/exe): the guest program" "readlinkat\(AT_FDCWD, \"/proc/self/exe\", \"$(pwd | cut -c1-20).*, 256\) = ${#self}\$" "$ERR"

# --- descriptors: pipes, dup, fcntl, vectors ---
sysprog pipes <<'EOF'
data text "through a pipe\n"
buf fds 8
buf rbuf 64
buf iov 32
call pipe2 @fds 0x80000 = 0                 # O_CLOEXEC
ld32 0 @fds
ld32 1 @fds+4
call fcntl %0 1 0 = 1                       # F_GETFD: FD_CLOEXEC
call fcntl %1 3 0 = 1                       # F_GETFL: O_WRONLY
call write %1 @text 15 = 15
call read %0 @rbuf 64 = 15
call write 1 @rbuf 15 = 15
call dup 1 = pos -> 2
call write %2 @text 8 = 8
call dup3 1 40 0 = 40
call fcntl 40 0 50 = pos                    # F_DUPFD >= 50
call close 40 = 0
call ioctl %0 0x5401 @rbuf = -25            # TCGETS on a pipe: ENOTTY
call ioctl %0 0x5413 @rbuf = -25            # TIOCGWINSZ
call ioctl %0 0x5401 8 = -14                # bad pointer: EFAULT
EOF
expect_eq "pipe2/read/write/dup" "through a pipe
through " "$OUT"

sysprog vectors <<'EOF'
call writev 1 8 1 = -14                     # the vector itself unreadable: EFAULT
call readv 0 0x7f000000 2 = -14
call writev 1 8 2000 = -22                  # more than IOV_MAX
EOF
# (readv/writev with real vectors need addresses inside the vector: built below)
cat > vec.s <<'EOF'
.text
_start:
    lea.i64 s0, ib32(0)(pc)       # iov
l1: lea.i64 s1, ib32(1)(pc)       # "abcd"
l2: lea.i64 s2, ib32(2)(pc)       # "xyz\n"
    store.i64 s1, 0(s0)
    store.i64 s2, 16(s0)
    movi.i64 a0, 1
    mov.i64 a1, s0
    movi.i64 a2, 2
    movi.i64.w t0, 66
    syscall
    movi.i64.w t0, 93
    syscall
.const
    .long iov - _start
    .long a - l1
    .long b - l2
.rodata
a: .string "abcd"
b: .string "xyz\n"
.data
iov: .quad 0, 4, 0, 4
EOF
"$MKEXE" -o vec vec.s && run glyph-run ./vec
expect_eq "writev: output" "abcdxyz" "$OUT"
expect_eq "writev: result 8 as exit status" 8 "$STATUS"
printf 'hello readv' > rv.in
cat > readv.s <<'EOF'
.text
_start:
    lea.i64 s0, ib32(0)(pc)
l1: lea.i64 s1, ib32(1)(pc)
    store.i64 s1, 0(s0)
    addi.i64 s1, 8
    store.i64 s1, 16(s0)
    movi.i64 a0, 0
    mov.i64 a1, s0
    movi.i64 a2, 2
    movi.i64.w t0, 65
    syscall
    movi.i64 a2, 14
    movi.i64 a0, 1
    addi.i64 s1, -8
    mov.i64 a1, s1
    movi.i64.w t0, 64
    syscall
    movi.i64.w t0, 93
    syscall
.const
    .long iov - _start
    .long buf - l1
.data
iov: .quad 0, 5, 0, 6
buf: .zero 16
EOF
"$MKEXE" -o readv readv.s && run glyph-run ./readv < rv.in
expect_eq "readv: scattered into two buffers" "hello" "$(printf '%s' "$OUT" | head -c 5)"
expect_eq "readv: second buffer" " readv" "$(printf '%s' "$OUT" | tail -c 6)"

# --- memory: brk, mmap, munmap, mprotect, madvise ---
sysprog brk <<'EOF'
call brk 0 = pos -> 0
call brk 0 = %0
check 0 0x13000                             # page after the last segment
call brk 0x23000 = 0x23000
quad v 0x1122334455667788
EOF
cat > brkuse.s <<'EOF'
.text
_start:
    movi.i64 a0, 0
    movi.i64.w t0, 214
    syscall
    mov.i64 s0, a0
    movq.i64 a0, ib64(0)
    add.i64 a0, a0, s0
    movi.i64.w t0, 214
    syscall
    addi.i64 a0, -8
    movi.i64 a1, 29
    store.i64 a1, 0(a0)
    load.i64 a0, 0(a0)
    movi.i64.w t0, 93
    syscall
.const
    .quad 0x100000
EOF
"$MKEXE" -o brkuse brkuse.s && run glyph-run ./brkuse
expect_eq "brk: grown memory is usable" 29 "$STATUS"

sysprog mmap_anon <<'EOF'
call mmap 0 8192 3 0x22 -1 0 = pos -> 0     # PROT_READ|WRITE, MAP_PRIVATE|ANONYMOUS
call mmap 0 0 3 0x22 -1 0 = -22             # EINVAL
call mmap 0x40000000 4096 3 0x32 -1 0 = 0x40000000    # MAP_FIXED
call mmap 0x40000000 4096 3 0x100022 -1 0 = -17       # FIXED_NOREPLACE: EEXIST
call mprotect %0 4096 1 = 0
call mprotect 0x50000000 4096 1 = -12       # unmapped: ENOMEM
call madvise %0 8192 4 = 0
call munmap %0 8192 = 0
call munmap 0x40000001 4096 = -22
EOF

cat > mmap_use.s <<'EOF'
# map, store, read back, unmap, then touch it again: SIGSEGV
.text
_start:
    movi.i64 a0, 0
    movi.i64 a1, 1
    slli.i64 a1, 12
    movi.i64 a2, 3
    movi.i64 a3, 0x22
    movi.i64 a4, -1
    movi.i64 a5, 0
    movi.i64.w t0, 222
    syscall
    mov.i64 s0, a0
    movi.i64 a1, 17
    store.i64 a1, 8(s0)
    load.i64 s1, 8(s0)
    mov.i64 a0, s0
    movi.i64 a1, 1
    slli.i64 a1, 12
    movi.i64.w t0, 215
    syscall
    load.i64 s1, 8(s0)
.const
    .quad 0
EOF
"$MKEXE" -o mmap_use mmap_use.s && run glyph-run --dump-regs ./mmap_use
expect_eq "munmap: later access faults" 139 "$STATUS"
expect_match "mmap: value stored and loaded" '^r2=0x0000000000000011$' "$ERR"
expect_match "munmap: fault names the unmapped address" 'load from unmapped address 0x[0-9a-f]+008 at pc=0x10034 ' "$ERR"

cat > mprot.s <<'EOF'
.text
_start:
    movi.i64 a0, 0
    movi.i64 a1, 1
    slli.i64 a1, 12
    movi.i64 a2, 3
    movi.i64 a3, 0x22
    movi.i64 a4, -1
    movi.i64 a5, 0
    movi.i64.w t0, 222
    syscall
    mov.i64 s0, a0
    movi.i64 a1, 1
    slli.i64 a1, 12
    movi.i64 a2, 1
    movi.i64.w t0, 226
    syscall
    load.i64 s1, 0(s0)
    store.i64 s1, 0(s0)
.const
    .quad 0
EOF
"$MKEXE" -o mprot mprot.s && run glyph-run ./mprot
expect_eq "mprotect(PROT_READ): store faults" 139 "$STATUS"
expect_match "mprotect: reported as read-only" 'store to read-only address 0x[0-9a-f]+000 at pc=0x10032 ' "$ERR"

printf 'file contents via mmap\n' > m.txt
sysprog mmap_file <<'EOF'
data name "m.txt"
call openat -100 @name 0 = pos -> 0
call mmap 0 4096 1 2 %0 0 = pos -> 1        # PROT_READ, MAP_PRIVATE
call write 1 %1 23 = 23
call mmap 0 4096 1 2 %0 1 = -22             # offset not page-aligned
call mmap 0 4096 1 2 99 0 = -9              # EBADF
EOF
expect_eq "mmap of a file: contents" "file contents via mmap" "$OUT"

# ioctl on a terminal (isatty): through a pty made by script(1)
if command -v script >/dev/null 2>&1; then
    cat > tty.txt <<'EOF'
buf t 64
call ioctl 1 0x5401 @t = 0                  # TCGETS
call ioctl 1 0x5413 @t = 0                  # TIOCGWINSZ
EOF
    python3 "$GLYPH_SRC/tests/run/_sysprog.py" < tty.txt > tty.s && "$MKEXE" -o tty tty.s
    run script -qec "$EMU ./tty" /dev/null
    expect_eq "ioctl TCGETS/TIOCGWINSZ on a pty" 0 "$STATUS"
else
    skip "ioctl on a pty: script(1) not installed"
fi

# madvise(MADV_DONTNEED) drops anonymous pages: they read back as zero
cat > dontneed.s <<'EOF'
.text
_start:
    movi.i64 a0, 0
    movi.i64 a1, 1
    slli.i64 a1, 12
    movi.i64 a2, 3
    movi.i64 a3, 0x22
    movi.i64 a4, -1
    movi.i64 a5, 0
    movi.i64.w t0, 222
    syscall
    mov.i64 s0, a0
    movi.i64 a1, 5
    store.i64 a1, 0(s0)
    load.i64 s1, 0(s0)
    movi.i64 a1, 1
    slli.i64 a1, 12
    movi.i64 a2, 4
    movi.i64.w t0, 233
    syscall
    load.i64 a0, 0(s0)
    add.i64 a0, a0, s1
    movi.i64.w t0, 93
    syscall
.const
    .quad 0
EOF
"$MKEXE" -o dontneed dontneed.s && run glyph-run ./dontneed
expect_eq "madvise(MADV_DONTNEED): 5 before, 0 after" 5 "$STATUS"

# --- time, identity, limits, randomness ---
sysprog time <<'EOF'
buf ts 16
quad req 0, 1000000
call clock_gettime 1 @ts = 0
ld 0 @ts+8
call clock_gettime 99 @ts = -22
call clock_getres 0 @ts = 0
call gettimeofday @ts 0 = 0
call nanosleep @req 0 = 0
call clock_nanosleep 1 0 @req 0 = 0
call clock_gettime 0 8 = -14
EOF
sysprog ids <<'EOF'
buf u 400
buf rl 16
buf rnd 32
call getuid = pos
call geteuid = pos
call getgid = pos
call getegid = pos
call getpid = pos -> 0
call gettid = %0
call getppid = pos
call sched_yield = 0
call uname @u = 0
call write 1 @u+260 5 = 5                   # machine
call getrandom @rnd 32 0 = 32
call getrandom @rnd 32 0x100 = -22
call prlimit64 0 3 0 @rl = 0                # RLIMIT_STACK
ld 1 @rl
check 1 0x800000
call prlimit64 0 99 0 @rl = -22
call set_tid_address 0 = %0
EOF
expect_eq "uname: machine is glyph" "glyph" "$OUT"

# --- signals ---
sysprog signals <<'EOF'
quad ign 1, 0, 0
buf old 24
buf mask 8
call rt_sigaction 13 @ign @old 8 = 0        # SIGPIPE ignored
call rt_sigaction 13 0 @old 8 = 0
ld 0 @old
check 0 1
call rt_sigaction 9 @ign 0 8 = -22          # SIGKILL
call rt_sigaction 13 @ign 0 4 = -22         # bad sigsetsize
call rt_sigprocmask 0 @ign @mask 8 = 0
call rt_sigprocmask 0 0 @mask 8 = 0
ld 0 @mask
check 0 1
call getpid -> 1
call kill %1 0 = 0
call kill %1 17 = 0                         # SIGCHLD: ignored by default
EOF
sysprog kill_self 143 <<'EOF'
call getpid -> 0
call kill %0 15
exit 1
EOF
# a signal sent to itself while blocked waits; unblocking delivers it
sysprog kill_blocked 143 <<'EOF'
quad set 0x4000                             # SIGTERM (15): bit 14
data msg "pending\n"
call getpid -> 0
call rt_sigprocmask 0 @set 0 8 = 0          # SIG_BLOCK
call kill %0 15 = 0                         # pending: the program goes on
call write 1 @msg 8 = 8
call rt_sigprocmask 1 @set 0 8 = 0          # SIG_UNBLOCK: terminated here
exit 1
EOF
expect_eq "kill while blocked: the program ran on until unblocking" "pending" "$OUT"
# ... unless it is ignored meanwhile (SIG_IGN discards a pending signal)
sysprog kill_blocked_ignored <<'EOF'
quad set 0x4000
quad ign 1, 0, 0
call getpid -> 0
call rt_sigprocmask 0 @set 0 8 = 0
call kill %0 15 = 0
call rt_sigaction 15 @ign 0 8 = 0
call rt_sigprocmask 1 @set 0 8 = 0
EOF
sysprog epipe <<'EOF'
quad ign 1, 0, 0
buf fds 8
data x "x"
call rt_sigaction 13 @ign 0 8 = 0           # SIGPIPE ignored: write gives EPIPE
call pipe2 @fds 0 = 0
ld32 0 @fds
ld32 1 @fds+4
call close %0 = 0
call write %1 @x 1 = -32
EOF

# --- read from stdin: a tiny cat ---
cat > cat.s <<'EOF'
.text
_start:
    lea.i64 s0, ib32(0)(pc)
loop: movi.i64 a0, 0
    mov.i64 a1, s0
    movi.i64.w a2, 64
    movi.i64.w t0, 63
    syscall
    movi.i64 s1, 0
    cmp.ge.i64 s1, a0
    b done
    mov.i64 a2, a0
    movi.i64 a0, 1
    mov.i64 a1, s0
    movi.i64.w t0, 64
    syscall
    j loop
done: movi.i64.w t0, 93
    syscall
.const
    .long buf - _start
.data
buf: .zero 64
EOF
"$MKEXE" -o cat cat.s
seq 1 1000 > nums
run glyph-run ./cat < nums
expect_eq "read: stdin copied to stdout" "$(cat nums)" "$OUT"
expect_eq "read: status 0 at EOF" 0 "$STATUS"

# --- the initial stack: argc, argv, envp, auxv ---
cat > args.s <<'EOF'
# print argv[0..argc-1] then envp[...], one per line
.text
_start:
    load.i64 s0, 0(sp)        # argc
    mov.i64 s1, sp
    addi.i64 s1, 8            # &argv[0]
next: load.i64 s2, 0(s1)
    movi.i64 t0, 0
    cmp.eq.i64 s2, t0
    b endv
    mov.i64 a1, s2
    mov.i64 a2, s2
len: load.u8 t0, 0(a2)
    movi.i64 a0, 0
    cmp.eq.i64 t0, a0
    b have
    addi.i64 a2, 1
    j len
have: sub.i64 a2, a2, a1
    movi.i64 a0, 1
    movi.i64.w t0, 64
    syscall
    movi.i64 a0, 1
nl_l: lea.i64 a1, ib32(0)(pc)
    movi.i64 a2, 1
    movi.i64.w t0, 64
    syscall
    addi.i64 s1, 8
    j next
endv: movi.i64 t0, 0
    cmp.eq.i64 s3, t0         # first NULL ends argv, second ends envp
    b second
    mov.i64 a0, s0
    movi.i64.w t0, 93
    syscall
second: movi.i64 s3, 1
    addi.i64 s1, 8
    j next
.const
    .long nl - nl_l
.rodata
nl: .string "\n"
EOF
"$MKEXE" -o args args.s
run env -i FOO=bar B=2 "$EMU" ./args one "two words" ''
expect_eq "argv and envp reach the program" "./args
one
two words

FOO=bar
B=2" "$OUT"
expect_eq "argc as exit status" 4 "$STATUS"
run env -i "$EMU" -- ./args --strace
expect_eq "options after the program belong to it" "./args
--strace" "$OUT"

cat > auxv.s <<'EOF'
# walk past argv and envp, then look up auxv entries; exit with
# (AT_PAGESZ >> 8) + (AT_ENTRY >> 16) + (AT_PHENT) + (sp & 63)
.text
_start:
    load.i64 s0, 0(sp)
    addi.i64 s0, 2
    slli.i64 s0, 3
    add.i64 s1, sp, s0       # &envp[0]
skip: load.i64 t0, 0(s1)
    addi.i64 s1, 8
    movi.i64 a0, 0
    cmp.ne.i64 t0, a0
    b skip
    movi.i64 s2, 0           # sum
aux: load.i64 t0, 0(s1)      # type
    load.i64 a1, 8(s1)       # value
    addi.i64 s1, 8
    addi.i64 s1, 8
    movi.i64 a0, 0
    cmp.eq.i64 t0, a0
    b done
    movi.i64 a0, 6           # AT_PAGESZ
    cmp.eq.i64 t0, a0
    b pagesz
    movi.i64 a0, 9           # AT_ENTRY
    cmp.eq.i64 t0, a0
    b entry
    movi.i64 a0, 4           # AT_PHENT
    cmp.eq.i64 t0, a0
    b phent
    j aux
pagesz: srli.i64 a1, 8
    add.i64 s2, s2, a1
    j aux
entry: srli.i64 a1, 16
    add.i64 s2, s2, a1
    j aux
phent: add.i64 s2, s2, a1
    j aux
done: mov.i64 a0, sp
    movi.i64.w t0, 63
    and.i64 a0, a0, t0
    add.i64 a0, a0, s2
    movi.i64.w t0, 93
    syscall
.const
    .quad 0
EOF
"$MKEXE" -o auxv auxv.s
run glyph-run ./auxv
expect_eq "auxv: AT_PAGESZ 4096, AT_ENTRY 0x10000, AT_PHENT 56, sp 64-aligned" 73 "$STATUS"
# --- utsname, timespec, timeval, rlimit laid out as asm-generic: the
# program writes the raw structures, checked against the host
sysprog structs <<'EOF'
buf u 390
buf ts 16
buf tv 16
buf rl 16
call uname @u = 0
call clock_gettime 0 @ts = 0                # CLOCK_REALTIME
call gettimeofday @tv 0 = 0
call prlimit64 0 7 0 @rl = 0                # RLIMIT_NOFILE
call write 1 @u 390 = 390
call write 1 @ts 16 = 16
call write 1 @tv 16 = 16
call write 1 @rl 16 = 16
EOF
"$EMU" ./structs > structs.bin
run python3 - structs.bin <<'PY'
import os, resource, struct, sys, time
d = open(sys.argv[1], "rb").read()
u = os.uname()
f = [d[i * 65:(i + 1) * 65].split(b"\0")[0].decode() for i in range(6)]
print("uname:", f[:5] == ["Linux", u.nodename, u.release, u.version, "glyph"])
s, ns = struct.unpack_from("<qq", d, 390)
print("timespec:", abs(s + ns / 1e9 - time.time()) < 60 and 0 <= ns < 10**9)
s, us = struct.unpack_from("<qq", d, 406)
print("timeval:", abs(s + us / 1e6 - time.time()) < 60 and 0 <= us < 10**6)
cur, mx = struct.unpack_from("<QQ", d, 422)
print("rlimit:", (cur, mx) == tuple(x & (2**64 - 1) for x in resource.getrlimit(resource.RLIMIT_NOFILE)))
PY
expect_eq "uname/clock_gettime/gettimeofday/prlimit64: asm-generic layouts" "uname: True
timespec: True
timeval: True
rlimit: True" "$OUT"

# --- the whole initial stack, checked from outside against the Linux
# layout: argc, argv[], NULL, envp[], NULL, auxv pairs; AT_EXECFN names
# the program, AT_RANDOM points at 16 bytes, AT_PHDR at the program
# headers (here a copy, as _mkexe does not load them).  The program
# writes [sp, top of the stack) to stdout; 0xfffff0000 is where
# glyph-run puts the top (16 pages below 2^36).
cat > auxdump.s <<'EOF'
.text
_start:
    mov.i64 a1, sp
    movq.i64 a2, ib64(0)
    sub.i64 a2, a2, a1
    movi.i64 a0, 1
    movi.i64.w t0, 64
    syscall
    movi.i64 a0, 0
    movi.i64.w t0, 93
    syscall
.const
    .quad 0xfffff0000
EOF
"$MKEXE" -o auxdump auxdump.s
env -i A=1 BB=two "$EMU" ./auxdump x yz > stack1.bin; s1=$?
env -i A=1 BB=two "$EMU" ./auxdump x yz > stack2.bin
expect_eq "stack dump: exit status" 0 "$s1"
run python3 - ./auxdump stack1.bin stack2.bin <<'PY'
import os, struct, sys
exe, d1, d2 = sys.argv[1], open(sys.argv[2], "rb").read(), open(sys.argv[3], "rb").read()
TOP = 0xfffff0000
def check(d):
    sp = TOP - len(d)
    q = lambda a: struct.unpack_from("<Q", d, a - sp)[0]
    def cstr(a):
        o = a - sp
        return d[o:d.index(b"\0", o)].decode()
    out = []
    assert sp % 64 == 0, "sp %#x not 64-byte aligned" % sp
    argc = q(sp)
    argv = [cstr(q(sp + 8 + 8 * i)) for i in range(argc)]
    out.append("argv=%s" % argv)
    assert q(sp + 8 + 8 * argc) == 0
    a = sp + 16 + 8 * argc
    env = []
    while q(a):
        env.append(cstr(q(a)))
        a += 8
    out.append("envp=%s" % env)
    a += 8
    aux = {}
    while True:
        t, v = q(a), q(a + 8)
        a += 16
        if t == 0:
            break
        aux[t] = v
    out.append("execfn=%s" % cstr(aux[31]))
    out.append("pagesz=%d phent=%d entry=%#x base=%d" % (aux[6], aux[4], aux[9], aux[7]))
    out.append("ids=%s" % ((aux[11], aux[12], aux[13], aux[14]) == (os.getuid(), os.geteuid(), os.getgid(), os.getegid())))
    f = open(exe, "rb").read()
    phoff, = struct.unpack_from("<Q", f, 32)
    phnum, = struct.unpack_from("<H", f, 56)
    o = aux[3] - sp
    out.append("phnum=%s phdr=%s" % (aux[5] == phnum, d[o:o + 56 * phnum] == f[phoff:phoff + 56 * phnum]))
    o = aux[25] - sp
    rnd = d[o:o + 16]
    assert len(rnd) == 16 and rnd != bytes(16)
    return out, rnd
o1, r1 = check(d1)
o2, r2 = check(d2)
print("\n".join(o1))
print("random differs between runs: %s" % (r1 != r2))
PY
expect_eq "initial stack: argv, envp, auxv (AT_EXECFN, AT_PHDR, AT_RANDOM)" "argv=['./auxdump', 'x', 'yz']
envp=['A=1', 'BB=two']
execfn=./auxdump
pagesz=4096 phent=56 entry=0x10000 base=0
ids=True
phnum=True phdr=True
random differs between runs: True" "$OUT"

# --- struct stat, field by field against the host's view of the file
printf '%05000d' 0 > statme
touch -d '2001-02-03 04:05:06.123456789' statme
sysprog statdump <<'EOF'
data name "statme"
buf st 128
call newfstatat -100 @name @st 0 = 0
call write 1 @st 128 = 128
EOF
"$EMU" ./statdump > st.bin
run python3 - statme st.bin <<'PY'
import os, struct, sys
st = os.stat(sys.argv[1])
g = open(sys.argv[2], "rb").read()
# asm-generic struct stat (riscv64): offsets written out by hand
f = dict(dev=(0, "Q"), ino=(8, "Q"), mode=(16, "I"), nlink=(20, "I"), uid=(24, "I"),
         gid=(28, "I"), rdev=(32, "Q"), pad1=(40, "Q"), size=(48, "q"), blksize=(56, "i"),
         pad2=(60, "i"), blocks=(64, "q"), atime=(72, "q"), atime_ns=(80, "Q"),
         mtime=(88, "q"), mtime_ns=(96, "Q"), ctime=(104, "q"), ctime_ns=(112, "Q"),
         unused=(120, "Q"))
v = {k: struct.unpack_from("<" + t, g, o)[0] for k, (o, t) in f.items()}
want = dict(dev=st.st_dev, ino=st.st_ino, mode=st.st_mode, nlink=st.st_nlink, uid=st.st_uid,
            gid=st.st_gid, rdev=st.st_rdev, pad1=0, size=st.st_size, blksize=st.st_blksize,
            pad2=0, blocks=st.st_blocks, atime=st.st_atime_ns // 10**9,
            atime_ns=st.st_atime_ns % 10**9, mtime=st.st_mtime_ns // 10**9,
            mtime_ns=st.st_mtime_ns % 10**9, ctime=st.st_ctime_ns // 10**9,
            ctime_ns=st.st_ctime_ns % 10**9, unused=0)
bad = [k for k in f if v[k] != want[k]]
print("len=%d bad=%s size=%d mtime=%d.%09d" % (len(g), bad, v["size"], v["mtime"], v["mtime_ns"]))
PY
expect_eq "newfstatat: every struct stat field at its asm-generic offset" "len=128 bad=[] size=5000 mtime=981173106.123456789" "$OUT"

# --- pointers that straddle the end of a mapping: -EFAULT, nothing done.
# .data holds only b (4096 bytes at a page boundary); the page after it
# is unmapped.  ab.txt holds "AAAA" for a path without a NUL.
printf AAAA > ab.txt
sysprog straddle <<'EOF'
data null "/dev/null"
data ab "ab.txt"
data dot "."
buf b 4096
call openat -100 @null 1 = pos -> 0
call write %0 @b+4088 8 = 8
call write %0 @b+4088 9 = -14               # one byte past the end
call openat -100 @ab 0 = pos -> 1
call read %1 @b+4092 5 = -14
call read %1 @b+4092 4 = 4                  # nothing was consumed by the failed read
call openat -100 @b+4092 0 = -14            # "AAAA" runs off the mapping: no NUL
call fstat %0 @b+3969 = -14                 # 128-byte struct stat
call fstat %0 @b+3968 = 0
call clock_gettime 1 @b+4081 = -14          # 16-byte timespec
call uname @b+3707 = -14                    # 390-byte utsname
call uname @b+3706 = 0
call pipe2 @b+4092 0 = -14                  # two ints
call writev %0 @b+4081 1 = -14              # the iovec array itself
call prlimit64 0 7 0 @b+4081 = -14          # 16-byte rlimit
call openat -100 @dot 0x10000 = pos -> 2     # O_DIRECTORY
call getdents64 %2 @b+4000 97 = -14         # the whole buffer is checked, as qemu does
call getrandom @b+4090 7 0 = -14
call getcwd @b+4090 4096 = -14
EOF

# a path of PATH_MAX bytes without a NUL: -ENAMETOOLONG, as on Linux
python3 -c 'print("a" * 5000, end="")' > long.txt
sysprog longpath <<'EOF'
data f "long.txt"
buf b 8192
call openat -100 @f 0 = pos -> 0
call read %0 @b 5000 = 5000
call openat -100 @b 0 = -36
call renameat -100 @b -100 @b = -36
EOF

# --- brk: grow, shrink (the pages go away), grow again (fresh zero
# pages); a request below the start changes nothing.  No data segment:
# the break starts at 0x12000.
cat > brkshrink.s <<'EOF'
.text
_start:
    movi.i64 a0, 0
    movi.i64.w t0, 214
    syscall
    mov.i64 s0, a0
    movq.i64 a0, ib64(0)
    add.i64 a0, a0, s0
    movi.i64.w t0, 214
    syscall
    mov.i64 s1, a0
    movi.i64 a1, 5
    store.i64.x a1, -8(s1)
    mov.i64 a0, s0
    movi.i64.w t0, 214
    syscall
    mov.i64 s2, a0
    movi.i64 a0, 1
    movi.i64.w t0, 214
    syscall
    mov.i64 s3, a0
    mov.i64 a0, s1
    movi.i64.w t0, 214
    syscall
    load.i64.x s4, -8(s1)
    mov.i64 a0, s0
    movi.i64.w t0, 214
    syscall
    load.i64.x s5, -8(s1)
.const
    .quad 0x3000
EOF
"$MKEXE" -o brkshrink brkshrink.s && run glyph-run --dump-regs ./brkshrink
expect_eq "brk shrink: the freed page faults" 139 "$STATUS"
expect_match "brk shrink: report" 'segmentation fault: load from unmapped address 0x14ff8 at pc=0x1005a ib=0x11000$' "$ERR"
expect_eq "brk: start, grown, shrunk, below start, regrown page is zero" "r1=0x0000000000012000
r2=0x0000000000015000
r3=0x0000000000012000
r32=0x0000000000012000
r33=0x0000000000000000" "$(printf '%s\n' "$ERR" | grep -E '^r(1|2|3|32|33)=')"

# --- cached blocks die with their pages: code at 0x12000 runs once (its
# block is cached), then mprotect/munmap/mmap change the page and the
# second call must fault instead of running the stale block.
for v in "mprotect 226 1 non-executable" "munmap 215 0 unmapped" "mmap 222 3 non-executable"; do
    set -- $v
    cat > inv_$1.s <<EOF
.text
_start:
c1: jal.i64 ra, ib64(0)
    movq.i64 a0, ib64(2)
    movq.i64 a1, ib64(3)
    movi.i64 a2, $3
    movi.i64 a3, 0x32
    movi.i64 a4, -1
    movi.i64 a5, 0
    movi.i64.w t0, $2
    syscall
c2: jal.i64 ra, ib64(1)
    movi.i64 a0, 0
    movi.i64.w t0, 93
    syscall
.const
    .lanes f - c1, 0
    .lanes f - c2, 0
    .quad 0x12000
    .quad 4096
    .lanes f - r1 + 2, 0
.seg fcode rx
f:  movi.i64 s1, 7
r1: jtl.i64 ra, ib64(4)
EOF
    "$MKEXE" -o inv_$1 inv_$1.s && run glyph-run ./inv_$1
    expect_eq "$1 over cached code: status" 139 "$STATUS"
    expect_match "$1 over cached code: the new page state counts" "fetch from $4 address 0x12000 at pc=0x12000 ib=0x11000\$" "$ERR"
done

# futex on the host's futexes (one thread: the results of waits that
# time out or do not start, wakes of nobody, requeues, WAKE_OP writing
# the second word), pointer and argument checks, tids
sysprog futex <<'EOF'
quad word 5
quad word2 0
quad ts10 0, 10000000
quad tsbad 0, 1000000000
quad past 1, 0
call futex @word 128 4 0 0 0 = -11          # WAIT_PRIVATE, *word != 4: EAGAIN
call futex @word 128 5 @ts10 0 0 = -110     # 10 ms, relative: ETIMEDOUT
call futex @word 0 5 @ts10 0 0 = -110       # shared
call futex @word 128 5 @tsbad 0 0 = -22     # tv_nsec out of range
call futex @word 128 5 0x7f000000 0 0 = -14 # timeout unreadable
call futex @word 137 5 @past 0 -1 = -110    # WAIT_BITSET: absolute, long past
call futex @word 393 5 @past 0 -1 = -110    # ... on CLOCK_REALTIME
call futex @word 137 5 @past 0 0 = -22      # empty bitset
call futex @word 129 1 0 0 0 = 0            # WAKE: nobody waits
call futex @word 138 1 0 0 -1 = 0           # WAKE_BITSET
call futex @word 131 1 1 @word2 0 = 0       # REQUEUE
call futex @word 132 1 1 @word2 4 = -11     # CMP_REQUEUE, *word != 4
call futex @word 132 1 1 @word2 5 = 0
call futex @word 133 1 1 @word2 0x7000 = 0  # WAKE_OP: *word2 = 7
ld32 1 @word2
check 1 7
call futex @word+2 129 1 0 0 0 = -22        # unaligned
call futex 0x7f000000 129 1 0 0 0 = -14     # unmapped
call futex @word 132 1 1 0x7f000000 5 = -14 # uaddr2 unmapped
call futex @word 134 5 0 0 0 = -38          # FUTEX_LOCK_PI_PRIVATE: not here
call gettid -> 2
call set_tid_address @word2 = %2
call clone 0x211 0 0 0 0 = -22              # a new process, not a thread
EOF
expect_match "strace: futex op decoded, its arguments" '^futex\(0x[0-9a-f]+, FUTEX_WAIT_PRIVATE, 4, NULL\) = -1 EAGAIN ' "$ERR"
expect_match "strace: WAIT_BITSET with CLOCK_REALTIME, the bitset" '^futex\(0x[0-9a-f]+, FUTEX_WAIT_BITSET_PRIVATE\|FUTEX_CLOCK_REALTIME, 5, 0x[0-9a-f]+, NULL, 0xffffffffffffffff\) = -1 ETIMEDOUT ' "$ERR"
expect_match "strace: CMP_REQUEUE's counts, second word and value" '^futex\(0x[0-9a-f]+, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1, 0x[0-9a-f]+, 5\) = 0$' "$ERR"
expect_match "strace: WAKE shows three arguments" '^futex\(0x[0-9a-f]+, FUTEX_WAKE_PRIVATE, 1\) = 0$' "$ERR"
expect_match "strace: clone flags and the exit signal" '^clone\(CLONE_FS\|SIGCHLD, NULL, NULL, NULL, NULL\) = -1 EINVAL ' "$ERR"
expect_match "strace: set_tid_address" '^set_tid_address\(0x[0-9a-f]+\) = [0-9]+$' "$ERR"

# mremap: a move onto another mapping (MAYMOVE|FIXED) keeps the
# contents and unmaps the old page; shrink and grow in place; errors
sysprog mremap <<'EOF'
buf pp 8
data hi "hello"
call mmap 0 4096 3 0x22 -1 0 = pos -> 0
call mmap 0 8192 3 0x22 -1 0 = pos -> 1
call pipe2 @pp 0 = 0
ld32 2 @pp
ld32 3 @pp+4
call write %3 @hi 5 = 5
call read %2 %0 5 = 5
call mremap %0 4096 8192 3 %1 = %1          # MAYMOVE|FIXED: onto the second mapping
call write 1 %1 5 = 5                       # the contents came along
call write 1 %0 5 = -14                     # the old page is gone
call mremap %1 8192 4096 0 0 = %1           # shrink in place
call mremap %1 4096 8192 0 0 = %1           # grow in place: the page after is free
call write 1 %1 5 = 5
call mremap %1 4096 4096 2 0 = -22          # FIXED without MAYMOVE
call mremap %1 4096 4096 4 0 = -22          # MREMAP_DONTUNMAP: not offered
call mremap %0 4096 4096 0 0 = -14          # not mapped
call mremap %1 0 4096 1 0 = -22             # old_size 0
call munmap %1 8192 = 0
EOF
expect_eq "mremap: contents moved, kept when resized in place" "hellohello" "$OUT"
expect_match "strace: mremap" '^mremap\(0x[0-9a-f]+, 4096, 8192, 0x3, 0x[0-9a-f]+\) = [0-9]+$' "$ERR"

# clone3: a fork (exit_signal SIGCHLD) whose child exits; the parent
# reaps it (the child's own wait4 is ECHILD); bad clone_args
sysprog clone3 <<'EOF'
quad ca 0, 0, 0, 0, 17, 0, 0, 0, 0, 0, 0, 1
quad bad 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
buf st 8
call clone3 @bad 32 = -22                   # shorter than CLONE_ARGS_SIZE_VER0
call clone3 @bad 64 = -22                   # a signal in flags
call clone3 @ca 96 = -7                     # E2BIG: an unknown field is not zero
call clone3 @ca 64 -> 0
call wait4 -1 @st 0 0
ld32 1 @st
check 1 0                                   # the child's exit(0)
EOF
c3=$(printf '%s\n' "$ERR" | sed -n 's/^clone3(0x[0-9a-f]*, 64) = \([0-9]*\)$/\1/p' | sort -n | tr '\n' ' ')
w4=$(printf '%s\n' "$ERR" | sed -n 's/^wait4(-1, .*) = \([0-9]*\)$/\1/p')
expect_match "clone3: 0 in the child, its pid in the parent" "^0 [1-9][0-9]* $" "$c3"
expect_eq "clone3: the parent's wait4 reaps that child" "${c3#0 }" "$w4 "
expect_match "clone3: the child's wait4 finds no child" '^wait4\(-1, .*\) = -1 ECHILD' "$ERR"
finish
