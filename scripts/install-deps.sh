#!/usr/bin/env bash
# Installs the system packages fedcat builds against, when missing (Debian/Ubuntu, as root or with sudo).
set -euo pipefail

packages=(libcurl4-openssl-dev libxml2-dev libserd-dev libsqlite3-dev zlib1g-dev libzstd-dev pkg-config)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "fedcat: installing system packages: ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then run=(); elif command -v sudo >/dev/null; then run=(sudo); else
        echo "fedcat: missing packages ${missing[*]}; run as root or install them with apt-get." >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${run[@]}" apt-get install -y --no-install-recommends "${missing[@]}" \
        || { "${run[@]}" apt-get update && "${run[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; }
fi

if ! command -v swift >/dev/null; then
    for candidate in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
        [ -x "$candidate/swift" ] && { echo "fedcat: swift is in $candidate but not on PATH; add it: export PATH=$candidate:\$PATH" >&2; exit 1; }
    done
    echo "fedcat: Swift 6 is required (https://www.swift.org/install/linux/); it is not on PATH." >&2
    exit 1
fi
