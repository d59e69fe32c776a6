#!/usr/bin/env python3
"""configure.py - write build.ninja for the glyph toolchain.

Python 3 standard library only.  Sources are found by directory, so a
new file in as/, ld/, objdump/, emu/ or lib/ needs no edit here:

  lib/*.c                  -> build/lib/libglyph.a  (decoder library)
  <tool>/*.c *.l *.y       -> build/bin/glyph-<tool>
  tests/<area>/*.c         -> build/tests/<area>/<name> (run by tests/run.py;
                              a leading '_' marks a helper, built but not run)
  runtime/*.s              -> build/runtime/crt0.o, build/runtime/libgrt.a
  examples/<name>.s        -> build/examples/<name>
  examples/<name>/*.s      -> build/examples/<name>

Run `./configure.py --help` for the options.
"""

import argparse
import glob
import os
import shlex
import shutil
import subprocess
import sys

SRC = os.path.dirname(os.path.abspath(__file__))
BUILD = "build"  # --builddir may change it (a second tree beside build/)

# Tool directory -> installed program name.
TOOLS = [
    ("as", "glyph-as"),
    ("ld", "glyph-ld"),
    ("objdump", "glyph-objdump"),
    ("emu", "glyph-run"),
]

# What the build and the tests need: (what, how to check, Debian package).
NEEDS = [
    ("ninja", lambda a: shutil.which("ninja"), "ninja-build"),
    ("flex", lambda a: shutil.which("flex"), "flex"),
    ("bison", lambda a: shutil.which("bison"), "bison"),
    ("pkg-config", lambda a: shutil.which("pkg-config"), "pkg-config"),
    ("libelf (pkg-config libelf)", lambda a: pkg_config_ok("libelf"), "libelf-dev"),
    ("ar, readelf", lambda a: shutil.which("ar") and shutil.which("readelf"), "binutils"),
    ("eu-elflint", lambda a: shutil.which("eu-elflint"), "elfutils"),
]


def pkg_config_ok(name):
    if not shutil.which("pkg-config"):
        return False
    return subprocess.call(["pkg-config", "--exists", name]) == 0


def pkg_config(name, what):
    out = subprocess.check_output(["pkg-config", what, name], text=True)
    return out.strip()


def missing_packages(args):
    missing = []
    if not shutil.which(args.cc):
        known = {"cc": "gcc", "gcc": "gcc", "clang": "clang"}
        missing.append(("C compiler " + args.cc, known.get(os.path.basename(args.cc),
                                                         "none known; pass --cc")))
    for what, check, pkg in NEEDS:
        if not check(args):
            missing.append((what, pkg))
    return missing


def install_packages(pkgs):
    cmd = ["apt-get", "install", "-y", "--no-install-recommends"] + pkgs
    if os.geteuid() != 0:
        print("configure: installing needs root; run: sudo " + " ".join(cmd), file=sys.stderr)
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    print("configure: apt-get update && " + " ".join(cmd), flush=True)
    if subprocess.call(["apt-get", "update", "-q"], env=env) != 0:
        return False
    return subprocess.call(cmd, env=env) == 0


class Writer:
    """The few ninja statements we need."""

    def __init__(self):
        self.lines = []

    def comment(self, text):
        for line in text.splitlines():
            self.lines.append(("# " + line).rstrip())

    def newline(self):
        self.lines.append("")

    def variable(self, key, value, indent=0):
        self.lines.append("  " * indent + "%s = %s" % (key, value))

    def rule(self, name, command, description=None, **kw):
        self.lines.append("rule " + name)
        self.variable("command", command, 1)
        if description:
            self.variable("description", description, 1)
        for k, v in kw.items():
            self.variable(k, v, 1)
        self.newline()

    def build(self, outputs, rule, inputs=(), implicit=(), order_only=(),
              implicit_outputs=(), variables=None):
        def esc(paths):
            return " ".join(p.replace("$", "$$").replace(" ", "$ ").replace(":", "$:")
                            for p in paths)
        line = "build " + esc(as_list(outputs))
        if implicit_outputs:
            line += " | " + esc(as_list(implicit_outputs))
        line += ": " + rule
        if inputs:
            line += " " + esc(as_list(inputs))
        if implicit:
            line += " | " + esc(as_list(implicit))
        if order_only:
            line += " || " + esc(as_list(order_only))
        self.lines.append(line)
        for k, v in (variables or {}).items():
            self.variable(k, v, 1)

    def default(self, paths):
        self.lines.append("default " + " ".join(as_list(paths)))

    def text(self):
        return "\n".join(self.lines) + "\n"


def as_list(x):
    return [x] if isinstance(x, str) else list(x)


def rel(path):
    return os.path.relpath(path, SRC)


