#!/usr/bin/env python3
"""The .deb packages CPack builds: names, Depends, files, maintainer scripts, and that what they
ship works where dpkg would put it.

Builds both packages with cpack into a temporary folder, reads them with dpkg-deb, applies the
sysusers.d and tmpfiles.d files to a scratch root (systemd-sysusers/-tmpfiles --root), and runs
the packaged gongwen from the unpacked tree on the packaged config.

Usage: deb_test.py --build-dir B --source-dir S --cpack CPACK [--keep]
Exit 77 (CTest: skipped) where dpkg-deb or dpkg-shlibdeps is missing.
"""

import argparse
import re
import shutil
import sys
from pathlib import Path

from install_support import expect, run, run_in_work_folder, step

SKIP = 77


def contents(deb):
    listing = run(["dpkg-deb", "--contents", deb]).stdout
    return {line.split()[-1].removeprefix(".") for line in listing.splitlines() if line.strip()}


def field(deb, name):
    return run(["dpkg-deb", "--field", deb, name]).stdout.strip()


def check_runtime(deb, work, source_dir):
    files = contents(deb)
    for path in ["/usr/bin/gongwen", "/usr/lib/gongwen/plugins/json.so",
                 "/usr/lib/gongwen/plugins/encoding_fix.so", "/etc/gongwen/gongwen.toml",
                 "/usr/lib/systemd/system/gongwen.service", "/usr/lib/sysusers.d/gongwen.conf",
                 "/usr/lib/tmpfiles.d/gongwen.conf", "/usr/share/doc/gongwen/install.md"]:
        expect(path in files, f"{deb.name} lacks {path}")
    expect(not any(f.startswith("/usr/include") for f in files),
           f"{deb.name} ships SDK headers: they belong in gongwen-dev")
    expect(not any("/broken_plugins/" in f or f.endswith("/throws.so") for f in files),
           f"{deb.name} ships a test plugin")

    depends = field(deb, "Depends")
    # dpkg-shlibdeps reads the shipped ELF files: the libraries the daemon links must be there.
    for package in ["libc6", "libstdc++6", "libsqlite3-0", "libboost-json1.81.0"]:
        expect(re.search(rf"(^|[ ,]){re.escape(package)}\b", depends),
               f"{deb.name}: Depends has no {package}: {depends}")
    expect("systemd | adduser" in depends, f"{deb.name}: Depends lacks systemd | adduser")

    control = work / "control-runtime"
    run(["dpkg-deb", "--control", deb, control])
    expect((control / "conffiles").read_text().split() == ["/etc/gongwen/gongwen.toml"],
           "conffiles should list exactly /etc/gongwen/gongwen.toml")
    for script in ["postinst", "prerm", "postrm"]:
        expect((control / script).stat().st_mode & 0o111, f"{script} is not executable")
        run(["sh", "-n", control / script])
    expect("systemd-sysusers gongwen.conf" in (control / "postinst").read_text(),
           "postinst does not create the service user")

    root = work / "root"
    run(["dpkg-deb", "--extract", deb, root])
    unit = (root / "usr/lib/systemd/system/gongwen.service").read_text()
    expect("ExecStart=/usr/bin/gongwen run --config /etc/gongwen/gongwen.toml\n" in unit,
           "the packaged unit does not start /usr/bin/gongwen on /etc/gongwen/gongwen.toml")

    # What postinst does on a real system, applied to a scratch root instead.
    sysroot = work / "sysroot"
    (sysroot / "etc").mkdir(parents=True)
    if shutil.which("systemd-sysusers") and shutil.which("systemd-tmpfiles"):
        run(["systemd-sysusers", f"--root={sysroot}", "-"],
            stdin=(root / "usr/lib/sysusers.d/gongwen.conf").read_text())
        passwd = (sysroot / "etc/passwd").read_text()
        expect(re.search(r"^gongwen:x:\d+:\d+:.*:/var/lib/gongwen:", passwd, re.M),
               f"sysusers.d made no gongwen user: {passwd}")
        run(["systemd-tmpfiles", f"--root={sysroot}", "--create", "-"],
            stdin=(root / "usr/lib/tmpfiles.d/gongwen.conf").read_text())
        inbox = sysroot / "var/lib/gongwen/inbox"
        expect(inbox.is_dir() and (inbox.stat().st_mode & 0o7777) == 0o2770,
               "tmpfiles.d made no setgid, group-writable /var/lib/gongwen/inbox")
        step("sysusers.d and tmpfiles.d files applied to a scratch root")

    # The packaged (stripped) binary finds the packaged plugins next to it and accepts the
    # packaged config.
    report = source_dir / "examples" / "reports" / "sample_summary.txt"
    run([root / "usr/bin/gongwen", "process", "--config", root / "etc/gongwen/gongwen.toml",
         "--chain", "encoding_fix", report])
    step(f"{deb.name}: Depends: {depends}")


def check_dev(deb):
    files = contents(deb)
    for path in ["/usr/include/gongwen/plugin.hpp", "/usr/include/gongwen/testkit.hpp",
                 "/usr/share/doc/gongwen/sdk.md",
                 "/usr/share/doc/gongwen/examples/plugin_template/CMakeLists.txt"]:
        expect(path in files, f"{deb.name} lacks {path}")
    expect(any(re.fullmatch(r"/usr/lib/(.*/)?libgongwen_sdk\.a", f) for f in files),
           f"{deb.name} lacks libgongwen_sdk.a")
    expect(any(f.endswith("/cmake/GongwenSDK/GongwenSDKConfig.cmake") for f in files),
           f"{deb.name} lacks the CMake package")
    expect(not any(f.startswith("/usr/bin") for f in files), f"{deb.name} ships binaries")
    depends = field(deb, "Depends")
    for package in ["libboost1.81-dev", "libboost-json1.81-dev"]:
        expect(package in depends, f"{deb.name}: Depends has no {package}: {depends}")
    step(f"{deb.name}: Depends: {depends}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-dir", type=Path, required=True)
    ap.add_argument("--source-dir", type=Path, required=True)
    ap.add_argument("--cpack", required=True)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    for tool in ["dpkg-deb", "dpkg-shlibdeps"]:
        if not shutil.which(tool):
            print(f"{tool} not found (Debian: dpkg-dev): cannot build or read .deb files")
            return SKIP

    def body(work):
        run([args.cpack, "--config", args.build_dir / "CPackConfig.cmake", "-B", work / "out"])
        debs = {re.sub(r"_.*", "", d.name): d for d in (work / "out").glob("*.deb")}
        expect(set(debs) == {"gongwen", "gongwen-dev"},
               f"cpack built {sorted(d.name for d in debs.values())}, "
               "expected gongwen and gongwen-dev")
        check_runtime(debs["gongwen"], work, args.source_dir)
        check_dev(debs["gongwen-dev"])

    return run_in_work_folder("deb-test", args.keep, body)

if __name__ == "__main__":
    sys.exit(main())
