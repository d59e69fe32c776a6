# Example programs

Build everything (from the top of the tree) and run the first one:

    python3 configure.py && ninja && build/bin/glyph-run build/examples/hello

Each program here is glyph assembly built by `ninja` with the project's own
tools and linked as

    glyph-ld -o build/examples/NAME build/runtime/crt0.o OBJS -Lbuild/runtime -lgrt [link.args]

(`examples/NAME.s`, or every `examples/NAME/*.s` plus an optional
`examples/NAME/link.args`; the objects go to `build/obj/examples/`).
`tests/e2e/NAME.sh` runs each one and checks its output and exit status
(`ninja test` runs them with all the other tests).  Run one by hand with
`build/bin/glyph-run build/examples/NAME [args]`.

| program | shows |
|---|---|
| `hello` | the smallest program: a `write` and an `exit_group` system call from `main`, which calls nothing in the libc |
| `echo` | `argv`, `strcmp`, `fputs` and `putchar` on the buffered `stdout` (one `write` at exit); `-n` |
| `args` | `argc`/`argv` and `getenv` (crt0 saves `envp`), `printf` |
| `cat` | files and stdin (`-`), `open`/`read`/`write`/`close`, `errno`, `dprintf` to stderr, exit status 1 on a missing or unreadable file; a failed write ends it with status 1 |
| `wc` | lines, words and bytes in the POSIX format `lines words bytes name` (GNU `wc` pads the columns), a total for several files, `-` for stdin.  A word is a run of bytes other than white space, as POSIX says; GNU `wc` does not count a run made only of unprintable bytes, so binary files can differ |
| `fib` | naive recursive Fibonacci: deep `call`/`ret` chains (fib(25) is about 250 000 calls) |
| `sieve` | primes below N with `calloc`'d flags (`sieve/sieve.s` crosses out, `sieve/main.s` prints) |
| `qsort` | recursive quicksort (`qsort/quicksort.s`) whose second recursion is a `tail` call; numbers from `argv` via `atol` and `malloc` |
| `sort` | sort lines like `LC_ALL=C sort`: text grown with `realloc`, libc `qsort` called with a function pointer (a descriptor `{entry, entry.const}`, see `docs/runtime.md`), lines out with `puts` through the buffered `stdout` |
| `sha256` | SHA-256 of each file (or stdin, also `-`), printed like `sha256sum` (32-bit rotates on 64-bit registers, `bswap`, `load.u32`) |
| `segv` | a SIGSEGV handler (`sigaction`, `SA_SIGINFO`) that prints `si_addr` and `si_code` and `siglongjmp`s back: an unmapped load, a read-only store, and a fault on an alternate stack (`sigaltstack`, `SA_ONSTACK`) |
| `colors` | a secret in a color-3 section; the link policy forbids color-0 code to read color 3, so the read is a capability fault (main flushes `stdout` before it: a fault ends the program without flushing the streams) |
| `colors-allowed` | the same code linked with a policy that allows the read: prints the secret |
| `compartments` | four compartments (`main`, an untrusted-input `parser`, a key `vault`, a `logger`) whose colors `glyph-ld` chooses from a two-rule least-privilege policy; `tests/e2e/compartments.sh` also aims the parser's out-of-bounds write at the key (a capability fault naming both colors), links a parser that names the key (a link error), and calls the vault through a forged function pointer (a transfer fault).  docs/ld.md, "Compartments" |
| `colors-vault` | the color matrix: color-0 `main` may not read the color-3 secret, but calls `reveal`, color-3 code (`.text.vault`, color 3) that may, and that writes it into main's color-0 buffer; `peek` makes main try itself and fault |

## Two streams: what the source looks like and what it becomes

A glyph function has two parts: its instructions in `.text` (the `pc`
stream) and its *immediate block* in `.const` (the `ib` stream) holding
every constant the instructions need — big numbers, addresses, call
vectors.  While a function runs, `ib` points at its block.  The assembler
builds the blocks: a function starts at a label that is `.globl` or
`.type NAME, @function`, and its block is named `NAME.const`.

    .text
    .globl fib
    .type fib, @function
fib:
    li t1, 2                    # small: movi, no constant needed
    cmp.lt.i64 a0, t1           # flag = a0 < t1
    b 1f                        # branch if flag (16-bit, +-512 bytes)
    addi.i64 sp, -64            # frames are multiples of 64 bytes
    store.i64 ra, 0(sp)         # non-leaf: save the link vector (above
                                # any outgoing stack arguments: docs/abi.md)
    ...
    call fib
    ...
1:  ret

`glyph-objdump -d build/obj/examples/fib.o` shows what the
pseudo-instructions became (offsets from the start of the object's
`.text`; the linked `build/examples/fib` shows the same code at its load
address):

    0000000000000000 <fib>:
       0:	1d c1 03 20             	movi.i64.w t1, 2
       4:	49 98 03 04             	cmp.lt.i64.w a0, t1
       8:	88 09                   	b .+38                        # 0x2e <fib+0x2e>
       ...
      18:	10 60                   	jal.i64 ra, ib64(0)           # call fib
       ...
      20:	90 60                   	jal.i64 ra, ib64(1)           # call fib
       ...
      2e:	10 a1                   	jtl.i64 ra, ib64(2)           # ret

