# sieve.s - the sieve of Eratosthenes of the sieve example (also run by
# the benchmark tests/bench/sieve.s).

    .text

# long sieve(unsigned char *composite, long n): composite[0..n] zeroed on
# entry; afterwards composite[i] = 1 for every composite i in 2..n-1
# (crossed out from i*i on); returns the number of primes below n
    .globl      sieve
    .type       sieve, @function
sieve:
    movi.i64    t2, 2                   # t2: i
    movi.i64    t3, 0                   # t3: primes found
    movi.i64    t5, 0
    movi.i64    t6, 1
1:  cmp.ge.i64  t2, a1
    b           4f
    add.i64     t1, a0, t2
    load.u8     t4, 0(t1)
    cmp.ne.i64  t4, t5
    b           3f                      # composite
    addi.i64    t3, 1
    mul.i64     t1, t2, t2              # cross out i*i, i*i + i, ...
2:  cmp.ge.i64  t1, a1
    b           3f
    add.i64     t4, a0, t1
    store.i8    t6, 0(t4)
    add.i64     t1, t1, t2
    j           2b
3:  addi.i64    t2, 1
    j           1b
4:  mov.i64     a0, t3
    ret
    .size       sieve, .-sieve