def stem(path):
    return os.path.splitext(os.path.basename(path))[0]


def sources(d, pattern):
    return sorted(rel(p) for p in glob.glob(os.path.join(SRC, d, pattern)))


def main():
    ap = argparse.ArgumentParser(description="Write build.ninja for the glyph toolchain.")
    ap.add_argument("--debug", action="store_true", help="-O0, no optimisation")
    ap.add_argument("--sanitize", action="store_true", help="build with ASan + UBSan")
    ap.add_argument("--prefix", default="/usr/local", help="install prefix (default /usr/local)")
    ap.add_argument("--cc", default=os.environ.get("CC", "cc"), help="C compiler (default $CC or cc)")
    ap.add_argument("--builddir", default="build",
                    help="output directory (default build; use another for a second configuration)")
    ap.add_argument("--ninja-file", default="build.ninja",
                    help="ninja file to write (default build.ninja)")
    ap.add_argument("--fuzz", action="store_true",
                    help="also build libFuzzer targets (clang, ASan + UBSan) in fuzz/; "
                         "`ninja fuzz` runs each (use with --builddir build-fuzz)")
    ap.add_argument("--fuzz-time", type=int, default=60,
                    help="seconds `ninja fuzz` runs each target (default 60; "
                         "the FUZZ_TIME environment variable overrides it)")
    ap.add_argument("--install-deps", action="store_true",
                    help="apt-get install missing Debian packages first (needs root)")
    args = ap.parse_args()
    if args.fuzz and args.cc == os.environ.get("CC", "cc"):
        args.cc = "clang"  # libFuzzer comes with clang
    global BUILD
    BUILD = args.builddir.rstrip("/")

    missing = missing_packages(args)
    if missing and args.install_deps:
        pkgs = sorted({pkg for _, pkg in missing if " " not in pkg})
        if pkgs and install_packages(pkgs):
            missing = missing_packages(args)
    if missing:
        for what, pkg in missing:
            print("configure: missing %s (Debian package: %s)" % (what, pkg), file=sys.stderr)
        print("configure: install them (or rerun with --install-deps as root)", file=sys.stderr)
        return 1

    elf_cflags = pkg_config("libelf", "--cflags")
    elf_libs = pkg_config("libelf", "--libs")

    opt = "-O0" if args.debug else "-O2"
    cflags = "-std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror %s -g -Ilib %s" % (opt, elf_cflags)
    ldflags = ""
    if args.sanitize or args.fuzz:
        san = "-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
        cflags += " " + san
        ldflags += " " + san
    if args.fuzz:
        cflags += " -fsanitize=fuzzer-no-link"
    # flex/bison output is not ours to fix; these two warnings fire in it.
    gen_cflags = "$cflags -Wno-unused-function -Wno-sign-compare"

    n = Writer()
    # --install-deps is a one-time action, not part of the configuration,
    # so the file (and the command that rewrites it) does not record it.
    argv = [a for a in sys.argv[1:] if a != "--install-deps"]
    n.comment("build.ninja - written by configure.py; do not edit.\n"
              "configure.py " + " ".join(shlex.quote(a) for a in argv))
    n.newline()
    n.variable("ninja_required_version", "1.7")
    n.variable("builddir", BUILD)
    n.variable("cc", args.cc)
    n.variable("cflags", cflags)
    n.variable("ldflags", ldflags.strip())
    n.variable("libs", elf_libs)
    n.variable("prefix", args.prefix)
    n.newline()

    n.rule("cc", "$cc -MMD -MF $out.d $cflags $extra -c $in -o $out",
           description="CC $out", depfile="$out.d", deps="gcc")
    n.rule("ar", "rm -f $out && ar crs $out $in", description="AR $out")
    n.rule("link", "$cc $ldflags -o $out $in $libs", description="LINK $out")
    n.rule("flex", "flex --header-file=$hdr -o $out $in", description="FLEX $in")
    n.rule("bison", "bison -Wall -Werror --defines=$hdr -o $out $in", description="BISON $in")
    # glyph-as writes which files it read (.include) like gcc -MD
    n.rule("glyph_as", "$builddir/bin/glyph-as -MD -MF $out.d -o $out $in",
           description="GLYPH-AS $out", depfile="$out.d", deps="gcc")
    n.rule("glyph_ld", "$builddir/bin/glyph-ld -o $out $in $ldargs", description="GLYPH-LD $out")
    n.rule("configure", "python3 configure.py " + " ".join(shlex.quote(a) for a in argv),
           description="CONFIGURE", generator="1")
    if args.fuzz:
        # new inputs go to $builddir/fuzz/corpus-NAME; fuzz/corpus/NAME
        # (the committed seeds and regressions) is read, never written
        n.rule("fuzz_run", "mkdir -p $builddir/fuzz/corpus-$name && nice -n 19 $in "
               "-max_total_time=$${FUZZ_TIME:-%d} -close_fd_mask=1 -print_final_stats=1 "
               "-artifact_prefix=$builddir/fuzz/$name- $builddir/fuzz/corpus-$name "
               "fuzz/corpus/$name $seeds" % args.fuzz_time,
               description="FUZZ $name", pool="console")
    n.rule("runtests", "python3 tests/run.py --build $builddir", description="TEST", pool="console")
    n.rule("install_bin", "install -d $prefix/bin && install -m 755 $in $prefix/bin/",
           description="INSTALL $prefix/bin")
    n.rule("install_lib", "install -d $prefix/lib/glyph && install -m 644 $in $prefix/lib/glyph/",
           description="INSTALL $prefix/lib/glyph")

    # link.args are read here (their text goes into the link commands)
    link_args = sorted(rel(p) for p in glob.glob(os.path.join(SRC, "examples", "*", "link.args")))
    n.build(args.ninja_file, "configure", implicit=["configure.py"] + link_args)
    n.newline()

    def compile_c(src, gen=False, extra=""):
        obj = os.path.join(BUILD, "obj", src[:-2] + ".o") if not gen else src[:-2] + ".o"
        v = {}
        if gen:
            v["cflags"] = gen_cflags
        if extra:
            v["extra"] = extra
        n.build(obj, "cc", src, variables=v)
        return obj

    # lib/: the decoder library everything links.
    lib_objs = [compile_c(s) for s in sources("lib", "*.c")]
    libglyph = os.path.join(BUILD, "lib", "libglyph.a")
    n.build(libglyph, "ar", lib_objs)
    n.newline()

    all_targets = [libglyph]
    programs = []
    tool_objs = {}  # tool directory -> (objects without main.o, include flags)
    for d, name in TOOLS:
        cs = sources(d, "*.c")
        ls = sources(d, "*.l")
        ys = sources(d, "*.y")
        if not (cs or ls or ys):
            continue
        gen_dir = os.path.join(BUILD, "gen", d)
        gen_c, gen_h = [], []
        for y in ys:
            c = os.path.join(gen_dir, stem(y) + ".c")
            h = os.path.join(gen_dir, stem(y) + ".h")
            n.build(c, "bison", y, implicit_outputs=[h], variables={"hdr": h})
            gen_c.append(c)
            gen_h.append(h)
        for lsrc in ls:
            c = os.path.join(gen_dir, stem(lsrc) + ".c")
            h = os.path.join(gen_dir, stem(lsrc) + ".h")
            n.build(c, "flex", lsrc, implicit_outputs=[h], variables={"hdr": h})
            gen_c.append(c)
            gen_h.append(h)
        extra = "-I%s -I%s" % (d, gen_dir) if gen_c else "-I" + d
        objs = []
        for s in cs:
            obj = os.path.join(BUILD, "obj", s[:-2] + ".o")
            n.build(obj, "cc", s, order_only=gen_h, variables={"extra": extra})
            objs.append(obj)
        for c in gen_c:
            obj = c[:-2] + ".o"
            n.build(obj, "cc", c, order_only=gen_h,
                    variables={"cflags": gen_cflags, "extra": extra})
            objs.append(obj)
        exe = os.path.join(BUILD, "bin", name)
        n.build(exe, "link", objs + [libglyph])
        main_o = os.path.join(BUILD, "obj", d, "main.o")
        tool_objs[d] = ([o for o in objs if o != main_o], extra, gen_h)
        programs.append(exe)
        n.newline()
    all_targets += programs

    # tests/<area>/*.c: unit tests and test helpers.
    test_bins = []
    for src in sorted(rel(p) for p in glob.glob(os.path.join(SRC, "tests", "*", "*.c"))):
        area = os.path.basename(os.path.dirname(src))
        obj = compile_c(src, extra="-Itests/%s" % area)
        exe = os.path.join(BUILD, "tests", area, stem(src))
        n.build(exe, "link", [obj, libglyph])
        test_bins.append(exe)
    all_targets += test_bins
    n.newline()

    # fuzz/TOOL.c: fuzz targets, each linked with its tool's objects (not
    # main.o).  Always built with replay.c as build/fuzz/replay-TOOL, which
    # runs the regression corpus in the test suite; with --fuzz also
    # against libFuzzer as build/fuzz/fuzz-TOOL, run by `ninja fuzz`.
    fuzz_dirs = {"as": "as", "ld": "ld", "objdump": "objdump", "run": "emu"}
    fuzz_runs = []
    fuzz_common = [compile_c(s, extra="-Ifuzz") for s in ["fuzz/input.c"]]
    replay_o = compile_c("fuzz/replay.c", extra="-Ifuzz")
    for name in sorted(fuzz_dirs):
        src, d = "fuzz/%s.c" % name, fuzz_dirs[name]
        if not os.path.exists(os.path.join(SRC, src)) or d not in tool_objs:
            continue
        objs, extra, gen_h = tool_objs[d]
        t_o = os.path.join(BUILD, "obj", "fuzz", name + ".o")
        n.build(t_o, "cc", src, order_only=gen_h, variables={"extra": extra + " -Ifuzz"})
        replay = os.path.join(BUILD, "fuzz", "replay-" + name)
        n.build(replay, "link", [t_o, replay_o] + fuzz_common + objs + [libglyph])
        all_targets.append(replay)
        if args.fuzz:
            fz = os.path.join(BUILD, "fuzz", "fuzz-" + name)
            n.build(fz, "link", [t_o] + fuzz_common + objs + [libglyph],
                    variables={"ldflags": "$ldflags -fsanitize=fuzzer"})
            all_targets.append(fz)
            run = "fuzz-run-" + name
            # seeds also come from the sources the tree already has
            seeds = {"as": "examples tests/objdump tests/as/golden tests/runtime"}
            n.build(run, "fuzz_run", fz, variables={"name": name, "seeds": seeds.get(name, "")})
            fuzz_runs.append(run)
    if fuzz_runs:
        n.build("fuzz", "phony", fuzz_runs)
    n.newline()

    # runtime/ and examples/: glyph assembly built with our own tools.
    tool_as = os.path.join(BUILD, "bin", "glyph-as")
    tool_ld = os.path.join(BUILD, "bin", "glyph-ld")
    runtime = []
    rt_srcs = sources("runtime", "*.s")
    if rt_srcs and tool_as in programs and tool_ld in programs:
        rt_objs = []
        for s in rt_srcs:
            obj = os.path.join(BUILD, "runtime", stem(s) + ".o")
            n.build(obj, "glyph_as", s, implicit=[tool_as])
            if stem(s) == "crt0":
                runtime.append(obj)
            else:
                rt_objs.append(obj)
        grt = os.path.join(BUILD, "runtime", "libgrt.a")
        n.build(grt, "ar", rt_objs)
        runtime.append(grt)
        crt0 = os.path.join(BUILD, "runtime", "crt0.o")
        examples = {}
        for s in sources("examples", "*.s"):
            examples[stem(s)] = [s]
        for d in sorted(glob.glob(os.path.join(SRC, "examples", "*", ""))):
            srcs = sources(rel(d), "*.s")
            if srcs:
                examples[os.path.basename(os.path.dirname(d))] = srcs
        for name, srcs in sorted(examples.items()):
            objs = []
            for s in srcs:
                obj = os.path.join(BUILD, "obj", s[:-2] + ".o")
                n.build(obj, "glyph_as", s, implicit=[tool_as])
                objs.append(obj)
            exe = os.path.join(BUILD, "examples", name)
            ldargs = "-L%s -lgrt" % os.path.join(BUILD, "runtime")
            extra_ld = os.path.join(SRC, "examples", name, "link.args")
            link_deps = []
            if os.path.exists(extra_ld):
                text = open(extra_ld).read().strip()
                ldargs += " " + text
                # the arguments are written into this file: changing them
                # reconfigures; the files they name (policy.txt) relink
                link_deps.append(rel(extra_ld))
                words = shlex.split(text)
                link_deps += [w for w in words if os.path.isfile(os.path.join(SRC, w))]
            n.build(exe, "glyph_ld", [crt0] + objs, implicit=[tool_ld, grt] + link_deps,
                    variables={"ldargs": ldargs})
            runtime.append(exe)
        all_targets += runtime
        n.newline()

    n.build("all", "phony", all_targets)
    n.build("run_tests", "runtests", implicit=["all"])
    n.build("test", "phony", "run_tests")
    installs = ["install_bin"]
    n.build("install_bin", "install_bin", programs, implicit=["all"])
    rt_lib = [p for p in runtime if not p.startswith(os.path.join(BUILD, "examples"))]
    if rt_lib:
        n.build("install_lib", "install_lib", rt_lib, implicit=["all"])
        installs.append("install_lib")
    n.build("install", "phony", installs)
    n.default("all")

    with open(os.path.join(SRC, args.ninja_file), "w") as f:
        f.write(n.text())
    mode = "sanitize" if args.sanitize else "debug" if args.debug else "release"
    print("configure: wrote %s (%s, cc=%s, prefix=%s)" % (args.ninja_file, mode, args.cc, args.prefix))
    return 0


if __name__ == "__main__":
    sys.exit(main())
