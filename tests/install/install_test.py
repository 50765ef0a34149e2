#!/usr/bin/env python3
"""gongwen as a user installs it, and plugins as a third party builds them.

Installs the build tree to a staging prefix (`cmake --install --prefix`), checks the layout,
builds the example plugins out of tree against that prefix with find_package(GongwenSDK)
(running their test-kit tests), and runs them in the installed daemon: `gongwen process`, then a
short `gongwen run` on a temporary inbox until the report is exported, then SIGTERM.

Usage: install_test.py --build-dir B --source-dir S --cmake CMAKE --ctest CTEST
                       --generator G --cxx CXX [--cxx-flags FLAGS] [--keep]
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from install_support import deny_write_execute, expect, run, run_in_work_folder, step

EXAMPLES = ["keyword_tagger", "ndjson_exporter", "plugin_template"]
WITH_TESTS = ["ndjson_exporter", "plugin_template"]


def check_layout(prefix):
    for rel in ["bin/gongwen", "lib/gongwen/plugins/json.so", "lib/gongwen/plugins/encoding_fix.so",
                "etc/gongwen/gongwen.toml", "lib/systemd/system/gongwen.service",
                "lib/sysusers.d/gongwen.conf", "lib/tmpfiles.d/gongwen.conf",
                "include/gongwen/plugin.hpp", "include/gongwen/testkit.hpp",
                "share/doc/gongwen/install.md", "share/doc/gongwen/sdk.md",
                "share/doc/gongwen/examples/plugin_template/CMakeLists.txt"]:
        expect((prefix / rel).exists(), f"not installed: {rel}")
    expect(list(prefix.glob("lib*/libgongwen_sdk.a")), "not installed: lib/libgongwen_sdk.a")
    expect(list(prefix.glob("lib*/cmake/GongwenSDK/GongwenSDKConfig.cmake")),
           "not installed: lib/cmake/GongwenSDK/GongwenSDKConfig.cmake")
    expect(list(prefix.glob("lib*/cmake/GongwenSDK/GongwenPlugin.cmake")),
           "not installed: lib/cmake/GongwenSDK/GongwenPlugin.cmake")
    expect(not (prefix / "lib/gongwen/plugins/throws.so").exists(),
           "a deliberately broken test plugin was installed")


def check_plugin_data(build_dir, prefix):
    """Every plugin's data folder (gongwen_add_plugin DATA) is installed beside it, whole."""
    built = build_dir / "lib/gongwen/plugins"
    installed = prefix / "lib/gongwen/plugins"
    folders = 0
    for so in sorted(built.glob("*.so")):
        expect((installed / so.name).is_file(), f"plugin not installed: {so.name}")
        data = built / so.stem
        if data.is_dir():
            folders += 1
            for f in (p for p in data.rglob("*") if p.is_file()):
                rel = f.relative_to(built)
                expect((installed / rel).is_file(), f"plugin data not installed: {rel}")
    return folders


def check_service_files(prefix):
    unit = (prefix / "lib/systemd/system/gongwen.service").read_text()
    config = prefix / "etc/gongwen/gongwen.toml"
    expect(f"ExecStart={prefix}/bin/gongwen run --config {config}\n" in unit,
           f"the installed unit does not start the installed binary on the installed config:\n"
           + "\n".join(l for l in unit.splitlines() if l.startswith("ExecStart")))
    # The service runs in / with ProtectSystem=strict: a relative path would point nowhere
    # writable, so every path in the service config must be absolute.
    text = config.read_text()
    for n, line in enumerate(text.splitlines(), 1):
        code = line.split("#", 1)[0]
        expect(not re.search(r'"\.\.?/', code),
               f"{config}:{n}: relative path in the service config: {line.strip()}")
    expect('"/var/lib/gongwen/inbox"' in text, "service config does not watch /var/lib/gongwen/inbox")


