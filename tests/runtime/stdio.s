# stdio.s - FILE streams (runtime/stdio.s); stdio.sh runs each mode and
# checks the output, the exit status and, through glyph-run --strace, the
# write system calls buffering makes.
#   out        printf, puts, putchar, fputs, fwrite on stdout
#   err        stderr (unbuffered) and stdout (buffered) mixed
#   vbuf M     setvbuf(stdout, 16-byte buffer, M = full|line|none), 3 lines
#   prompt     a prompt without a newline, then fgets(stdin)
#   exit       printf without a newline, then exit(3)
#   return     the same, returning 4 from main
#   _exit      the same through _exit(5): the output is lost
#   cat        stdin to stdout with fgetc/fputc
#   files      fopen modes, fgets boundaries, ungetc, EOF and error flags,
#              EBADF, /dev/full, a full non-blocking pipe, fread/fwrite
#              elements, fdopen, setvbuf errors: one "name value" a line
#   eintr      SIGALRM without SA_RESTART interrupts fgetc, fgets and
#              fflush blocked on pipes: each fails with EINTR and sets the
#              error flag, as C's stdio does (the handler unblocks the pipes
#              after 20 signals, so a stream that retried would go on)

    .bss
    .balign     64
buf:
    .zero       256
vbuf:
    .zero       16
big:
    .zero       100000
big2:
    .zero       100000
fds:
    .zero       8
rfds:                                   # eintr: the pipe read through a stream
    .zero       8
wfds:                                   # eintr: the pipe written through one
    .zero       8
alrms:                                  # eintr: SIGALRMs handled
    .zero       8

    .data
    .balign     8
alrm_act:
    .quad       on_alrm_d, 0, 0         # handler, flags (no SA_RESTART), mask
on_alrm_d:
    .quad       on_alrm, on_alrm.const
itv_on:
    .quad       0, 50000, 0, 50000      # every 50 ms
itv_off:
    .quad       0, 0, 0, 0

    .section    .rodata
fmt_rep:
    .string     "%s %ld\n"
fmt_br:
    .string     "[%s]\n"
fmt_a:
    .string     "a %d\n"
fmt_e3:
    .string     "e%d\n"
fmt_pf:
    .string     "%d-%s\n"
fmt_hi:
    .string     "hello %s"
s_name:
    .string     "name? "
s_b:
    .string     "b"
s_d:
    .string     "d\n"
s_e:
    .string     "e\n"
s_x:
    .string     "x"
s_ab:
    .string     "ab"
s_cnl:
    .string     "c\n"
s_e1:
    .string     "e1\n"
s_e2:
    .string     "e2\n"
s_o1:
    .string     "o1\n"
s_pend:
    .string     "pending"
s_w:
    .string     "w"
s_r:
    .string     "r"
s_a:
    .string     "a"
s_rp:
    .string     "r+"
s_z:
    .string     "z"
s_wx:
    .string     "wx"
s_t:
    .string     "t.txt"
s_bt:
    .string     "b.txt"
s_ct:
    .string     "c.txt"
s_db:
    .string     "d.bin"
s_nope:
    .string     "nope/x"
s_full:
    .string     "/dev/full"
s_hello:
    .string     "hello\n"
s_world:
    .string     "world\n"
s_HE:
    .string     "HE"
s_data:
    .string     "data"
s_bfile:
    .string     "abc\ndefghij\n\nxyz"
m_out:
    .string     "out"
m_err:
    .string     "err"
m_vbuf:
    .string     "vbuf"
m_prompt:
    .string     "prompt"
m_exit:
    .string     "exit"
m_return:
    .string     "return"
m__exit:
    .string     "_exit"
m_cat:
    .string     "cat"
m_files:
    .string     "files"
m_full:
    .string     "full"
m_line:
    .string     "line"
m_eintr:
    .string     "eintr"
s_zn:
    .string     "z\n"

    .text
# rep "name": print "name <a0>"
    .macro      rep text
    .pushsection .rodata
.Ls\@:
    .string     \text
    .popsection
    mov.i64     a1, a0
    la          a0, .Ls\@
    call        report
    .endm
# erep "name": print "name <errno>"
    .macro      erep text
    la          t1, errno
    load.i32    a0, 0(t1)
    rep         \text
    .endm
