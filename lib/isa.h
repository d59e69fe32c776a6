/*
 * isa.h - the glyph instruction set as data: op ids, decoded form,
 * decoder, encoder and disassembler.  Everything here is derived from
 * isa.def; no other file knows an encoding.
 *
 * An instruction is 1, 2 or 4 little-endian 16-bit packets:
 *
 *    15        7 6      2 1  0
 *   +-----------+--------+----+
 *   |  operand  | opcode |size|      size of the first packet: 00 = 16-bit,
 *   +-----------+--------+----+      01 = 32-bit, 10 = 64-bit; every later
 *                                    packet has size 11.
 *
 * Packet k supplies opcode bits [5k+4:5k] and, for every operand field,
 * the next slice of that field (super-regular: fields grow upwards).
 *
 *   form  15 13 12 10 9  7
 *   I    [      imm9      ]
 *   RI   [ rc ][  imm6    ]
 *   RRI  [ rc ][ rb ][imm3]
 *   R3   [ rc ][ rb ][ ra ]
 */
#ifndef GLYPH_ISA_H
#define GLYPH_ISA_H

#include <stddef.h>
#include <stdint.h>

enum gl_op {
#define GL_OP(id, ...) GL_OP_##id,
#include "isa.def"
#undef GL_OP
    GL_OP_COUNT,
    GL_OP_INVALID = GL_OP_COUNT /* reserved encoding or ill-formed packets */
};

/* Encodings an op has (bit set of instruction lengths). */
enum {
    GL_L16 = 1, /* one packet */
    GL_L32 = 2, /* two packets */
    GL_L64 = 4  /* four packets */
};

enum gl_form {
    GL_FORM_I,   /* imm */
    GL_FORM_RI,  /* rc, imm */
    GL_FORM_RRI, /* rc, rb, imm */
    GL_FORM_R3   /* rc, rb, ra */
};

/* Which field carries a function code instead of an operand. */
enum gl_fix {
    GL_FIX_NONE,
    GL_FIX_RC,  /* rc = fixval | (link register - 6) */
    GL_FIX_IMM  /* imm field = fixval */
};

/* Operand syntax, as printed by the disassembler and read by glyph-as. */
enum gl_syntax {
    GL_SYN_NONE,   /* syscall */
    GL_SYN_U,      /* break 5 */
    GL_SYN_PCREL,  /* j .+8   (target relative to this instruction) */
    GL_SYN_IBREL,  /* ibj 128   (ib delta in bytes, multiple of 64) */
    GL_SYN_LINK,   /* jal.i64 ra, ib64(3) */
    GL_SYN_RK32,   /* movd.i64 a0, ib32(3) */
    GL_SYN_RK64,   /* movq.i64 a0, ib64(3) */
    GL_SYN_RK32PC, /* lea.i64 a0, ib32(3)(pc) */
    GL_SYN_RIMM,   /* movi.i64 a0, -3 */
    GL_SYN_RMEM,   /* load.i64 s0, 16(sp) */
    GL_SYN_RR,     /* cmp.lt.i64 a0, a1 */
    GL_SYN_RRR,    /* add.i64 a0, a1, t0 */
    GL_SYN_RRMEM,  /* cas.i64 a0, a1, (s0)   rc, ra, (rb) */
    GL_SYN_RSYS    /* sysread a0, colorread */
};

/* Immediate kinds: how the raw field becomes gl_insn.imm. */
enum gl_imm {
    GL_IMM_NONE,
    GL_IMM_U,    /* unsigned, as is */
    GL_IMM_S,    /* signed, as is */
    GL_IMM_SH,   /* shift amount, 0..63 */
    GL_IMM_PC,   /* signed, x2: byte displacement from this instruction */
    GL_IMM_IB,   /* signed, x64: byte delta added to ib */
    GL_IMM_K32,  /* unsigned index of a 4-byte constant, x4 */
    GL_IMM_K64,  /* unsigned index of an 8-byte constant, x8 */
    GL_IMM_M1,   /* unsigned displacement, x1 (64-bit form: signed, x1) */
    GL_IMM_M2,   /* ... x2 */
    GL_IMM_M4,   /* ... x4 */
    GL_IMM_M8    /* ... x8 */
};

enum {
    GL_FLAG_R = 1, /* reads flag */
    GL_FLAG_W = 2  /* writes flag */
};

/* What an op does (the class column of isa.def). */
enum gl_class {
    GL_CLASS_ALU,    /* registers (and constants) only */
    GL_CLASS_LOAD,   /* reads data memory */
    GL_CLASS_STORE,  /* writes data memory */
    GL_CLASS_ATOMIC, /* reads and writes data memory, indivisibly */
    GL_CLASS_BRANCH, /* conditional pc-relative jump */
    GL_CLASS_JUMP,   /* moves pc or ib by an immediate */
    GL_CLASS_LINK,   /* moves pc and ib through a constant vector */
    GL_CLASS_SYSTEM, /* system call, system registers, fences */
    GL_CLASS_TRAP    /* always traps (and what does not decode) */
};

