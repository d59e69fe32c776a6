/*
 * disasm_table.c - disassembly of every 16-bit opcode and fun3, and of
 * every extension instruction, against text written by hand from the
 * spec.  The instruction words are packed here from the spec's packet
 * layout (size [1:0], opcode [6:2], operand [15:7]; later packets carry
 * the high slices), independently of lib/'s tables.
 */
#include <string.h>

#include "check.h"
#include "isa.h"

/* Operand (9 bits per packet) of the forms, one packet's slice. */
#define I9(imm) ((unsigned)(imm) & 511)
#define RI(rc, imm6) ((((unsigned)(rc) & 7) << 6) | ((unsigned)(imm6) & 63))
#define RRI(rc, rb, i3) ((((unsigned)(rc) & 7) << 6) | (((unsigned)(rb) & 7) << 3) | ((unsigned)(i3) & 7))

struct row {
    uint8_t bytes[8];
    unsigned len;
    const char *text;
};

static struct row w16(unsigned op, unsigned operand, const char *text)
{
    uint16_t w = (uint16_t)(operand << 7 | op << 2 | 0);
    struct row r = {{(uint8_t)w, (uint8_t)(w >> 8)}, 2, text};
    return r;
}

/* Two packets: opcode = op10, operands o0 (packet 0) and o1 (packet 1). */
static struct row w32(unsigned op10, unsigned o0, unsigned o1, const char *text)
{
    uint16_t p0 = (uint16_t)(o0 << 7 | (op10 & 31) << 2 | 1);
    uint16_t p1 = (uint16_t)(o1 << 7 | (op10 >> 5) << 2 | 3);
    struct row r = {{(uint8_t)p0, (uint8_t)(p0 >> 8), (uint8_t)p1, (uint8_t)(p1 >> 8)}, 4, text};
    return r;
}

/* Four packets, opcode op10 (bits [19:10] zero): the spec's op64rri
 * template, rc in packets 0-1, rf in packets 2-3, imm24 over all four. */
static struct row w64(unsigned op10, unsigned rc, unsigned rf, int imm, const char *text)
{
    unsigned u = (unsigned)imm & 0xffffff;
    uint16_t p[4];
    p[0] = (uint16_t)(RI(rc, u) << 7 | (op10 & 31) << 2 | 2);
    p[1] = (uint16_t)(RI(rc >> 3, u >> 6) << 7 | (op10 >> 5) << 2 | 3);
    p[2] = (uint16_t)(RI(rf, u >> 12) << 7 | 3);
    p[3] = (uint16_t)(RI(rf >> 3, u >> 18) << 7 | 3);
    struct row r = {{0}, 8, text};
    for (int k = 0; k < 4; k++) {
        r.bytes[2 * k] = (uint8_t)p[k];
        r.bytes[2 * k + 1] = (uint8_t)(p[k] >> 8);
    }
    return r;
}

#define OP32(major, minor) ((major) | (minor) << 5)

static void check_row(struct row r)
{
    gl_insn in;
    char text[96];
    unsigned n = gl_decode(r.bytes, r.len, &in);
    if (n != r.len || in.op == GL_OP_INVALID) {
        CHECK(0, "%s: does not decode (len %u)", r.text, n);
        return;
    }
    gl_disasm(&in, 0, text, sizeof text);
    uint8_t back[8];
    int e = gl_encode(&in, back);
    int same = e == (int)r.len && memcmp(back, r.bytes, r.len) == 0;
    CHECK(strcmp(text, r.text) == 0 && same, "%s%s%s%s", r.text,
          strcmp(text, r.text) ? "  (got: " : "", strcmp(text, r.text) ? text : "",
          !same ? "  (re-encodes differently)" : strcmp(text, r.text) ? ")" : "");
}

static void check_invalid(const uint8_t *b, unsigned len, unsigned want_len, const char *why)
{
    gl_insn in;
    unsigned n = gl_decode(b, len, &in);
    CHECK(in.op == GL_OP_INVALID && n == want_len, "invalid: %s", why);
}

