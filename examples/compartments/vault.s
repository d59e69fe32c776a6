# vault.s - compartment vault of examples/compartments: holds the key and
# the only code that may read it.  vault_check compares a guess (a string
# in shared memory) with the key byte by byte itself: no library code
# ever gets a pointer to the key.

    .compartment vault

    .data

    .globl      vault_key
vault_key:
    .string     "open sesame"

    .balign     8
    .globl      vault_tries
vault_tries:
    .quad       0

    .text

# long vault_check(const char *guess): 1 when guess is the key
    .globl      vault_check
    .type       vault_check, @function
vault_check:
    la          t1, vault_tries
    load.i64    t2, 0(t1)
    addi.i64    t2, 1
    store.i64   t2, 0(t1)
    la          t1, vault_key
1:  load.u8     t2, 0(t1)
    load.u8     t3, 0(a0)
    cmp.ne.i64  t2, t3
    b           2f
    movi.i64    t4, 0
    cmp.eq.i64  t2, t4
    b           3f
    addi.i64    t1, 1
    addi.i64    a0, 1
    j           1b
2:  movi.i64    a0, 0
    ret
3:  movi.i64    a0, 1
    ret
