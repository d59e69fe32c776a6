# peek.s - a parser that reads the key directly: linked with the other
# objects of examples/compartments it must not link at all (policy.txt
# isolates the parser from the vault).  tests/e2e/compartments.sh.

    .compartment parser
    .text

    .globl      parse_peek
    .type       parse_peek, @function
parse_peek:
    la          t1, vault_key
    load.u8     a0, 0(t1)
    ret