# brep "name": print "name 1" when a0 is not 0 (a pointer), else "name 0"
    .macro      brep text
    movi.i64    t1, 0
    cmp.ne.i64  a0, t1
    movi.i64    a0, 0
    movi.i64    t2, 1
    cmov.i64    a0, t2
    rep         \text
    .endm
# fgets_br N: fgets(buf, N, s0), then "[buf]" or "fgets-null 0"
    .macro      fgets_br n
    la          a0, buf
    li          a1, \n
    mov.i64     a2, s0
    call        fgets
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           .Ln\@
    mov.i64     a1, a0
    la          a0, fmt_br
    call        printf
    j           .Le\@
.Ln\@:
    rep         "fgets-null"
.Le\@:
    .endm
# open_s0 name, mode: s0 = fopen(name, mode)
    .macro      open_s0 name, mode
    la          a0, \name
    la          a1, \mode
    call        fopen
    mov.i64     s0, a0
    .endm

# report(name, value)
    .type       report, @function
report:
    mov.i64     a2, a1
    mov.i64     a1, a0
    la          a0, fmt_rep
    tail        printf
    .size       report, .-report

# stdout(): a0 = stdout (a macro-free helper)
    .type       get_stdout, @function
get_stdout:
    la          t1, stdout
    load.i64    a0, 0(t1)
    ret
    .size       get_stdout, .-get_stdout

    .type       get_stderr, @function
get_stderr:
    la          t1, stderr
    load.i64    a0, 0(t1)
    ret
    .size       get_stderr, .-get_stderr

# fputs_out(s): fputs(s, stdout)
    .type       fputs_out, @function
fputs_out:
    la          t1, stdout
    load.i64    a1, 0(t1)
    tail        fputs
    .size       fputs_out, .-fputs_out

    .type       fputs_err, @function
fputs_err:
    la          t1, stderr
    load.i64    a1, 0(t1)
    tail        fputs
    .size       fputs_err, .-fputs_err

    .type       mode_out, @function
mode_out:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          a0, fmt_a
    li          a1, 1
    call        printf
    la          a0, s_b
    call        puts
    li          a0, 'c'
    call        putchar
    li          a0, '\n'
    call        putchar
    la          a0, s_d
    call        fputs_out
    call        get_stdout
    mov.i64     a3, a0
    la          a0, s_e
    movi.i64    a1, 1
    movi.i64    a2, 2
    call        fwrite
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       mode_out, .-mode_out

    .type       mode_err, @function
mode_err:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          a0, s_o1
    call        fputs_out
    la          a0, s_e1
    call        fputs_err
    la          a0, s_e2
    call        fputs_err
    call        get_stderr
    la          a1, fmt_e3
    li          a2, 3
    call        fprintf
    li          a0, '!'
    call        get_stderr
    mov.i64     a1, a0
    li          a0, '!'
    call        fputc
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       mode_err, .-mode_err

# mode_vbuf(argv[2]): the mode, then "ab" "c\n" three times
    .type       mode_vbuf, @function
mode_vbuf:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s0, a0
    movi.i64    s1, 2                   # _IONBF unless full or line
    la          a1, m_full
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    movi.i64    t2, 0
    cmov.i64    s1, t2
    mov.i64     a0, s0
    la          a1, m_line
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    movi.i64    t2, 1
    cmov.i64    s1, t2
    call        get_stdout
    la          a1, vbuf
    mov.i64     a2, s1
    li          a3, 16
    call        setvbuf
    rep         "setvbuf"
    movi.i64    s0, 3
1:  la          a0, s_ab
    call        fputs_out
    la          a0, s_cnl
    call        fputs_out
    addi.i64    s0, -1
    movi.i64    t1, 0
    cmp.ne.i64  s0, t1
    b           1b
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
    .size       mode_vbuf, .-mode_vbuf

    .type       mode_prompt, @function
mode_prompt:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          a0, s_name
    call        printf
    la          t1, stdin
    load.i64    a2, 0(t1)
    la          a0, buf
    li          a1, 64
    call        fgets
    la          a0, fmt_hi
    la          a1, buf
    call        printf
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       mode_prompt, .-mode_prompt

    .type       mode_cat, @function