def build_examples(args, prefix, work):
    env = dict(os.environ)
    env.pop("CMAKE_PREFIX_PATH", None)
    builds = {}
    for name in EXAMPLES:
        build = work / f"build-{name}"
        configure = [args.cmake, "-S", args.source_dir / "examples" / name, "-B", build,
                     "-G", args.generator, "-DCMAKE_BUILD_TYPE=Release",
                     f"-DCMAKE_PREFIX_PATH={prefix}", f"-DCMAKE_CXX_COMPILER={args.cxx}"]
        if args.cxx_flags:
            configure += [f"-DCMAKE_CXX_FLAGS={args.cxx_flags}",
                          f"-DCMAKE_EXE_LINKER_FLAGS={args.cxx_flags}",
                          f"-DCMAKE_MODULE_LINKER_FLAGS={args.cxx_flags}"]
        t0 = time.monotonic()
        run(configure, env=env)
        cache = (build / "CMakeCache.txt").read_text()
        found = re.search(r"^GongwenSDK_DIR:PATH=(.*)$", cache, re.M)
        expect(found and Path(found.group(1)).resolve().is_relative_to(prefix.resolve()),
               f"{name}: find_package(GongwenSDK) did not use the staged prefix: "
               f"{found.group(1) if found else 'not found'}")
        run([args.cmake, "--build", build, "--parallel", "2"], env=env, timeout=900)
        so = build / "plugins" / f"{name}.so"
        expect(so.is_file(), f"{name}: built no {so}")
        if name in WITH_TESTS:
            run([args.ctest, "--test-dir", build, "--output-on-failure"], env=env)
        builds[name] = so
        step(f"{name}: built out of tree against the staged SDK"
             + (" and its tests passed" if name in WITH_TESTS else "")
             + f" ({time.monotonic() - t0:.0f} s)")
    # The installed gongwen_add_plugin installs next to the installed daemon's plugins.
    run([args.cmake, "--install", work / "build-keyword_tagger", "--prefix", prefix])
    expect((prefix / "lib/gongwen/plugins/keyword_tagger.so").is_file(),
           "cmake --install of an out-of-tree plugin did not reach lib/gongwen/plugins")
    expect((prefix / "lib/gongwen/plugins/keyword_tagger/keywords.txt").is_file(),
           "an out-of-tree plugin's DATA did not reach lib/gongwen/plugins/keyword_tagger/")
    return builds


def write_config(path, root, builds):
    # keyword_tagger by name (installed into the prefix above, found through the installed
    # binary's default plugin folder); the other two by the path of their out-of-tree build.
    chain = ["encoding_fix", "variant_convert", "section_split", "metric_extract",
             "keyword_tagger", str(builds["plugin_template"]), str(builds["ndjson_exporter"]),
             "json"]
    path.write_text(f"""\
[daemon]
workers = 1
settle_ms = 100

[store]
database = "{root}/gongwen.db"

[output]
dir = "{root}/out"

[[inbox]]
path = "{root}/inbox"

[chain]
plugins = {json.dumps(chain, ensure_ascii=False)}

[plugins.ndjson_exporter]
file = "{root}/metrics.ndjson"
one_line_per = "document"
sync = false

[plugins.plugin_template]
attribute = "length"
""")


def read_ndjson(path):
    if not path.exists():
        return []
    return [json.loads(l) for l in path.read_text().splitlines() if l.strip()]


def check_process(gongwen, config, report, root):
    # Every plugin, installed or out of tree, is loaded the way the hardened service loads it.
    sandbox = deny_write_execute()
    p = run([gongwen, "process", "--config", config, report], preexec_fn=sandbox)
    docs = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    expect(len(docs) == 1, f"gongwen process printed {len(docs)} documents:\n{p.stdout}")
    doc = docs[0]
    steps = [s["plugin"] for s in doc["chain"]]
    expect(steps[4:7] == ["keyword_tagger", "plugin_template", "ndjson_exporter"],
           f"the out-of-tree plugins did not run in order: {steps}")
    attributes = doc.get("attributes", {})
    expect("法律援助" in attributes.get("keywords", ""),
           f"keyword_tagger found no 法律援助 in the sample report: {attributes}")
    expect(int(attributes.get("length", "0")) == len(doc["text"]),
           f"plugin_template's length {attributes.get('length')} != {len(doc['text'])} code points")
    lines = read_ndjson(root / "metrics.ndjson")
    expect(len(lines) == 1, f"ndjson_exporter wrote {len(lines)} lines, expected 1")
    expect(len(lines[0]["metrics"]) == len(doc["metrics"]),
           "ndjson_exporter's metrics differ from the document's")
    expect((root / "out" / f"{doc['source']['sha256']}.json").is_file(),
           "the installed json exporter wrote no file")
    step(f"gongwen process: chain {','.join(steps)}; {len(doc['metrics'])} metrics; "
         + ("under PR_SET_MDWE (as MemoryDenyWriteExecute=yes)" if sandbox
            else "this kernel has no PR_SET_MDWE to stand for MemoryDenyWriteExecute="))


