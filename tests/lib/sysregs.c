/*
 * sysregs.c - the access and privilege columns of sysregs.def against
 * the spec's register descriptions, written here by hand: user code
 * reaches only the user group (0x00-0x05), of which only fpstatus and
 * fpcontrol are writable; tack and smessage are write-only; the clock,
 * address/domain, version and feature registers, the trap record and
 * the other status registers are read-only.
 */
#include "check.h"
#include "isa.h"

static int named(unsigned num)
{
    char buf[32];
    gl_sysreg_format(num, buf, sizeof buf);
    return buf[0] != '0';
}

int main(void)
{
    int user_r = 1, user_w = 1, sys_r = 1, sys_w = 1, unnamed = 1;
    for (unsigned n = 0; n < 0x1000; n++) {
        int is_user = n <= 0x05;
        /* ... and the trap record, sstatus, the identity registers, sip,
         * the debug counters, domlast/domcurr and mtlbkey (docs/isa.md
         * "System mode") */
        int ro = n == 0x02 || n == 0x03 || n == 0x04 || n == 0x05 || n == 0x22 ||
                 n == 0x23 || n == 0x62 || n == 0x10 || n == 0x13 || n == 0x14 ||
                 n == 0x20 || n == 0x25 || n == 0x26 || n == 0x2c || n == 0x30 ||
                 n == 0x32 || n == 0x33 || n == 0x53 || n == 0x54 || n == 0x63;
        int wo = n == 0x15 || n == 0x29;
        if (gl_sysreg_allowed(n, GL_SR_READ, GL_PRIV_USER) != is_user) {
            user_r = 0;
            CHECK(0, "user read of 0x%x", n);
        }
        if (gl_sysreg_allowed(n, GL_SR_WRITE, GL_PRIV_USER) != (n <= 0x01)) {
            user_w = 0;
            CHECK(0, "user write of 0x%x", n);
        }
        if (!named(n)) {
            if (gl_sysreg_allowed(n, GL_SR_READ, GL_PRIV_SYS) ||
                gl_sysreg_allowed(n, GL_SR_WRITE, GL_PRIV_SYS)) {
                unnamed = 0;
                CHECK(0, "unnamed 0x%x is reachable", n);
            }
            continue;
        }
        if (gl_sysreg_allowed(n, GL_SR_READ, GL_PRIV_SYS) != !wo) {
            sys_r = 0;
            CHECK(0, "system read of 0x%x", n);
        }
        if (gl_sysreg_allowed(n, GL_SR_WRITE, GL_PRIV_SYS) != !ro) {
            sys_w = 0;
            CHECK(0, "system write of 0x%x", n);
        }
    }
    CHECK(user_r, "user code reads exactly the user registers 0x00-0x05");
    CHECK(user_w, "user code writes exactly fpstatus and fpcontrol");
    CHECK(sys_r, "system code reads every named register but tack and smessage");
    CHECK(sys_w, "system code writes every named register but the read-only ones");
    CHECK(unnamed, "unnamed numbers are reachable by nobody");
    CHECK(GL_SR_colormatread == 0x100 && GL_SR_ctime == 0x02 && GL_SR_econtrol == 0x71,
          "GL_SR_<name> numbers");
    return check_done();
}
