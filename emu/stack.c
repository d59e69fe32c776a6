/*
 * stack.c - the initial stack of a Linux process (docs/abi.md): an 8 MiB
 * read/write region at the top of the guest space; sp (64-byte aligned)
 * points at argc, then argv[], NULL, envp[], NULL, auxv pairs ending in
 * AT_NULL; the strings, the AT_RANDOM bytes and (if no segment loads
 * them) the program headers lie above the vectors.
 */
#include <elf.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "user.h"


int emu_setup_stack(emu_ctx *ctx, int argc, char **argv, char **envp)
{
    emu_mem *m = &ctx->as->mem;
    if (emu_mem_map(m, m->stack_lo, m->stack_hi - m->stack_lo, EMU_P_R | EMU_P_W, 0,
                    -1, 0, 0) != 0)
        return -1;
    int envc = 0;
    while (envp[envc])
        envc++;

    /* strings from the top down */
    uint64_t top = m->stack_hi - 16;
    uint64_t strsz = 0;
    for (int i = 0; i < argc; i++)
        strsz += strlen(argv[i]) + 1;
    for (int i = 0; i < envc; i++)
        strsz += strlen(envp[i]) + 1;
    const char *execfn = ctx->prog; /* the path that was run, as Linux does */
    strsz += strlen(execfn) + 1 + 16; /* + AT_RANDOM bytes */
    if (!ctx->phdr_addr)
        strsz += ctx->phnum * sizeof(Elf64_Phdr) + 8;
    uint64_t nvec = 1 + (uint64_t)argc + 1 + (uint64_t)envc + 1 + 2 * 20;
    if (strsz + nvec * 8 + 4096 > m->stack_hi - m->stack_lo)
        return -1;

    uint64_t p = top - strsz;
    p &= ~(uint64_t)7;
    uint64_t strs = p;
    uint64_t random = p;
    uint8_t rnd[16];
    if (getrandom(rnd, 16, 0) != 16)
        memset(rnd, 0x5a, 16);
    int bad = emu_mem_write(m, random, rnd, 16);
    p += 16;
    if (!ctx->phdr_addr) {
        ctx->phdr_addr = p;
        bad |= emu_mem_write(m, p, ctx->phdr_copy, ctx->phnum * sizeof(Elf64_Phdr));
        p += ctx->phnum * sizeof(Elf64_Phdr);
    }
    uint64_t execfn_at = p;
    bad |= emu_mem_write(m, p, execfn, strlen(execfn) + 1);
    p += strlen(execfn) + 1;
    uint64_t argv_at[argc > 0 ? argc : 1], env_at[envc > 0 ? envc : 1];
    for (int i = 0; i < argc; i++) {
        argv_at[i] = p;
        bad |= emu_mem_write(m, p, argv[i], strlen(argv[i]) + 1);
        p += strlen(argv[i]) + 1;
    }
    for (int i = 0; i < envc; i++) {
        env_at[i] = p;
        bad |= emu_mem_write(m, p, envp[i], strlen(envp[i]) + 1);
        p += strlen(envp[i]) + 1;
    }

    uint64_t auxv[][2] = {
        {AT_PHDR, ctx->phdr_addr},
        {AT_PHENT, sizeof(Elf64_Phdr)},
        {AT_PHNUM, ctx->phnum},
        {AT_PAGESZ, EMU_PAGE_SIZE},
        {AT_BASE, 0},
        {AT_FLAGS, 0},
        {AT_ENTRY, ctx->entry},
        {AT_UID, (uint64_t)getuid()},
        {AT_EUID, (uint64_t)geteuid()},
        {AT_GID, (uint64_t)getgid()},
        {AT_EGID, (uint64_t)getegid()},
        {AT_HWCAP, 0},
        {AT_CLKTCK, (uint64_t)sysconf(_SC_CLK_TCK)},
        {AT_SECURE, 0},
        {AT_RANDOM, random},
        {AT_EXECFN, execfn_at},
        {AT_NULL, 0},
    };
    size_t naux = sizeof auxv / sizeof auxv[0];
    uint64_t vec = (1 + (uint64_t)argc + 1 + (uint64_t)envc + 1 + 2 * naux) * 8;
    uint64_t sp = (strs - vec) & ~(uint64_t)(GL_STACK_ALIGN - 1);
    /* the vectors, as the guest sees them: u64 words from sp up */
    uint64_t words[vec / 8], *w = words;
    *w++ = (uint64_t)argc;
    for (int i = 0; i < argc; i++)
        *w++ = argv_at[i];
    *w++ = 0;
    for (int i = 0; i < envc; i++)
        *w++ = env_at[i];
    *w++ = 0;
    for (size_t i = 0; i < naux; i++) {
        *w++ = auxv[i][0];
        *w++ = auxv[i][1];
    }
    bad |= emu_mem_write(m, sp, words, sizeof words);
    if (bad)
        return -1;
    emu_hart *h = ctx->hart;
    memset(h->r, 0, sizeof h->r);
    h->flag = h->fpcontrol = h->fpstatus = 0;
    h->r[EMU_REG_SP] = sp;
    h->pc = ctx->entry;
    h->ib = ctx->entry_ib;
    return 0;
}