def check_run(gongwen, config, report, root):
    log_path = root / "daemon.log"
    with open(log_path, "w") as log:
        daemon = subprocess.Popen([str(gongwen), "run", "--config", str(config)],
                                  stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while not (root / "gongwen.db").exists() and time.monotonic() < deadline:
            expect(daemon.poll() is None, "gongwen run exited:\n" + log_path.read_text())
            time.sleep(0.05)
        # Written elsewhere and moved in, as a crawler should. Whether the watch or the start-up
        # scan of the inbox sees it first, it must be taken exactly once.
        shutil.copy(report, root / "incoming.tmp")
        os.rename(root / "incoming.tmp", root / "inbox" / "report.txt")
        sha = hashlib.sha256(report.read_bytes()).hexdigest()
        exported = root / "out" / f"{sha}.json"
        deadline = time.monotonic() + 60  # a correctness bound, not a speed target
        while not exported.exists() and time.monotonic() < deadline:
            expect(daemon.poll() is None, "gongwen run exited:\n" + log_path.read_text())
            time.sleep(0.05)
        expect(exported.exists(), "the daemon did not export the report within 60 s:\n"
               + log_path.read_text())
        daemon.send_signal(signal.SIGTERM)
        code = daemon.wait(timeout=60)
        expect(code == 0, f"gongwen run exited {code} on SIGTERM:\n" + log_path.read_text())
    finally:
        if daemon.poll() is None:
            daemon.kill()
            daemon.wait()
    expect(len(read_ndjson(root / "metrics.ndjson")) == 1,
           "the daemon's ndjson_exporter did not append exactly one line")
    status = json.loads(run([gongwen, "status", "--config", config, "--format", "json"]).stdout)
    expect(status["files"]["done"] == 1, f"gongwen status: {status}")
    step("gongwen run: the report dropped into the inbox was processed and exported; "
         "SIGTERM stopped the daemon with exit code 0")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-dir", type=Path, required=True)
    ap.add_argument("--source-dir", type=Path, required=True)
    ap.add_argument("--cmake", required=True)
    ap.add_argument("--ctest", required=True)
    ap.add_argument("--generator", required=True)
    ap.add_argument("--cxx", required=True)
    ap.add_argument("--cxx-flags", default="")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()

    def body(work):
        prefix = work / "prefix"
        run([args.cmake, "--install", args.build_dir, "--prefix", prefix])
        check_layout(prefix)
        folders = check_plugin_data(args.build_dir, prefix)
        check_service_files(prefix)
        step(f"installed to {prefix}: every built plugin, {folders} plugin data folder(s)")
        builds = build_examples(args, prefix, work)

        gongwen = prefix / "bin" / "gongwen"
        report = args.source_dir / "examples" / "reports" / "sample_summary.txt"
        # The installed service config is one the installed gongwen accepts, key for key.
        run([gongwen, "process", "--config", prefix / "etc/gongwen/gongwen.toml",
             "--chain", "encoding_fix", report])
        step("the installed service config loads")

        root = work / "run"
        (root / "inbox").mkdir(parents=True)
        write_config(work / "gongwen.toml", root, builds)
        check_process(gongwen, work / "gongwen.toml", report, root)
        (root / "metrics.ndjson").unlink()
        shutil.rmtree(root / "out")
        check_run(gongwen, work / "gongwen.toml", report, root)

    return run_in_work_folder("install-test", args.keep, body)

if __name__ == "__main__":
    sys.exit(main())
