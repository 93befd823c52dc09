#!/usr/bin/env bash
# Installs what headless browser tests need: Debian's chromium + chromedriver and the selenium
# Python package. Idempotent: each step is skipped when its tools are already present.
#   scripts/browser-deps.sh
# Create drivers with an explicit Service("/usr/bin/chromedriver") and binary_location
# "/usr/bin/chromium" so Selenium Manager never runs (it otherwise calls out to the internet).
set -euo pipefail

as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "browser-deps: need root (or sudo) to run: $*" >&2
        exit 1
    fi
}

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    echo "browser-deps: chromium and chromedriver already installed, skipping apt"
else
    echo "browser-deps: installing chromium and chromium-driver with apt"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends chromium chromium-driver
fi

if python3 -c 'import selenium' >/dev/null 2>&1; then
    echo "browser-deps: selenium already importable, skipping pip"
else
    echo "browser-deps: installing selenium with pip"
    # Same flags as .ci/run. A Debian system python refuses plain installs (PEP 668), so retry
    # with --break-system-packages (plus --user when not root) only in that case.
    pip_install=(python3 -m pip install --quiet --disable-pip-version-check)
    if ! out=$("${pip_install[@]}" selenium 2>&1); then
        if grep -q externally-managed-environment <<<"$out"; then
            extra=(--break-system-packages)
            [ "$(id -u)" = 0 ] || extra+=(--user)
            "${pip_install[@]}" "${extra[@]}" selenium
        else
            echo "$out" >&2
            exit 1
        fi
    fi
fi

# chromium's --version can print a harmless "[: ... unexpected operator" from
# /etc/chromium.d/dev-shm when /dev/shm is mounted twice; keep only the version line.
echo "browser-deps: $(chromium --version 2>/dev/null)"
echo "browser-deps: $(chromedriver --version 2>/dev/null)"
echo "browser-deps: selenium $(python3 -c 'import selenium; print(selenium.__version__)')"