`li t1, 2` is a 32-bit `movi` because `t1` is r14; each `call fib` has
its own constant in `fib.const` — constant 0 is the link vector
`(fib - 0x18, fib.const - fib.const)` = `(-0x18, 0)`, constant 1 is
`(-0x20, 0)` — and the `ret` uses constant 2, `(fib - 0x2e + 2, 0)` =
`(-0x2c, 0)`.  `tests/e2e/readme.sh` checks these lines against
`glyph-objdump`.

* **`li rc, value`** picks the shortest form: `movi.i64` for -32..31
  (16-bit, registers r0–r7), `movi.i64.w` for 12-bit values, otherwise
  `movd.i64 rc, ib32(n)` (a 32-bit constant in the block) or
  `movq.i64 rc, ib64(n)` (64-bit).  `li t2, 6364136223846793005` in
  `runtime/stdlib.s` becomes `movq.i64.w t2, ib64(1)`.
* **`la rc, symbol`** is `lea.i64 rc, ib32(n)(pc)`: the block holds the
  32-bit distance from this instruction to the symbol (relocated by the
  linker), so code is position independent:
  `lea.i64.w t1, ib32(1)(pc)  # <errno>`.
* **`call foo`** is a 16-bit `jal.i64 ra, ib64(n)`.  The block entry is a
  *link vector* of two 32-bit lanes `(foo - here, foo.const - my block)`:
  the jump moves `pc` and `ib` together, and `ra` receives the vector.
  Because the return lands 2 bytes after the call, calls are always 16-bit
  and their vectors must be among the first 64 entries of the block (the
  assembler says "split the function" when a function has too many calls
  and constants — `tests/runtime/string.s` is split for that reason).
* **`ret`** is `jtl.i64 ra, ib64(n)` with the vector `(F - here + 2, 0)`:
  subtracting `ra` (the vector the caller used) brings `pc` back to the
  caller's call + 2 and `ib` back to the caller's block.  So `ra` must hold
  the value it had on entry (restore it from the frame) and `ib` must be
  the function's own block.
* **`tail foo`** (see `quicksort` in `qsort/quicksort.s`) is a 9-instruction
  sequence: it adds `(foo - F, foo.const - F.const)` lane-wise to `ra`, so
  `foo`'s own `ret` returns straight to our caller, then jumps:

        mov.i64  t0, ra
        addd.i64 t0, ib32(2)        # pc lane + (foo - F)
        slli.i64 t0, 32
        srli.i64 t0, 32
        srai.i64 ra, 32
        addd.i64 ra, ib32(3)        # ib lane + (foo.const - F.const)
        slli.i64 ra, 32
        or.i64   ra, ra, t0
        j.i64    ib64(2)            # j quicksort

  Restore every saved register, `ra` and `sp` before it; it clobbers `t0`
  and `flag` only, so the arguments in `a0`–`a7` pass through.
* **Local branches** `b 1f` / `j 1b` are the pc-relative 16-bit `b`/`j`
  (±512 bytes); the assembler widens them to `.w` (±256 KiB) when the
  target is further.  `b` branches when `flag` is set, so every condition
  is a `cmp.*` (lt ge eq ne ltu geu, register against register) followed
  by `b`; `cmov`/`ncmov` select without branching.
* Registers above r7 (`a2`–`a7`, `t1`–`t18`, `s3`–`s34`) need 32-bit
  instructions; the assembler picks them (`.w` in the disassembly).

## Conventions used by these programs

* `main(argc, argv, envp)` is called by `runtime/crt0.s`; its return value
  is the exit status.
* Frames: `addi.i64 sp, -64*k`, save `ra` and the callee-saved registers
  used (`s0`–`s2`, `s3`–`s34`), restore them before `ret`/`tail`.
* Calls follow `docs/abi.md`; the libc functions they use are described in
  `docs/runtime.md`.

## Colors

`colors/colors.s` puts its secret in

    .section .data.secret, "aw", @progbits, color=3

and `colors/link.args` passes `--color-policy examples/colors/policy.txt`
(`deny read 0 -> 3`) to `glyph-ld`.  The executable's color-policy note
tells `glyph-run` to fault when code on a color-0 page loads from a
color-3 page:

    $ build/bin/glyph-run build/examples/colors
    reading the secret...
    glyph-run: build/examples/colors: capability fault: load from address 0x15000 of data color 3 by code color 0 at pc=0x1203e ib=0x10340

`colors-allowed` is the same source linked with `allow read 0 -> 3` (and
`deny write 0 -> 3`), and prints the secret.

`colors-vault` keeps the deny rule but adds code of color 3:

    .section .text.vault, "ax", @progbits, color=3

`reveal` lives there (its immediate block goes to `.const.vault`, also
color 3), so its loads are checked as color 3 → color 3 (allowed) and its
stores into `main`'s stack as 3 → 0 (allowed); a call between the two
colors is an ordinary `call`.
