# files.sh - runtime/syscalls.s: files, directories, descriptors, pipes,
# clocks, randomness, identity and memory protection wrappers.
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/files.s"
run glyph-run ./prog
expect_eq "exit status" 0 "$STATUS"
expect_eq "output" "mkdir 0
chdir 0
getcwd-tail [/d]
openat-ok 1
write 4
rename 0
old-name-errno 2
pwrite 2
pread [dXYa]
ftruncate 0
size-after 2
fcntl-getfd 0
ioctl-notty-errno 25
dup-new-fd 1
dup3 20
pipe2 0
pipe-write 4
pipe-read 4
unlinkat 0
rmdir 0
clock_gettime 0
time-after-2020 1
gettimeofday 0
nanosleep 0
getrandom 16
uname-sysname [Linux]
getppid-positive 1
getuid-nonneg 1
mprotect 0
munmap 0" "$OUT"
expect_no_file "directory removed" d
finish