/* Static facts about one op, straight from isa.def. */
typedef struct gl_opinfo {
    const char *mnemonic;
    uint8_t major, minor;
    uint8_t lens;   /* GL_L16 | GL_L32 | GL_L64 */
    uint8_t form;   /* enum gl_form */
    uint8_t fix;    /* enum gl_fix */
    uint8_t fixval;
    uint8_t syntax; /* enum gl_syntax */
    uint8_t imm;    /* enum gl_imm */
    uint8_t flags;  /* GL_FLAG_R | GL_FLAG_W */
    uint8_t cls;    /* enum gl_class */
    uint8_t ends;   /* 1: ends a straight-line block */
    uint8_t mem;    /* bytes of data memory accessed, 0 for none */
    uint8_t kread;  /* bytes of the constant read at ib + imm, 0 for none */
} gl_opinfo;

/* A decoded instruction: operands extracted, immediates scaled. */
typedef struct gl_insn {
    uint16_t op;  /* enum gl_op */
    uint8_t len;  /* 2, 4 or 8 bytes */
    uint8_t rc;   /* destination / first register; link: 6 or 7 */
    uint8_t rb;   /* second register; load/store base */
    uint8_t ra;   /* third register */
    int64_t imm;  /* scaled immediate (bytes, shift amount, number) */
} gl_insn;

const gl_opinfo *gl_opinfo_get(unsigned op);

/* Table-driven facts about an op.  An id outside the table
 * (GL_OP_INVALID, an emulator's own uops) gets gl_opinfo_invalid: a trap
 * that ends its block, touching neither memory nor constants. */
extern const gl_opinfo gl_opinfo_invalid;
/* The table itself (indexed by enum gl_op), for the inline lookups
 * below: translators ask about every uop several times. */
extern const gl_opinfo gl_optab[GL_OP_COUNT];
static inline const gl_opinfo *gl_opinfo_any(unsigned op)
{
    return op < GL_OP_COUNT ? &gl_optab[op] : &gl_opinfo_invalid;
}
static inline unsigned gl_op_class(unsigned op) { return gl_opinfo_any(op)->cls; }
static inline int gl_op_ends_block(unsigned op) { return gl_opinfo_any(op)->ends; }
/* Bytes of data memory the op reads or writes (0: none). */
static inline unsigned gl_op_mem_size(unsigned op) { return gl_opinfo_any(op)->mem; }
/* Bytes of the constant the op reads at ib + imm (4, 8; 0: none). */
static inline unsigned gl_op_const_size(unsigned op) { return gl_opinfo_any(op)->kread; }
/* GL_FLAG_R | GL_FLAG_W */
static inline unsigned gl_op_flags(unsigned op) { return gl_opinfo_any(op)->flags; }

/* The canonical no-op (isa.def's GL_NOP line): assembled for `nop` and
 * for code padding, disassembled as `nop`. */
extern const gl_insn gl_nop;
int gl_is_nop(const gl_insn *in);
/* Its length, for code that relies on it at compile time. */
enum {
#define GL_OP(...)
#define GL_NOP(op, len, rc, rb, ra) GL_NOP_LEN = len
#include "isa.def"
#undef GL_NOP
#undef GL_OP
};

/* The op of major/minor opcode whose function code (fix column) is
 * fixval; -1 when there is none.  compare.i64 rc, rb, 3 is
 * gl_op_by_fun(18, 0, 3) = cmp.ne.i64. */
int gl_op_by_fun(unsigned major, unsigned minor, unsigned fixval);

/* The name of op's function code in the spec's generic spellings
 * (compare.i64 a0, a1, ltu): its mnemonic's last part before the type,
 * "ltu" for cmp.ltu.i64, "cmov" for cmov.i64.  *len gets the length. */
const char *gl_op_fun_name(unsigned op, size_t *len);

/* Registers the ABI gives a fixed job in code the tools generate. */
enum {
    GL_REG_T0 = 6, /* scratch; the alternate link register */
    GL_REG_RA = 7  /* return address (link) */
};

/*
 * The `tail foo` sequence (docs/abi.md, lib/tailcall.c): GL_TAIL_STEPS
 * instructions that glyph-as emits for `tail` and glyph-objdump
 * recognises.  Each step is an op with fixed registers and, for the
 * shifts, a fixed immediate; the others read a constant: D.pc, D.ib, or
 * the final jump's vector.
 */
