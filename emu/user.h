/*
 * user.h - the user-mode driver: the Linux personality of glyph-run.
 * It runs a hart (hart.h) in an address space (aspace.h), both of which
 * know nothing about Linux, and gives their events a meaning: a syscall
 * is a Linux system call (syscall.c, sys_*.c), a trap is the signal
 * Linux would send: run by the guest's handler (signal.c) or reported,
 * ending the process (report.c).  It also
 * owns what only a Linux process has: the program and its start-up
 * (loader.c, stack.c), the options, the exit status.  Everything mutable
 * hangs off one emu_ctx owned by main().
 */
#ifndef EMU_USER_H
#define EMU_USER_H

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include "aspace.h"
#include "glyph_elf.h"
#include "hart.h"
#include "insntext.h" /* emu_source_line, emu_insn_text, emu_trace_insn */
#include "sig.h"

#define EMU_NAME "glyph-run"

/* Exit statuses that are not the guest's own. */
enum {
    EMU_STATUS_USAGE = 1,    /* bad option, bad executable */
    EMU_STATUS_LIMIT = 124,  /* --max-insns reached (like timeout(1)) */
    EMU_STATUS_AUDIT = 125,  /* --jit-audit found a difference */
    EMU_STATUS_SIGNAL = 128  /* + signal number */
};

typedef struct emu_opts {
    int strace, trace, dump_regs, stats;
    int no_jit;         /* --no-jit, GLYPH_NO_JIT=1: interpret every block */
    int jit_audit;      /* --jit-audit */
    const char *jit_dump; /* --jit-dump=FILE */
    int perf_map;       /* --perf-map */
    unsigned jit_threshold; /* --jit-threshold, GLYPH_JIT_THRESHOLD; 0: the default */
    uint64_t max_insns; /* 0: unlimited */
    const char *argv0;  /* --argv0: the program's argv[0] (execve) */
    int has_exec_fd, exec_fd; /* binfmt_misc O or C: the program as a descriptor */
    int sandbox;        /* refuse (-EPERM) every syscall with effects outside
                         * the guest: files, signals, limits (the fuzz target) */
} emu_opts;

struct emu_ctx;

/* The process: its threads (thread.c).  Each guest thread is a host
 * thread with its own emu_ctx and hart in the shared address space. */
typedef struct emu_proc {
    pthread_mutex_t lock;   /* guards everything here */
    pthread_cond_t cond;    /* a thread ended */
    struct emu_ctx *threads; /* live threads (ctx->next) */
    unsigned nthreads;
    int multi;              /* a second thread was created: --strace shows tids */
    int group_exit;         /* (atomic) exit_group or a fatal signal: all threads end */
    int status;             /* the process's exit status once group_exit */
    int leader_status;      /* the main thread's, when it ended by exit */
    int term_sig;           /* with group_exit: the signal that ends the process */
    uint64_t icount;        /* instructions of the threads that ended */
    int kick_sig;           /* host signal that interrupts a blocking call */
} emu_proc;

typedef struct emu_ctx {
    emu_aspace *as;        /* the process's address space */
    emu_hart *hart;        /* this thread's hart */
    emu_proc *proc;        /* the process (NULL: one thread, no clone) */
    struct emu_ctx *next;  /* proc->threads */
    int tid;               /* host thread id (the main thread's is the pid) */
    pthread_t thread;
    uint64_t clear_tid;    /* set_tid_address, CLONE_CHILD_CLEARTID */
    uint64_t robust_head;  /* set_robust_list (0: none) */
    int thread_exit;       /* exited by exit (this thread only), not exit_group */
    int cloned;            /* ctx and hart were allocated by emu_thread_clone */

    /* the program */
    const char *prog;      /* name in messages: the path as given */
    char *exe_path;        /* absolute path (readlink /proc/self/exe) */
    uint64_t entry, entry_ib;
    uint64_t phdr_addr, phnum;
    void *phdr_copy;       /* the table, when no segment loads it */
    emu_opts opt;

    /* Linux state the syscalls keep */
    int exited;
    int exit_status;
    int term_sig;          /* the process ends by this signal (0: an exit) */
    emu_sigthread sig;     /* the thread's signal mask, pending signals, altstack */
    uint64_t sig_tramp;    /* the rt_sigreturn trampoline page (signal.c) */
    int path_err;          /* this syscall's first bad path: -EFAULT or -ENAMETOOLONG */
    uint8_t unknown_seen[4096 / 8]; /* unknown syscalls already reported */
    uint64_t unknown_big[32];      /* ... and such numbers >= 4096 */
    unsigned n_unknown_big;
    FILE *log;             /* stderr */
} emu_ctx;

