#!/usr/bin/env bash
# Installs the pinned Claude Code CLI into <repo>/.tools/claude-code (git-ignored), idempotently.
# Prints the path of the `claude` executable on stdout on success.
# Exit codes: 0 installed (or already installed); 3 skipped (npm or the platform binary unavailable,
# reason on stderr); anything else: npm failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
dest="${RELAYTCK_CLAUDE_CODE_DIR:-$repo/.tools/claude-code}"
version="$(sed -n 's/.*"@anthropic-ai\/claude-code": *"\([^"]*\)".*/\1/p' "$here/package.json" | head -n 1)"

skip() { echo "claude-code install skipped: $*" >&2; exit 3; }

bin="$dest/node_modules/.bin/claude"
installed_version() {
  sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$dest/node_modules/@anthropic-ai/claude-code/package.json" 2>/dev/null | head -n 1
}
probe() { "$bin" --version 2>/dev/null | head -n 1; }

if [[ -x "$bin" && "$(installed_version)" == "$version" ]] && probe | grep -q "^$version"; then
  echo "$bin"
  exit 0
fi

command -v npm >/dev/null 2>&1 || skip "npm is not on the PATH (Claude Code $version is installed with npm)"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64|Linux-aarch64|Darwin-x86_64|Darwin-arm64) ;;
  *) skip "no Claude Code binary is published for $(uname -s)-$(uname -m)" ;;
esac

mkdir -p "$dest"
cp "$here/package.json" "$here/package-lock.json" "$here/.npmrc" "$dest/"
# npm ci installs exactly the lock; --engine-strict=false because the package asks for node>=22 but
# only its postinstall step uses node (the CLI itself is a native binary).
( cd "$dest" && npm ci --no-audit --no-fund --engine-strict=false --loglevel=error ) >&2 \
  || skip "npm ci failed (no access to the npm registry?) while installing @anthropic-ai/claude-code@$version"

[[ -x "$bin" ]] || skip "npm installed no claude executable (optional platform package missing for $(uname -s)-$(uname -m))"
got="$(probe || true)"
[[ "$got" == "$version"* ]] || skip "the installed claude binary does not run here (claude --version said: '${got:-nothing}')"
echo "$bin"
