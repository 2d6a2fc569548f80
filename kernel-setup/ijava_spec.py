"""Registers the DSL on an IJava kernel (called by install.sh --ijava[=PATH]); safe to re-run.

Finds the installed IJava kernelspec (a kernelspec whose command runs an IJava jar), or, when there is none and
--install-from names an IJava jar or release zip, installs one as kernelspec "java" ("Java (IJava)") into the same
Jupyter and place as our kernel. Then edits its kernel.json: IJAVA_CLASSPATH gets our jars, IJAVA_STARTUP_SCRIPTS_PATH
our start-up scripts (entries the user added are kept), and the JVM gets -Xmx8g (ND4J keeps its arrays off-heap, the
heap only needs to be large enough for datasets) and -Djava.awt.headless=true (charts without a display), and IJava
is started through kernel-setup/IJavaLauncher.java (in Java's source-file mode, IJava's jar as the class path), so
that a message with a wrong signature does not silence it.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

OURS = "java-metalearn"
FLAGS = ["-Xmx8g", "-Djava.awt.headless=true"]
LAUNCHER = "IJavaLauncher.java"
IJAVA_JAR = re.compile(r"(^|/)ijava[^/]*\.jar$", re.IGNORECASE)


def say(text):
    print(f"[kernel-setup] {text}", file=sys.stderr)


def kernelspecs(jupyter):
    out = subprocess.run([jupyter, "kernelspec", "list", "--json"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)["kernelspecs"]


def is_ijava(name, spec):
    argv = spec.get("spec", {}).get("argv", [])
    return name != OURS and any(IJAVA_JAR.search(a) for a in argv)


def find_ijava(jupyter):
    """(name, resource_dir) of the installed IJava kernel, preferring the one named "java"; None if there is none."""
    found = sorted((n != "java", n, s["resource_dir"]) for n, s in kernelspecs(jupyter).items() if is_ijava(n, s))
    return (found[0][1], found[0][2]) if found else None


def install(jupyter, where, source, java):
    """Installs IJava from a jar or a release zip (whose jar is taken) as kernelspec "java" (or "ijava" if taken)."""
    taken = kernelspecs(jupyter)
    name = "java" if "java" not in taken else "ijava"
    with tempfile.TemporaryDirectory() as folder:
        if zipfile.is_zipfile(source) and not source.endswith(".jar"):
            with zipfile.ZipFile(source) as z:
                jars = [m for m in z.namelist() if IJAVA_JAR.search(m)]
                if not jars:
                    sys.exit(f"install.sh: --ijava: no ijava*.jar in {source}")
                jar = os.path.basename(jars[0])
                with z.open(jars[0]) as src, open(os.path.join(folder, jar), "wb") as dst:
                    shutil.copyfileobj(src, dst)
        else:
            jar = os.path.basename(source)
            if not IJAVA_JAR.search(jar):
                jar = "ijava.jar"  # named so that later runs recognise the kernelspec as IJava
            shutil.copy(source, os.path.join(folder, jar))
        spec = {"argv": [java, "-jar", jar, "{connection_file}"], "display_name": "Java (IJava)",
                "language": "java", "interrupt_mode": "message", "env": {}}
        with open(os.path.join(folder, "kernel.json"), "w") as f:
            json.dump(spec, f, indent=2)
        subprocess.run([jupyter, "kernelspec", "install", "--replace", "--name", name, where, folder], check=True,
                       stdout=subprocess.DEVNULL)
    resource_dir = kernelspecs(jupyter)[name]["resource_dir"]
    path = os.path.join(resource_dir, "kernel.json")
    spec = json.load(open(path))
    spec["argv"][2] = os.path.join(resource_dir, jar)  # the jar now lives in the kernelspec's folder
    write(path, spec)
    say(f"installed IJava from {source} as kernel '{spec['display_name']}' ({name})")
    return name, resource_dir


def with_ours(value, ours, mine):
    """A ':'-separated list with our entries first, the user's other entries kept, no duplicates."""
    rest = [e for e in (value or "").split(os.pathsep) if e and e not in ours and not mine(e)]
    return os.pathsep.join(ours + rest)


def register(path, jar, root):
    spec = json.load(open(path))
    argv = spec["argv"]
    launcher = os.path.join(root, "kernel-setup", LAUNCHER)
    ours = [j for j, a in enumerate(argv) if a.endswith(os.sep + LAUNCHER)]
    if "-jar" in argv or ("-cp" in argv and ours):  # as installed, or registered before
        i = argv.index("-jar") if "-jar" in argv else argv.index("-cp")
        rest = argv[i + 2:] if "-jar" in argv else argv[ours[0] + 1:]
        flags = [a for a in argv[1:i] if not a.startswith("-Xmx") and not a.startswith("-Djava.awt.headless=")]
        # started through our launcher: a message with a wrong signature no longer silences the kernel
        spec["argv"] = argv[:1] + flags + FLAGS + ["-cp", argv[i + 1], launcher] + rest
    else:
        say(f"{path}: no '-jar' in argv, JVM flags and launcher not added: {argv}")
    env = spec.setdefault("env", {})
    target = os.path.join(root, "kernel", "target")
    env["IJAVA_CLASSPATH"] = with_ours(env.get("IJAVA_CLASSPATH"), [jar, os.path.join(target, "lib", "*")],
                                       lambda e: e.startswith(target))
    # init.jshell: the imports both kernels share; ijava-init.jshell: registers our renderers on IJava
    scripts = [os.path.join(root, "kernel-setup", s) for s in ("init.jshell", "ijava-init.jshell")]
    env["IJAVA_STARTUP_SCRIPTS_PATH"] = with_ours(env.get("IJAVA_STARTUP_SCRIPTS_PATH"), scripts,
                                                  lambda e: e in scripts)
    # the recorded runs notebooks show (Recorded.of), wherever a notebook is opened from
    env["METALEARN_RESULTS"] = os.path.join(root, "results")
    write(path, spec)


def write(path, spec):
    tmp = path + ".part"
    with open(tmp, "w") as f:
        json.dump(spec, f, indent=2)
    os.replace(tmp, path)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jupyter", required=True)
    p.add_argument("--where", required=True, choices=["--user", "--sys-prefix"])
    p.add_argument("--jar", required=True)
    p.add_argument("--root", required=True)
    p.add_argument("--install-from")
    p.add_argument("--java", default=shutil.which("java") or "java")
    a = p.parse_args()
    found = find_ijava(a.jupyter)
    if found is None and a.install_from:
        found = install(a.jupyter, a.where, a.install_from, a.java)
    if found is None:
        say("--ijava: no IJava kernel installed (jupyter kernelspec list); name its jar or release zip: "
            "--ijava=PATH")
        sys.exit(1)
    name, resource_dir = found
    register(os.path.join(resource_dir, "kernel.json"), a.jar, a.root)
    say(f"registered the DSL on IJava kernel {name} ({resource_dir})")


if __name__ == "__main__":
    main()
