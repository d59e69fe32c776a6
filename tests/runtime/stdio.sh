# stdio.sh - FILE streams (tests/runtime/stdio.s): what reaches stdout and
# stderr, and how many write system calls it takes (glyph-run --strace):
# stdout fully buffered on files and pipes, line buffered on a terminal
# (and flushed before reading stdin there), stderr unbuffered, setvbuf's
# three modes, output flushed by exit() and by returning from main but not
# by _exit; fopen modes, fgets boundaries, ungetc, EOF/error flags, EBADF,
# /dev/full, a short write to a full pipe, fread/fwrite elements; EINTR
# fails fgetc, fgets and fflush with the error flag set (as glibc's do).
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/stdio.s"
writes() { grep -c "write($1," "$2"; }

glyph-run --strace ./prog out >out.txt 2>trace.txt
expect_eq "printf, puts, putchar, fputs, fwrite" "a 1
b
c
d
e" "$(cat out.txt)"
expect_eq "stdout to a file: one write" 1 "$(writes 1 trace.txt)"
glyph-run --strace ./prog out 2>trace.txt | cat >/dev/null
expect_eq "stdout to a pipe: one write" 1 "$(writes 1 trace.txt)"

glyph-run --strace ./prog err >out.txt 2>trace.txt
expect_eq "stderr: one write per call" 4 "$(writes 2 trace.txt)"
run sh -c "glyph-run ./prog err 2>&1"
expect_eq "stderr at once, stdout at exit" "e1
e2
e3
!o1" "$OUT"

for m in full:2 line:4 none:7; do
    glyph-run --strace ./prog vbuf "${m%:*}" >out.txt 2>trace.txt
    expect_eq "setvbuf ${m%:*}, 16 bytes: writes" "${m#*:}" "$(writes 1 trace.txt)"
    expect_eq "setvbuf ${m%:*}: output" "setvbuf 0
abc
abc
abc" "$(cat out.txt)"
done

run python3 "$TESTS/_on_tty.py" glyph-run --strace ./prog out
expect_eq "terminal: exit status" 0 "$STATUS"
expect_eq "terminal: one write per line" 5 "$(printf '%s\n' "$OUT" | grep -c '^write(1,')"
run python3 "$TESTS/_on_tty.py" glyph-run --strace ./prog prompt
expect_eq "terminal: the prompt is written before stdin is read" \
    'write(1, "name? ", 6) = 6
read(0, "bob\n", 4096) = 4
write(1, "hello bob\n", 10) = 10' "$(printf '%s\n' "$OUT" | grep -E '^(write|read)\(')"
expect_eq "terminal: output" "tty: name? hello bob" "$(printf '%s\n' "$OUT" | grep '^tty:')"
echo bob >bob.txt
glyph-run --strace ./prog prompt <bob.txt >out.txt 2>trace.txt
expect_eq "file: prompt and answer in one write after the read" \
    'read(0, "bob\n", 4096) = 4
write(1, "name? hello bob\n", 16) = 16' "$(grep -E '^(write|read)\(' trace.txt)"

run sh -c "glyph-run ./prog exit | cat"
expect_eq "exit() flushes" "pending" "$OUT"
run glyph-run ./prog exit
expect_eq "exit status 3" 3 "$STATUS"
run sh -c "glyph-run ./prog return | cat; exit \$(glyph-run ./prog return >/dev/null; echo \$?)"
expect_eq "return from main flushes" "pending" "$OUT"
expect_eq "return status 4" 4 "$STATUS"
run sh -c "glyph-run ./prog _exit | cat"
expect_eq "_exit does not flush" "" "$OUT"

head -c 100000 /dev/urandom >rand.bin
glyph-run --strace ./prog cat <rand.bin >copy.bin 2>trace.txt
check "fgetc/fputc copy 100000 bytes" cmp rand.bin copy.bin
expect_eq "in 4096-byte reads" 26 "$(grep -c '^read(0,' trace.txt)"
expect_eq "and 4096-byte writes" 25 "$(writes 1 trace.txt)"

run glyph-run ./prog files
expect_eq "files: exit status" 0 "$STATUS"
expect_eq "files" "fopen-w 1
fputs 0
fprintf 5
fclose-w 0
fclose-a 0
[hello
]
[42-x
]
[world
]
fgets-null 0
feof 1
ferror 0
feof-cleared 0
fileno>=3 1
[HEllo
]
fopen-missing 0
errno-missing 2
fopen-mode-z 0
errno-mode-z 22
fopen-wx-existing 0
errno-wx 17
[]
[abc]
[
]
[defg]
[hij
]
[
]
[xyz]
fgets-null 0
fgets-null 0
fgetc 97
ungetc-X 88
fgetc-X 88
getc 98
ungetc-EOF -1
ungetc-second -1
fread-rest 15
feof-end 1
ungetc-Z 90
feof-after-ungetc 0
fgetc-Z 90
fgetc-EOF -1
fputc-on-r -1
ferror-r 1
errno-r 9
fgetc-on-w -1
ferror-w 1
errno-w 9
fputs-full 0
fflush-full -1
errno-full 28
ferror-full 1
fclose-full -1
fwrite-pipe 65536
ferror-pipe 1
errno-pipe 11
fwrite-elements 1000
fread-999 999
fread-3x10 2
feof-bin 1
memcmp-bin 0
fdopen-99 0
errno-fdopen 9
setvbuf-bad -1
errno-setvbuf 22" "$OUT"
expect_eq "files: the appended file" "HEllo
42-x
world" "$(cat t.txt)"
run glyph-run ./prog eintr
expect_eq "eintr: exit status" 0 "$STATUS"
expect_eq "EINTR is an error of the call, not retried (glibc's results but fputs' 1)" "eintr-fgetc -1
errno-fgetc 4
ferror-fgetc 1
feof-fgetc 0
fgetc-after 97
eintr-fgets 0
errno-fgets 4
ferror-fgets 1
fputs-buffered 0
eintr-fflush -1
errno-fflush 4
ferror-fflush 1" "$OUT"
finish