mode_cat:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
1:  la          t1, stdin
    load.i64    a0, 0(t1)
    call        fgetc
    li          t1, -1
    cmp.eq.i64  a0, t1
    b           2f
    la          t1, stdout
    load.i64    a1, 0(t1)
    call        fputc
    j           1b
2:  load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       mode_cat, .-mode_cat

# s0 the stream under test
    .type       mode_files, @function
mode_files:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    # "w", then fputs and fprintf, fclose
    open_s0     s_t, s_w
    brep        "fopen-w"
    la          a0, s_hello
    mov.i64     a1, s0
    call        fputs
    rep         "fputs"
    mov.i64     a0, s0
    la          a1, fmt_pf
    li          a2, 42
    la          a3, s_x
    call        fprintf
    rep         "fprintf"
    mov.i64     a0, s0
    call        fclose
    rep         "fclose-w"
    # "a" appends
    open_s0     s_t, s_a
    la          a0, s_world
    mov.i64     a1, s0
    call        fputs
    mov.i64     a0, s0
    call        fclose
    rep         "fclose-a"
    # "r": the three lines, then EOF
    open_s0     s_t, s_r
    fgets_br    64
    fgets_br    64
    fgets_br    64
    fgets_br    64
    mov.i64     a0, s0
    call        feof
    rep         "feof"
    mov.i64     a0, s0
    call        ferror
    rep         "ferror"
    mov.i64     a0, s0
    call        clearerr
    mov.i64     a0, s0
    call        feof
    rep         "feof-cleared"
    mov.i64     a0, s0
    call        fileno
    li          t1, 3
    cmp.ge.i64  a0, t1
    movi.i64    a0, 0
    movi.i64    t2, 1
    cmov.i64    a0, t2
    rep         "fileno>=3"
    mov.i64     a0, s0
    call        fclose
    # "r+" writes over the start
    open_s0     s_t, s_rp
    la          a0, s_HE
    mov.i64     a1, s0
    call        fputs
    mov.i64     a0, s0
    call        fclose
    open_s0     s_t, s_r
    fgets_br    64
    mov.i64     a0, s0
    call        fclose
    # failures
    open_s0     s_nope, s_r
    brep        "fopen-missing"
    erep        "errno-missing"
    open_s0     s_t, s_z
    brep        "fopen-mode-z"
    erep        "errno-mode-z"
    open_s0     s_t, s_wx
    brep        "fopen-wx-existing"
    erep        "errno-wx"
    # fgets boundaries on "abc\ndefghij\n\nxyz"
    open_s0     s_bt, s_w
    la          a0, s_bfile
    mov.i64     a1, s0
    call        fputs
    mov.i64     a0, s0
    call        fclose
    open_s0     s_bt, s_r
    fgets_br    1
    fgets_br    4
    fgets_br    4
    fgets_br    5
    fgets_br    64
    fgets_br    64
    fgets_br    64
    fgets_br    64
    fgets_br    0
    mov.i64     a0, s0
    call        fclose
    # ungetc
    open_s0     s_bt, s_r
    mov.i64     a0, s0
    call        fgetc
    rep         "fgetc"
    li          a0, 'X'
    mov.i64     a1, s0
    call        ungetc
    rep         "ungetc-X"
    mov.i64     a0, s0
    call        fgetc
    rep         "fgetc-X"
    mov.i64     a0, s0
    call        getc
    rep         "getc"
    li          a0, -1
    mov.i64     a1, s0
    call        ungetc
    rep         "ungetc-EOF"
    li          a0, '1'
    mov.i64     a1, s0
    call        ungetc
    li          a0, '2'
    mov.i64     a1, s0
    call        ungetc
    rep         "ungetc-second"
    la          a0, buf
    movi.i64    a1, 1
    li          a2, 100
    mov.i64     a3, s0
    call        fread
    rep         "fread-rest"
    mov.i64     a0, s0
    call        feof
    rep         "feof-end"
    li          a0, 'Z'
    mov.i64     a1, s0
    call        ungetc
    rep         "ungetc-Z"
    mov.i64     a0, s0
    call        feof
    rep         "feof-after-ungetc"
    mov.i64     a0, s0
    call        fgetc
    rep         "fgetc-Z"
    mov.i64     a0, s0
    call        fgetc
    rep         "fgetc-EOF"
    mov.i64     a0, s0
    call        fclose
    # EBADF: writing a read stream, reading a write stream
    open_s0     s_bt, s_r
    li          a0, 'x'
    mov.i64     a1, s0
    call        fputc
    rep         "fputc-on-r"
    mov.i64     a0, s0
    call        ferror
    rep         "ferror-r"
    erep        "errno-r"
    mov.i64     a0, s0
    call        fclose
    open_s0     s_ct, s_w
    mov.i64     a0, s0
    call        fgetc
    rep         "fgetc-on-w"
    mov.i64     a0, s0
    call        ferror
    rep         "ferror-w"
    erep        "errno-w"
    mov.i64     a0, s0
    call        fclose
    # /dev/full: the error shows at the flush, and at fclose
    open_s0     s_full, s_w
    la          a0, s_data
    mov.i64     a1, s0
    call        fputs
    rep         "fputs-full"
    mov.i64     a0, s0
    call        fflush
    rep         "fflush-full"
    erep        "errno-full"
    mov.i64     a0, s0
    call        ferror
    rep         "ferror-full"
    la          a0, s_data
    mov.i64     a1, s0
    call        fputs
    mov.i64     a0, s0
    call        fclose
    rep         "fclose-full"
    # a full non-blocking pipe: a short fwrite
    la          a0, fds
    li          a1, 04000               # O_NONBLOCK
    call        pipe2
    la          t1, fds
    load.i32    a0, 4(t1)
    la          a1, s_w
    call        fdopen
    mov.i64     s0, a0
    la          a0, big
    movi.i64    a1, 1
    li          a2, 100000
    mov.i64     a3, s0
    call        fwrite
    rep         "fwrite-pipe"
    mov.i64     a0, s0
    call        ferror
    rep         "ferror-pipe"
    erep        "errno-pipe"
    mov.i64     a0, s0
    call        fclose
    # elements: 1000 longs out, 999 + 2 three-byte elements back
    la          t1, big
    movi.i64    t2, 0
    li          t3, 1000
