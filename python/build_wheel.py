"""Writes the diffusioncheck wheel: the Python package plus a prebuilt `checker` binary.

    python3 python/build_wheel.py --binary PATH --plat-tag manylinux_2_31_x86_64 --out dist \
        --license LICENSE --license GPL-3.0.txt

A platform wheel (py3-none-PLATFORM: the Python code is version independent, the binary is not),
written directly with zipfile so that building needs nothing beyond the standard library and works
offline. The binary goes to diffusioncheck/bin/checker with its executable bit; the
`diffusioncheck` command is a console-script entry point.
"""

import argparse
import base64
import hashlib
import re
import stat
import zipfile
from pathlib import Path

NAME = "diffusioncheck"
HERE = Path(__file__).resolve().parent


def version() -> str:
    text = (HERE / "src" / NAME / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M).group(1)


def record_line(arcname: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{arcname},sha256={digest},{len(data)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True, type=Path)
    parser.add_argument("--plat-tag", required=True)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--license", action="append", default=[], type=Path, help="license files to include")
    parser.add_argument("--requires-note", default="", help="what the binary needs at run time, for the metadata")
    args = parser.parse_args()

    ver = version()
    dist_info = f"{NAME}-{ver}.dist-info"
    tag = f"py3-none-{args.plat_tag}"
    args.out.mkdir(parents=True, exist_ok=True)
    wheel_path = args.out / f"{NAME}-{ver}-{tag}.whl"

    readme = (HERE / "README.md").read_text(encoding="utf-8")
    metadata = "\n".join([
        "Metadata-Version: 2.1",
        f"Name: {NAME}",
        f"Version: {ver}",
        "Summary: Checks the mathematics of diffusion models: noise schedules, scheduler configs and DDPM/DDIM notes.",
        "License: MIT (the Python code); the bundled checker binary links GNU GSL and is distributed under GPL-3.0-or-later",
        "Requires-Python: >=3.8",
        "Classifier: Programming Language :: Python :: 3",
        "Classifier: Operating System :: POSIX :: Linux",
        *[f"License-File: {p.name}" for p in args.license],
        "Description-Content-Type: text/markdown",
        "",
        readme + (f"\n\nRun-time requirements of the bundled binary: {args.requires_note}\n" if args.requires_note else ""),
    ])
    wheel_meta = "\n".join([
        "Wheel-Version: 1.0",
        "Generator: diffusioncheck build_wheel.py",
        "Root-Is-Purelib: false",
        f"Tag: {tag}",
        "",
    ])
    entry_points = "[console_scripts]\ndiffusioncheck = diffusioncheck.__main__:main\n"

    files: list[tuple[str, bytes, int]] = []
    for source in sorted((HERE / "src" / NAME).rglob("*.py")):
        files.append((f"{NAME}/{source.relative_to(HERE / 'src' / NAME).as_posix()}", source.read_bytes(), 0o644))
    files.append((f"{NAME}/bin/checker", args.binary.read_bytes(), 0o755))
    for license_file in args.license:
        files.append((f"{dist_info}/licenses/{license_file.name}", license_file.read_bytes(), 0o644))
    files.append((f"{dist_info}/METADATA", metadata.encode(), 0o644))
    files.append((f"{dist_info}/WHEEL", wheel_meta.encode(), 0o644))
    files.append((f"{dist_info}/entry_points.txt", entry_points.encode(), 0o644))

    records = [record_line(name, data) for name, data, _ in files]
    records.append(f"{dist_info}/RECORD,,")
    files.append((f"{dist_info}/RECORD", ("\n".join(records) + "\n").encode(), 0o644))

    with zipfile.ZipFile(wheel_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data, mode in files:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = (stat.S_IFREG | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    print(wheel_path)


if __name__ == "__main__":
    main()