enum gl_tail_role {
    GL_TAIL_PLAIN, /* no constant */
    GL_TAIL_DPC,   /* addd of D.pc = foo - G */
    GL_TAIL_DIB,   /* addd of D.ib = foo.const - G.const */
    GL_TAIL_JUMP   /* j.i64 through the vector (foo - J, foo.const - Jib) */
};
enum { /* gl_tail_step.check: fields a recogniser must compare */
    GL_TAIL_RC = 1,
    GL_TAIL_RB = 2,
    GL_TAIL_RA = 4,
    GL_TAIL_IMM = 8
};
enum { GL_TAIL_STEPS = 9 };
typedef struct gl_tail_step {
    uint16_t op;
    uint8_t rc, rb, ra;
    int64_t imm;  /* the shift amount of PLAIN steps with an immediate */
    uint8_t role; /* enum gl_tail_role */
    uint8_t check;
} gl_tail_step;
extern const gl_tail_step gl_tail_seq[GL_TAIL_STEPS];
/* Is in (any length) step k of the sequence? */
int gl_tail_step_match(unsigned k, const gl_insn *in);

/* Instruction length in bytes from the first packet: 2, 4, 8, or 0 when
 * the packet cannot start an instruction (size field 11). */
static inline unsigned gl_insn_length(uint16_t first_packet)
{
    static const unsigned char len[4] = {2, 4, 8, 0};
    return len[first_packet & 3];
}

/*
 * Decode the instruction at p (avail bytes readable).  Returns its length
 * in bytes, or 0 when avail is too short for the length the first packet
 * announces.  Reserved opcodes and ill-formed packet sequences decode as
 * GL_OP_INVALID; len is then the announced length when the sequence is
 * well-formed (a reserved opcode) and 2 when it is not.
 */
unsigned gl_decode(const uint8_t *p, size_t avail, gl_insn *out);

/* Encoding errors (gl_encode's result when it is not the length). */
enum gl_enc_err {
    GL_ENC_NOFORM = -1,   /* op has no encoding of that length */
    GL_ENC_REG = -2,      /* register number too large for the length */
    GL_ENC_RANGE = -3,    /* immediate out of range */
    GL_ENC_ALIGN = -4,    /* immediate not a multiple of its scale */
    GL_ENC_LINKREG = -5   /* link register must be r6 or r7 */
};

/* Encode in (in->len selects the encoding) into buf, little-endian.
 * Returns the length in bytes, or a negative enum gl_enc_err. */
int gl_encode(const gl_insn *in, uint8_t *buf);
const char *gl_enc_strerror(int err);

/* Range of the scaled immediate of op at length len (bytes); returns 0
 * when op has no immediate or no such encoding.  *align is the scale. */
int gl_imm_range(unsigned op, unsigned len, int64_t *min, int64_t *max,
                 int64_t *align);

/* Highest register number encodable at length len. */
static inline unsigned gl_reg_max(unsigned len) { return len == 2 ? 7 : 63; }

/* Register names: ABI alias ("sp", "a0", ...) and numeric ("r0"). */
const char *gl_reg_name(unsigned r);
const char *gl_reg_name_numeric(unsigned r);
/* The i-th further spelling ("fp"), its register in *r; NULL past the end. */
const char *gl_reg_alias(unsigned i, unsigned *r);
/* Parse "r12", "a2", "fp", ...; returns the number or -1. */
int gl_reg_parse(const char *s, size_t n);

/* System register number as text: its name ("colorread",
 * "colormatread3") or 0x-hex when unnamed.  snprintf semantics. */
int gl_sysreg_format(unsigned num, char *buf, size_t size);
/* Parse a system register name; returns its number or -1. */
long gl_sysreg_parse(const char *s, size_t n);

/* System register numbers, GL_SR_<name> (a family: its first member). */
enum gl_sysreg_num {
#define GL_SYSREG(name, num, count, access, priv) GL_SR_##name = num,
#include "sysregs.def"
#undef GL_SYSREG
};

/* Access and privilege columns of sysregs.def. */
enum {
    GL_SR_READ = 1,  /* sysread */
    GL_SR_WRITE = 2  /* syswrite, sysset, sysclear */
};
enum gl_priv {
    GL_PRIV_USER, /* code on user pages */
    GL_PRIV_SYS   /* code on system or physical pages */
};
/* May code of privilege priv make an access of kind want (GL_SR_READ or
 * GL_SR_WRITE) to system register num?  0 for unnamed numbers. */
int gl_sysreg_allowed(unsigned num, unsigned want, unsigned priv);

enum {
    GL_DIS_NUMERIC = 1 /* print r0..r63 instead of ABI names */
};

/* Disassemble in as assembler text that glyph-as re-encodes to the same
 * bits.  snprintf semantics; returns the length of the full text. */
int gl_disasm(const gl_insn *in, unsigned opts, char *buf, size_t size);

/* Disassemble a word that did not decode (op == GL_OP_INVALID): a data
 * directive holding its bytes (.short/.long/.quad 0x...). */
int gl_disasm_data(const uint8_t *p, unsigned len, char *buf, size_t size);

/* Length suffix the disassembler adds for a non-shortest encoding:
 * "" for the shortest, ".w" for 32-bit, ".x" for 64-bit. */
const char *gl_len_suffix(unsigned op, unsigned len);

#endif