1:  store.i64   t2, 0(t1)
    addi.i64    t1, 8
    addi.i64    t2, 1
    cmp.ne.i64  t2, t3
    b           1b
    open_s0     s_db, s_w
    la          a0, big
    movi.i64    a1, 8
    li          a2, 1000
    mov.i64     a3, s0
    call        fwrite
    rep         "fwrite-elements"
    mov.i64     a0, s0
    call        fclose
    open_s0     s_db, s_r
    la          a0, big2
    movi.i64    a1, 8
    li          a2, 999
    mov.i64     a3, s0
    call        fread
    rep         "fread-999"
    la          a0, big2
    li          a1, 7992
    add.i64     a0, a0, a1
    movi.i64    a1, 3
    li          a2, 10
    mov.i64     a3, s0
    call        fread
    rep         "fread-3x10"
    mov.i64     a0, s0
    call        feof
    rep         "feof-bin"
    la          a0, big
    la          a1, big2
    li          a2, 8000
    call        memcmp
    rep         "memcmp-bin"
    mov.i64     a0, s0
    call        fclose
    # fdopen of a closed fd, setvbuf with a bad mode
    li          a0, 99
    la          a1, s_r
    call        fdopen
    brep        "fdopen-99"
    erep        "errno-fdopen"
    call        get_stdout
    movi.i64    a1, 0
    li          a2, 7
    movi.i64    a3, 0
    call        setvbuf
    rep         "setvbuf-bad"
    erep        "errno-setvbuf"
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
    .size       mode_files, .-mode_files

# on_alrm: count; every 20th signal unblocks both pipes (a line for the
# reader, the writer's pipe drained), so a retrying stream cannot hang
    .type       on_alrm, @function
on_alrm:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    la          t1, alrms
    load.i64    t2, 0(t1)
    addi.i64    t2, 1
    store.i64   t2, 0(t1)
    li          t3, 20
    remu.i64    t2, t2, t3
    movi.i64    t3, 0
    cmp.ne.i64  t2, t3
    b           1f
    la          t1, rfds
    load.i32    a0, 4(t1)
    la          a1, s_zn
    movi.i64    a2, 2
    call        write
    la          t1, wfds
    load.i32    a0, 0(t1)
    la          a1, big2
    li          a2, 100000
    call        read
1:  load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret
    .size       on_alrm, .-on_alrm