/* Note a guest mapping change to prot (EMU_P_*): W or X without R
 * needs the checking interpreter (the memory layer has noted it;
 * this picks the variant now). */
void emu_note_prot(emu_ctx *ctx, unsigned prot);

/* thread.c: the process and its threads.  proc_init makes the calling
 * (main) thread the process's first; proc_finish ends it with status
 * (what emu_run returned), waits for every other thread to end, and
 * returns the process's exit status. */
int emu_proc_init(emu_ctx *ctx);
int emu_proc_finish(emu_ctx *ctx, int status);
/* clone with the thread flags: the new thread's tid, or -errno. */
int64_t emu_thread_clone(emu_ctx *ctx, uint64_t flags, uint64_t sp, uint64_t ptid,
                         uint64_t tls, uint64_t ctid);
/* Make sig pending for thread tid of this process (tgkill): 0 or -ESRCH. */
int emu_thread_signal(emu_ctx *ctx, int tid, int sig, const emu_siginfo *si);
/* A process-directed signal (kill to itself): to this thread if it
 * does not block sig, else to one that does not, else pending here. */
void emu_proc_signal(emu_ctx *ctx, int sig, const emu_siginfo *si);
/* Is the process ending (exit_group, a fatal signal in any thread)? */
static inline int emu_proc_stopping(const emu_ctx *ctx)
{
    return ctx->proc && __atomic_load_n(&ctx->proc->group_exit, __ATOMIC_ACQUIRE);
}
/* The thread ends: walk its robust futex list as Linux does
 * (sys_thread.c): every futex it still owns gets FUTEX_OWNER_DIED and
 * one waiter woken. */
void emu_robust_exit(emu_ctx *ctx);
/* Around a fork: lock the thread list and the address space's harts
 * (fork_lock), unlock them in the parent (fork_unlock); in the child,
 * after_fork leaves the calling thread the only one and unlocks. */
void emu_proc_fork_lock(emu_ctx *ctx);
void emu_proc_fork_unlock(emu_ctx *ctx);
void emu_proc_after_fork(emu_ctx *ctx);
/* The thread id --strace shows, or 0 while the process has one thread. */
int emu_strace_tid(const emu_ctx *ctx);

/* run.c: the driver loop; returns the process exit status. */
int emu_run(emu_ctx *ctx);
void emu_dump_regs(emu_ctx *ctx);

/* loader.c: load an ELF executable; 0, or -1 after printing why. */
int emu_load(emu_ctx *ctx, const char *path);
/* stack.c: the initial stack (argc, argv, envp, auxv); 0 or -1. */
int emu_setup_stack(emu_ctx *ctx, int argc, char **argv, char **envp);
/* report.c: what a trap means in user mode: prints it, returns the
 * exit status (128 + the signal Linux would send). */
int emu_trap_report(emu_ctx *ctx, const emu_trap *t);
/* syscall.c */
void emu_syscall(emu_ctx *ctx);
/* binfmt.c: --binfmt=install|remove|status|print with the entry's name,
 * flags (NULL: the default) and interpreter (NULL: this binary) */
int emu_binfmt(const char *action, const char *name, const char *flags, const char *interp);
/* Do the first 20 bytes of a file make it a glyph executable (the
 * binfmt_misc magic and mask)?  execve runs such a file in a new glyph-run. */
int emu_is_glyph_exe(const uint8_t *hdr, size_t n);
/* End the process by signal sig as the kernel would (no core file), so
 * a parent's wait sees WIFSIGNALED; returns only if that failed. */
void emu_die_by_signal(int sig);

#endif
