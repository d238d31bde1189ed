#!/usr/bin/env bash
# Checks @dora/core exactly as npm would receive it: build, `pnpm pack` (which applies
# publishConfig), then publint --strict and attw on the tarball, then the tarball's contents and
# a real import of it from a clean directory. Exits non-zero on the first problem.
set -euo pipefail

pkg_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$pkg_dir"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

fail() { echo "check-publish: $*" >&2; exit 1; }
started=$SECONDS
step() { echo "check-publish: $* (+$((SECONDS - started)) s)"; }

step "build"
pnpm run --silent build

step "pack"
pnpm pack --pack-destination "$tmp" >/dev/null
tarballs=("$tmp"/*.tgz)
[[ ${#tarballs[@]} -eq 1 && -f ${tarballs[0]} ]] || fail "expected one tarball in $tmp"
tarball="${tarballs[0]}"

step "publint --strict"
pnpm exec publint run --strict "$tarball"

step "attw --profile esm-only"
pnpm exec attw "$tarball" --profile esm-only --no-emoji --no-color --format table-flipped

step "tarball contents"
mkdir -p "$tmp/node_modules/@dora/core"
tar -xzf "$tarball" -C "$tmp/node_modules/@dora/core" --strip-components=1
node "$pkg_dir/scripts/check-packed-manifest.mjs" "$tmp/node_modules/@dora/core"

step "import from a clean directory"
# Only the runtime dependencies the manifest declares are made resolvable.
for dep in $(node -e 'const m=require(process.argv[1]);console.log(Object.keys(m.dependencies??{}).join(" "))' "$tmp/node_modules/@dora/core/package.json"); do
  mkdir -p "$tmp/node_modules/$(dirname "$dep")"
  ln -s "$(cd "$pkg_dir" && node -e 'const p=require("node:path");console.log(p.dirname(require.resolve(process.argv[1]+"/package.json")))' "$dep")" "$tmp/node_modules/$dep"
done
cp "$pkg_dir/scripts/smoke-import.mjs" "$tmp/smoke-import.mjs"
(cd "$tmp" && node smoke-import.mjs)

step "ok"