# timer(itv): setitimer(ITIMER_REAL, itv, NULL)
    .macro      timer itv
    movi.i64    a0, 0
    la          a1, \itv
    movi.i64    a2, 0
    call        setitimer
    .endm

# s0 the read stream, s1 the write stream
    .type       mode_eintr, @function
mode_eintr:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    li          a0, 14                  # SIGALRM
    la          a1, alrm_act
    movi.i64    a2, 0
    call        sigaction
    la          a0, rfds
    movi.i64    a1, 0
    call        pipe2
    la          t1, rfds
    load.i32    a0, 0(t1)
    la          a1, s_r
    call        fdopen
    mov.i64     s0, a0
    la          a0, wfds                # the writer's pipe, full
    li          a1, 04000               # O_NONBLOCK (the read end stays so)
    call        pipe2
    la          t1, wfds
    load.i32    a0, 4(t1)
    la          a1, big
    li          a2, 100000
    call        write
    la          t1, wfds
    load.i32    a0, 4(t1)
    li          a1, 4                   # F_SETFL: the write end blocks
    movi.i64    a2, 0
    call        fcntl
    la          t1, wfds
    load.i32    a0, 4(t1)
    la          a1, s_w
    call        fdopen
    mov.i64     s1, a0
    # fgetc on an empty pipe
    timer       itv_on
    mov.i64     a0, s0
    call        fgetc
    rep         "eintr-fgetc"
    erep        "errno-fgetc"
    timer       itv_off
    mov.i64     a0, s0
    call        ferror
    rep         "ferror-fgetc"
    mov.i64     a0, s0
    call        feof
    rep         "feof-fgetc"
    la          t1, rfds                # then a byte: the stream goes on
    load.i32    a0, 4(t1)
    la          a1, s_ab
    movi.i64    a2, 2
    call        write
    mov.i64     a0, s0
    call        clearerr
    mov.i64     a0, s0
    call        fgetc
    rep         "fgetc-after"
    # fgets: "b" buffered, no newline, then an interrupted read
    la          t1, errno
    movi.i64    t2, 0
    store.i32   t2, 0(t1)
    timer       itv_on
    la          a0, buf
    li          a1, 100
    mov.i64     a2, s0
    call        fgets
    brep        "eintr-fgets"
    erep        "errno-fgets"
    timer       itv_off
    mov.i64     a0, s0
    call        ferror
    rep         "ferror-fgets"
    # fflush into a full pipe
    la          a0, s_data
    mov.i64     a1, s1
    call        fputs
    rep         "fputs-buffered"
    la          t1, errno
    movi.i64    t2, 0
    store.i32   t2, 0(t1)
    timer       itv_on
    mov.i64     a0, s1
    call        fflush
    rep         "eintr-fflush"
    erep        "errno-fflush"
    timer       itv_off
    mov.i64     a0, s1
    call        ferror
    rep         "ferror-fflush"
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
    .size       mode_eintr, .-mode_eintr

# mode(name): flag = strcmp(s0, name) == 0 (a macro: s0 = argv[1])
    .macro      mode name
    mov.i64     a0, s0
    la          a1, \name
    call        strcmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    .endm

# s0 argv[1], s1 argv
    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    mov.i64     s1, a1
    load.i64    s0, 8(a1)
    mode        m_out
    b           10f
    mode        m_err
    b           11f
    mode        m_vbuf
    b           12f
    mode        m_prompt
    b           13f
    mode        m_exit
    b           14f
    mode        m_return
    b           15f
    mode        m__exit
    b           16f
    mode        m_cat
    b           17f
    mode        m_files
    b           18f
    mode        m_eintr
    b           19f
    li          a0, 2
    j           99f
10: call        mode_out
    j           98f
11: call        mode_err
    j           98f
12: load.i64    a0, 16(s1)
    call        mode_vbuf
    j           98f
13: call        mode_prompt
    j           98f
14: la          a0, s_pend
    call        printf
    li          a0, 3
    call        exit
15: la          a0, s_pend
    call        printf
    li          a0, 4
    j           99f
16: la          a0, s_pend
    call        printf
    li          a0, 5
    call        _exit
17: call        mode_cat
    j           98f
18: call        mode_files
    j           98f
19: call        mode_eintr
98: movi.i64    a0, 0
99: load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    addi.i64    sp, 64
    ret
    .size       main, .-main
