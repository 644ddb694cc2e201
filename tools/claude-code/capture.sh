#!/usr/bin/env bash
# Re-captures what the pinned Claude Code CLI really sends, as sanitised resources for the
# Claude Code profile: recordings/src/main/resources/relay-tck/claude-code/<version>/.
# Installs the pinned CLI if needed, builds the recordings module, then drives the CLI through the
# scripted coding session against a loopback capture server, once with -p (print/) and once in
# its terminal interface through tmux (interactive/). When the machine allows it the whole
# run happens in a private network namespace that has only a loopback interface, and every connect()
# is traced with strace; any attempt to leave loopback fails the capture.
# Exit codes: 0 captured; 1 the scripted session failed; 3 skipped (reason on stderr).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

set +e
claude="$("$here/install.sh")"
rc=$?
set -e
[[ $rc -eq 0 ]] || exit "$rc"
version="$("$claude" --version | awk '{print $1}')"
out="$repo/recordings/src/main/resources/relay-tck/claude-code/$version"

cd "$repo"
./mvnw -B -q -pl recordings -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
cp="$repo/recordings/target/classes:$(cat "$repo/recordings/target/cp.txt")"

capture=(java -cp "$cp" dev.relaytck.recordings.record.CaptureClaudeCode --claude "$claude" --out "$out")
if command -v tmux >/dev/null 2>&1; then
  capture+=(--tmux "$(command -v tmux)")
else
  echo "note: tmux not found; the interactive session is not captured" >&2
fi
if command -v strace >/dev/null 2>&1; then
  capture+=(--strace "$(command -v strace)")
else
  echo "note: strace not found; connect() calls are not traced" >&2
fi

if command -v unshare >/dev/null 2>&1 && command -v ip >/dev/null 2>&1 \
    && unshare -rn ip link set lo up 2>/dev/null; then
  echo "capturing Claude Code $version in a network namespace with loopback only" >&2
  unshare -rn sh -c 'ip link set lo up && exec "$@"' capture "${capture[@]}"
else
  echo "note: no network namespace available; relying on the disabled nonessential traffic and the connect trace" >&2
  "${capture[@]}"
fi