int main(void)
{
    static const char *const cmp[8] = {"cmp.lt.i64", "cmp.ge.i64", "cmp.eq.i64", "cmp.ne.i64",
                                       "cmp.ltu.i64", "cmp.geu.i64", "cmov.i64", "ncmov.i64"};
    static const char *const logic[8] = {"mov.i64", "not.i64", "neg.i64", "bswap.i64",
                                         "ctz.i64", "clz.i64", "ctpop.i64", "sext.i64"};
    static const char *const r3[11] = {"pin.i64", "and.i64", "or.i64", "xor.i64", "add.i64", "srl.i64",
                                       "sra.i64", "sll.i64", "sub.i64", "mul.i64", "div.i64"};
    char buf[8][64];

    /* --- 16-bit: all 32 opcodes (spec v0.7 section "16-bit opcodes") --- */
    check_row(w16(0, I9(0), "break 0"));
    check_row(w16(0, I9(511), "break 511"));
    check_row(w16(1, I9(4), "j .+8"));
    check_row(w16(1, I9(-1), "j .-2"));
    check_row(w16(1, I9(255), "j .+510"));
    check_row(w16(2, I9(-256), "b .-512"));
    check_row(w16(2, I9(0), "b .+0"));
    check_row(w16(3, I9(2), "ibj 128"));
    check_row(w16(3, I9(-1), "ibj -64"));
    check_row(w16(4, RI(0, 3), "j.i64 ib64(3)"));
    check_row(w16(4, RI(1, 3), "j.i64 ra, ib64(3)"));
    check_row(w16(4, RI(2, 0), "jal.i64 t0, ib64(0)"));
    check_row(w16(4, RI(3, 63), "jal.i64 ra, ib64(63)"));
    check_row(w16(4, RI(4, 1), "jtl.i64 t0, ib64(1)"));
    check_row(w16(4, RI(5, 1), "jtl.i64 ra, ib64(1)"));
    check_row(w16(4, RI(6, 2), "jala.i64 t0, ib64(2)"));
    check_row(w16(4, RI(7, 2), "jala.i64 ra, ib64(2)"));
    check_row(w16(5, RI(4, 3), "movd.i64 a0, ib32(3)"));
    check_row(w16(6, RI(5, 63), "movq.i64 a1, ib64(63)"));
    check_row(w16(7, RI(4, 63), "movi.i64 a0, -1"));
    check_row(w16(7, RI(4, 31), "movi.i64 a0, 31"));
    check_row(w16(7, RI(0, 32), "movi.i64 sp, -32"));
    check_row(w16(8, RI(1, 1), "addi.i64 s0, 1"));
    check_row(w16(8, RI(1, 62), "addi.i64 s0, -2"));
    check_row(w16(9, RI(2, 63), "srli.i64 s1, 63"));
    check_row(w16(10, RI(3, 0), "srai.i64 s2, 0"));
    check_row(w16(11, RI(6, 32), "slli.i64 t0, 32"));
    check_row(w16(12, RI(7, 5), "addd.i64 ra, ib32(5)"));
    check_row(w16(13, RI(4, 2), "lea.i64 a0, ib32(2)(pc)"));
    check_row(w16(14, RI(5, 1), "load.i64 a1, ib32(1)(pc)"));
    check_row(w16(15, RI(6, 0), "store.i64 t0, ib32(0)(pc)"));
    check_row(w16(16, RRI(1, 0, 2), "load.i64 s0, 16(sp)"));
    check_row(w16(16, RRI(4, 5, 0), "load.i64 a0, 0(a1)"));
    check_row(w16(17, RRI(7, 0, 7), "store.i64 ra, 56(sp)"));
    for (unsigned f = 0; f < 8; f++) {
        snprintf(buf[f], sizeof buf[f], "%s a0, a1", cmp[f]);
        check_row(w16(18, RRI(4, 5, f), buf[f]));
    }
    for (unsigned f = 0; f < 8; f++) {
        snprintf(buf[f], sizeof buf[f], "%s s2, ra", logic[f]);
        check_row(w16(19, RRI(3, 7, f), buf[f]));
    }
    for (unsigned k = 0; k < 11; k++) {
        snprintf(buf[k % 8], sizeof buf[0], "%s a0, a1, t0", r3[k]);
        check_row(w16(20 + k, RRI(4, 5, 6), buf[k % 8]));
    }
    check_row(w16(22, RRI(0, 0, 0), "nop"));
    check_row(w16(22, RRI(0, 0, 1), "or.i64 sp, sp, s0"));
    check_row(w16(31, I9(7), "illegal 7"));
    check_row(w16(31, I9(0), "illegal 0"));

    /* --- 32-bit widened twins (minor 0): 6-bit registers, 2x immediates --- */
    check_row(w32(OP32(0, 0), I9(1), I9(256), "break.w 131073"));
    check_row(w32(OP32(1, 0), I9(511), I9(255), "j.w .+262142"));
    check_row(w32(OP32(2, 0), I9(0), I9(256), "b.w .-262144"));
    check_row(w32(OP32(3, 0), I9(-1), I9(-1), "ibj.w -64"));
    check_row(w32(OP32(4, 0), RI(3, 0), RI(0, 1), "jal.i64.w ra, ib64(64)"));
    check_row(w32(OP32(4, 0), RI(0, 63), RI(0, 63), "j.i64.w ib64(4095)"));
    check_row(w32(OP32(5, 0), RI(0, 0), RI(1, 0), "movd.i64.w a2, ib32(0)"));
    check_row(w32(OP32(6, 0), RI(7, 0), RI(7, 63), "movq.i64.w s34, ib64(4032)"));
    check_row(w32(OP32(7, 0), RI(4, 0), RI(0, 32), "movi.i64.w a0, -2048"));
    check_row(w32(OP32(7, 0), RI(4, 63), RI(0, 31), "movi.i64.w a0, 2047"));
    check_row(w32(OP32(8, 0), RI(6, 1), RI(1, 0), "addi.i64.w t1, 1"));
    check_row(w32(OP32(9, 0), RI(0, 63), RI(2, 0), "srli.i64.w t3, 63"));
    check_row(w32(OP32(10, 0), RI(1, 1), RI(0, 0), "srai.i64.w s0, 1"));
    check_row(w32(OP32(11, 0), RI(2, 2), RI(0, 0), "slli.i64.w s1, 2"));
    check_row(w32(OP32(12, 0), RI(4, 0), RI(0, 1), "addd.i64.w a0, ib32(64)"));
    check_row(w32(OP32(13, 0), RI(4, 1), RI(0, 1), "lea.i64.w a0, ib32(65)(pc)"));
    check_row(w32(OP32(14, 0), RI(4, 2), RI(0, 1), "load.i64.w a0, ib32(66)(pc)"));
    check_row(w32(OP32(15, 0), RI(4, 3), RI(0, 1), "store.i64.w a0, ib32(67)(pc)"));
    check_row(w32(OP32(16, 0), RRI(4, 0, 7), RRI(0, 0, 7), "load.i64.w a0, 504(sp)"));
    check_row(w32(OP32(17, 0), RRI(0, 1, 1), RRI(4, 0, 0), "store.i64.w s3, 8(s0)"));
    check_row(w32(OP32(18, 0), RRI(0, 0, 4), RRI(1, 1, 0), "cmp.ltu.i64.w a2, a2"));
    check_row(w32(OP32(19, 0), RRI(1, 2, 5), RRI(0, 0, 0), "clz.i64.w s0, s1"));
    check_row(w32(OP32(24, 0), RRI(0, 5, 7), RRI(5, 0, 7), "add.i64.w s11, a1, s34"));
    check_row(w32(OP32(22, 0), RRI(0, 0, 0), RRI(0, 0, 0), "or.i64.w sp, sp, sp"));
    check_row(w32(OP32(31, 0), I9(0), I9(1), "illegal.w 512"));

    /* --- 32-bit extension operations (minor != 0) --- */
    check_row(w32(OP32(0, 1), 0, 0, "syscall"));
    check_row(w32(OP32(0, 2), 0, 0, "iret"));
    check_row(w32(OP32(0, 3), 0, 0, "wfi"));
    check_row(w32(OP32(0, 4), 0, 0, "fence"));
    check_row(w32(OP32(6, 1), RI(4, 0x03), RI(0, 1), "sysread a0, colorread"));
    check_row(w32(OP32(6, 2), RI(5, 0x0f), RI(0, 8), "syswrite a1, colormatwrite15"));
    check_row(w32(OP32(6, 2), RI(5, 0x0f), RI(0, 0xc), "syswrite a1, colormatexec15")); /* 0x30f: extension */
    check_row(w32(OP32(6, 3), RI(6, 0x11), RI(0, 0), "sysset t0, tcontrol"));
    check_row(w32(OP32(6, 4), RI(7, 63), RI(0, 31), "sysclear ra, 0x7ff"));
    check_row(w32(OP32(16, 1), RRI(4, 0, 7), RRI(0, 0, 7), "load.i8 a0, 63(sp)"));
    check_row(w32(OP32(16, 2), RRI(4, 0, 1), RRI(0, 0, 0), "load.u8 a0, 1(sp)"));
    check_row(w32(OP32(16, 3), RRI(4, 0, 7), RRI(0, 0, 7), "load.i16 a0, 126(sp)"));
    check_row(w32(OP32(16, 4), RRI(4, 0, 1), RRI(0, 0, 0), "load.u16 a0, 2(sp)"));
    check_row(w32(OP32(16, 5), RRI(4, 7, 7), RRI(0, 7, 7), "load.i32 a0, 252(s34)"));
    check_row(w32(OP32(16, 6), RRI(4, 4, 1), RRI(0, 0, 0), "load.u32 a0, 4(a0)"));
    check_row(w32(OP32(17, 1), RRI(5, 4, 0), RRI(0, 0, 0), "store.i8 a1, 0(a0)"));
    check_row(w32(OP32(17, 2), RRI(5, 4, 3), RRI(0, 0, 0), "store.i16 a1, 6(a0)"));
    check_row(w32(OP32(17, 3), RRI(5, 4, 3), RRI(0, 0, 0), "store.i32 a1, 12(a0)"));
    check_row(w32(OP32(20, 1), RRI(4, 1, 5), 0, "cas.i64 a0, a1, (s0)"));
    check_row(w32(OP32(20, 2), RRI(4, 1, 5), 0, "swap.i64 a0, a1, (s0)"));
    check_row(w32(OP32(24, 1), RRI(4, 5, 6), 0, "adc.i64 a0, a1, t0"));
    check_row(w32(OP32(28, 1), RRI(4, 5, 6), 0, "sbc.i64 a0, a1, t0"));
    check_row(w32(OP32(29, 1), RRI(4, 5, 6), 0, "mulh.i64 a0, a1, t0"));
    check_row(w32(OP32(29, 2), RRI(4, 5, 6), 0, "mulhu.i64 a0, a1, t0"));
    check_row(w32(OP32(30, 1), RRI(4, 5, 6), 0, "divu.i64 a0, a1, t0"));
    check_row(w32(OP32(30, 2), RRI(4, 5, 6), 0, "rem.i64 a0, a1, t0"));
    check_row(w32(OP32(30, 3), RRI(4, 5, 6), 0, "remu.i64 a0, a1, t0"));

    /* --- 64-bit memory forms: signed 24-bit byte displacement --- */
    check_row(w64(16, 4, 0, -8388608, "load.i64.x a0, -8388608(sp)"));
    check_row(w64(17, 4, 8, 8388607, "store.i64.x a0, 8388607(a2)"));
    check_row(w64(OP32(16, 2), 4, 0, -1, "load.u8.x a0, -1(sp)"));
    check_row(w64(OP32(17, 3), 63, 32, 1000, "store.i32.x s34, 1000(s3)"));

    /* --- what must not decode --- */
    {
        struct row r = w32(OP32(18, 0), RRI(0, 0, 0), RRI(0, 0, 1), "");
        check_invalid(r.bytes, 4, 4, "32-bit compare with fun 8");
        r = w32(OP32(4, 0), RI(0, 0), RI(1, 0), "");
        check_invalid(r.bytes, 4, 4, "32-bit link with fun field 8");
        r = w32(OP32(9, 0), RI(0, 0), RI(0, 1), "");
        check_invalid(r.bytes, 4, 4, "32-bit shift by 64");
        r = w32(OP32(1, 5), 0, 0, "");
        check_invalid(r.bytes, 4, 4, "reserved minor opcode");
        r = w32(OP32(0, 1), 1, 0, "");
        check_invalid(r.bytes, 4, 4, "syscall with a non-zero operand");
        r = w32(OP32(24, 0), 0, 0, "");
        r.bytes[2] &= (uint8_t)~3; /* second packet says 00 */
        check_invalid(r.bytes, 4, 2, "second packet without size 11");
        r = w64(24, 0, 0, 0, "");
        check_invalid(r.bytes, 8, 8, "64-bit form of an op that has none");
        r = w64(16, 0, 0, 0, "");
        r.bytes[4] |= 4; /* opcode bit 10 */
        check_invalid(r.bytes, 8, 8, "64-bit opcode bits [19:10] not zero");
        uint8_t cont[2] = {0xff, 0xff};
        check_invalid(cont, 2, 2, "continuation packet first");
        gl_insn in;
        CHECK(gl_decode(r.bytes, 6, &in) == 0, "truncated 64-bit instruction needs more bytes");
    }
    return check_done();
}
