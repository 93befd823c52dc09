#!/usr/bin/env bash
# The SDK's boundary, checked by compiling against the built modules (CI runs it after `swift build`):
# code that imports only PlotonKit sees the client and the wire types (visible.swift must compile),
# and none of the server's domain: each line of hidden.txt, alone in a file, must fail to compile
# with "cannot find … in scope".
#   Examples/SDKBoundary/check.sh [BIN]     # BIN: the build's bin path, default .build/debug
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../.build/debug}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The C modules of the dependencies: maps SwiftPM generated, and those the packages ship.
flags=(-typecheck -I "$bin/Modules")
while IFS= read -r map; do flags+=(-Xcc "-fmodule-map-file=$map"); done < <(
    find "$bin/" -name module.modulemap -not -path "*-tool.build/*"
    find "$bin/../../checkouts" -path "*/Sources/*/include/module.modulemap" 2>/dev/null
)

swiftc "${flags[@]}" "$here/visible.swift" || { echo "visible.swift does not compile against PlotonKit" >&2; exit 1; }
echo "ok: PlotonKit shows the client and the wire types"

status=0
while IFS= read -r line; do
    [ -z "$line" ] && continue
    printf 'import PlotonKit\n\n%s\n' "$line" >"$scratch/hidden.swift"
    if swiftc "${flags[@]}" "$scratch/hidden.swift" >"$scratch/out" 2>&1; then
        echo "LEAK: an app importing PlotonKit compiles: $line" >&2
        status=1
    elif ! grep -q "cannot find .* in scope" "$scratch/out"; then
        echo "unexpected error for: $line" >&2
        cat "$scratch/out" >&2
        status=1
    else
        echo "ok: hidden: $line"
    fi
done <"$here/hidden.txt"
exit $status
