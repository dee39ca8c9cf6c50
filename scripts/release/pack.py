"""Writes the release archive from a finished build; run by scripts/release.sh.

The zip holds one folder, interlude-<version>/:

    widget/               the built widget (dist/): everything a host serves
    deploy/               nginx.conf, apache.htaccess, _headers
    DEPLOY.md             the clinic's guide (scripts/release/DEPLOY.md, filled in)
    CHANGELOG.md
    embed-integrity.txt   the integrity hash of widget/embed.js, for the script tag
    SHA256SUMS            the SHA-256 of every other file (sha256sum -c SHA256SUMS)

Only the files' bytes go in: entries are sorted by name, each dated with the
commit (--epoch) and marked as a plain 0644 file, DEFLATE level 9, no
directory entries, no extra fields. The same build then gives the same zip,
given the same Python zipfile and zlib (their versions are printed).
"""

import argparse
import base64
import hashlib
import sys
import time
import zipfile
import zlib
from pathlib import Path


def files_under(root: Path, prefix: str) -> dict:
    """Every file under root, as {prefix/relative/path: bytes}."""
    if not root.is_dir():
        sys.exit(f"pack: {root} is not a folder")
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            sys.exit(f"pack: {path} is a symbolic link; a release holds plain files only")
        if path.is_file():
            out[f"{prefix}/{path.relative_to(root).as_posix()}"] = path.read_bytes()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("dist", "deploy", "changelog", "template", "version", "commit", "tools", "out"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--epoch", type=int, required=True, help="seconds since 1970 (the commit's time)")
    args = parser.parse_args()

    widget = files_under(Path(args.dist), "widget")
    for needed in ("widget/index.html", "widget/embed.js", "widget/sw.js", "widget/builder/index.html"):
        if needed not in widget:
            sys.exit(f"pack: the build has no {needed[len('widget/'):]}; did scripts/build.sh finish?")
    if b"{{EMBED_INTEGRITY}}" in widget["widget/builder/index.html"]:
        sys.exit("pack: builder/index.html has no integrity hash (scripts/embed.mjs did not run)")
    integrity = "sha384-" + base64.b64encode(hashlib.sha384(widget["widget/embed.js"]).digest()).decode()

    files = dict(widget)
    files.update(files_under(Path(args.deploy), "deploy"))
    files["CHANGELOG.md"] = Path(args.changelog).read_bytes()
    files["embed-integrity.txt"] = f"{integrity}\n".encode()
    guide = Path(args.template).read_text(encoding="utf-8")
    tools = "".join(f"    {line}\n" for line in args.tools.strip().splitlines())
    for key, value in (("VERSION", args.version), ("COMMIT", args.commit), ("INTEGRITY", integrity),
                       ("TOOLS", tools.rstrip("\n"))):
        if "{{" + key + "}}" not in guide:
            sys.exit(f"pack: {args.template} has no {{{{{key}}}}}")
        guide = guide.replace("{{" + key + "}}", value)
    files["DEPLOY.md"] = guide.encode()
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items()))
    files["SHA256SUMS"] = sums.encode()

    top = f"interlude-{args.version}"
    # Zip dates have no time zone and start in 1980: the commit's UTC time.
    date = time.gmtime(min(max(args.epoch, 315532800), 4354819199))[:6]
    out = Path(args.out)
    partial = out.with_name(out.name + ".partial")
    with zipfile.ZipFile(partial, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=date)
            info.create_system = 3  # Unix, whatever machine packs it
            info.external_attr = 0o100644 << 16  # a plain file, rw-r--r--
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name], compresslevel=9)
    with zipfile.ZipFile(partial) as archive:
        if archive.testzip() is not None:
            sys.exit("pack: the archive just written does not read back")
    partial.replace(out)

    data = out.read_bytes()
    print(f"    {len(files)} files, {sum(map(len, files.values()))} bytes unpacked, {len(data)} bytes packed"
          f" (zlib {zlib.ZLIB_VERSION})")
    print(f"    SHA-256 of the archive: {hashlib.sha256(data).hexdigest()}")
    print(f"    SHA-256 of its SHA256SUMS: {hashlib.sha256(files['SHA256SUMS']).hexdigest()}")
    print(f"    embed.js integrity: {integrity}")


if __name__ == "__main__":
    main()
